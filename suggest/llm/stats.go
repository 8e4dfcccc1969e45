package llm

import (
	"maps"
	"sync"
)

// Why a suggestion fell back to the base strategy.
const (
	ReasonBreakerOpen = "breaker_open"   // the breaker refused the call
	ReasonTransport   = "transport"      // network error, timeout, 429 or 5xx after retries, other API error
	ReasonInvalid     = "invalid_answer" // the answer failed validation, repair included
	ReasonPrompt      = "prompt"         // the tenant's prompt could not be loaded or rendered
)

// Stats counts what the LLM strategy and its client did since start, for
// metrics and the logs. A nil *Stats counts nothing. It is safe for
// concurrent use.
type Stats struct {
	mu sync.Mutex
	s  StatsSnapshot
}

// StatsSnapshot is a copy of the counters.
type StatsSnapshot struct {
	Calls            int64            // chat and embeddings calls made (retries not counted)
	Retries          int64            // requests sent again after a 429, a 5xx or a network error
	Repairs          int64            // repair requests after an invalid answer
	JSONModeFallback int64            // calls resent in JSON mode after a json_schema rejection
	LLMSuggestions   int64            // suggestions the LLM made
	Fallbacks        map[string]int64 // suggestions left to the base strategy, by reason
	PromptTokens     int64
	CompletionTokens int64
	Cost             float64
}

// Snapshot returns a copy of the counters.
func (s *Stats) Snapshot() StatsSnapshot {
	if s == nil {
		return StatsSnapshot{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.s
	out.Fallbacks = maps.Clone(s.s.Fallbacks)
	return out
}

func (s *Stats) add(f func(*StatsSnapshot)) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.s)
}

func (s *Stats) retry() { s.add(func(v *StatsSnapshot) { v.Retries++ }) }

func (s *Stats) call(u Usage, cost float64) {
	s.add(func(v *StatsSnapshot) {
		v.Calls++
		v.PromptTokens += int64(u.PromptTokens)
		v.CompletionTokens += int64(u.CompletionTokens)
		v.Cost += cost
	})
}

func (s *Stats) fallback(reason string) {
	s.add(func(v *StatsSnapshot) {
		if v.Fallbacks == nil {
			v.Fallbacks = map[string]int64{}
		}
		v.Fallbacks[reason]++
	})
}
