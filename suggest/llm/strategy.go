package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/triage"
)

// StrategyLLM names the LLM strategy in suggestions.
const StrategyLLM = "llm"

// DefaultExamples is how many past qualifications the prompt shows.
const DefaultExamples = 5

// PromptSource gives the prompt version in force for a tenant.
type PromptSource func(ctx context.Context, tenantID int64) (*prompts.Compiled, error)

// CompanySource gives the name of a tenant's company, which prompts show.
type CompanySource func(ctx context.Context, tenantID int64) (string, error)

// Strategy asks an LLM to qualify a reply, with the base strategy's
// neighbours as few-shot examples and its suggestion as the fallback. It
// implements triage.Suggester.
type Strategy struct {
	Client *Client
	// Prompt gives the tenant's active prompt version (prompts.Default() when nil).
	Prompt PromptSource
	// Company names the tenant in prompts (the prompt reads an empty name when nil).
	Company CompanySource
	// Base is the offline strategy: it runs first, for neighbours and fallback.
	Base triage.Suggester
	// Breaker guards the server (none when nil).
	Breaker *Breaker
	// Logger receives fallbacks (slog.Default() when nil).
	Logger *slog.Logger
	// Stats receives the strategy's counters (none kept when nil).
	Stats *Stats
	// Examples is how many neighbours the prompt shows (DefaultExamples when 0).
	Examples int
}

// defaultPrompt is the embedded default version, compiled once.
var defaultPrompt = sync.OnceValues(func() (*prompts.Compiled, error) { return prompts.Compile(prompts.Default()) })

// Suggest implements triage.Suggester. Whatever goes wrong with the LLM, the
// base's suggestion is returned, with the tokens, cost and time spent on the
// attempt; only a failing base strategy or a cancelled ctx is an error.
func (s *Strategy) Suggest(ctx context.Context, in triage.SuggestInput) (triage.Suggestion, error) {
	start := time.Now()
	base, err := s.Base.Suggest(ctx, in)
	if err != nil {
		return triage.Suggestion{}, fmt.Errorf("llm: base strategy: %w", err)
	}
	sg, spent, reason, err := s.ask(ctx, in, base)
	if cerr := ctx.Err(); cerr != nil {
		return triage.Suggestion{}, fmt.Errorf("llm: suggest reply %d: %w", in.Reply.ID, cerr)
	}
	cost := s.cost(spent)
	if reason != "" {
		s.Stats.fallback(reason)
		s.logger().WarnContext(ctx, "llm suggestion fell back to "+base.Strategy, "tenant", in.TenantID,
			"reply", in.Reply.ID, "reason", reason, "err", err, "tokens", spent.Total())
		sg = base
	} else {
		s.Stats.add(func(v *StatsSnapshot) { v.LLMSuggestions++ })
	}
	sg.Tokens += spent.Total()
	sg.Cost += cost
	sg.Latency = time.Since(start)
	return sg, nil
}

// ask runs the LLM exchange. It returns the suggestion, or the reason it
// could not make one, with the tokens spent either way.
func (s *Strategy) ask(ctx context.Context, in triage.SuggestInput, base triage.Suggestion) (sg triage.Suggestion, spent Usage, reason string, err error) {
	if s.Client == nil {
		return sg, spent, ReasonTransport, errNoClient
	}
	compiled, err := s.prompt(ctx, in.TenantID)
	if err != nil {
		return sg, spent, ReasonPrompt, err
	}
	var company string
	if s.Company != nil {
		if company, err = s.Company(ctx, in.TenantID); err != nil {
			return sg, spent, ReasonPrompt, fmt.Errorf("llm: company of tenant %d: %w", in.TenantID, err)
		}
	}
	system, user, err := compiled.Render(prompts.DataOf(company, in, s.examples(base.Neighbours)))
	if err != nil {
		return sg, spent, ReasonPrompt, err
	}
	open := make([]string, len(in.Items))
	for i, it := range in.Items {
		open[i] = it.Number
	}
	sc := answerSchema(in.Catalog, open)
	ref := in.Reply.ReceivedAt
	if ref.IsZero() {
		ref = in.Now
	}
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: system},
		{Role: openai.ChatMessageRoleUser, Content: user},
	}
	var a answer
	for attempt := 0; ; attempt++ {
		text, u, err := s.call(ctx, msgs, sc)
		spent.add(u)
		if err != nil {
			if errors.Is(err, ErrBreakerOpen) {
				return sg, spent, ReasonBreakerOpen, err
			}
			return sg, spent, ReasonTransport, err
		}
		if a, err = parseAnswer(text, in.Catalog, open, ref); err == nil {
			break
		}
		if attempt == 1 {
			return sg, spent, ReasonInvalid, err
		}
		s.Stats.add(func(v *StatsSnapshot) { v.Repairs++ })
		msgs = append(msgs,
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: text},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: repairRequest(err)})
	}
	st, _ := in.Catalog.Find(a.Status)
	sg = base
	sg.Strategy = StrategyLLM
	sg.PromptVersion = compiled.Name()
	sg.Status, sg.Comment = a.Status, a.Comment
	if len(a.Items) > 0 {
		// Without items named, the base's choice stands: those the reply
		// mentions, else the overdue ones the reminder was about.
		sg.Items = a.Items
	}
	sg.ItemStatuses = a.ItemStatuses
	sg.FollowUp = followUp(st, a.Date, base, in)
	sg.Confidence = combine(a.Confidence, a.Status, base.Status, base.Confidence)
	return sg, spent, "", nil
}

// call sends one chat completion through the breaker.
func (s *Strategy) call(ctx context.Context, msgs []openai.ChatCompletionMessage, sc Schema) (string, Usage, error) {
	if !s.Breaker.Allow() {
		return "", Usage{}, ErrBreakerOpen
	}
	text, u, err := s.Client.chat(ctx, msgs, sc)
	switch {
	case err == nil:
		s.Breaker.Success()
	case ctx.Err() != nil:
		s.Breaker.Cancel()
	case serverFault(err):
		s.Breaker.Failure()
	default:
		s.Breaker.Success()
	}
	return text, u, err
}

// repairRequest asks the model to fix the problems of its last answer.
func repairRequest(err error) string {
	msg := err.Error()
	var ia *invalidAnswer
	if errors.As(err, &ia) {
		msg = ""
		for _, p := range ia.problems {
			msg += "\n- " + p
		}
	}
	return "Your answer is invalid:" + msg + "\nAnswer again with one corrected JSON object only."
}

// examples are the neighbours the prompt shows: the nearest ones with a comment.
func (s *Strategy) examples(ns []triage.Neighbour) []triage.Neighbour {
	k := s.Examples
	if k <= 0 {
		k = DefaultExamples
	}
	var out []triage.Neighbour
	for _, n := range ns {
		if len(out) == k {
			break
		}
		if n.Comment != "" {
			out = append(out, n)
		}
	}
	return out
}

func (s *Strategy) prompt(ctx context.Context, tenantID int64) (*prompts.Compiled, error) {
	if s.Prompt == nil {
		return defaultPrompt()
	}
	c, err := s.Prompt(ctx, tenantID)
	if err != nil {
		return nil, fmt.Errorf("llm: prompt of tenant %d: %w", tenantID, err)
	}
	return c, nil
}

func (s *Strategy) cost(u Usage) float64 {
	if s.Client == nil {
		return 0
	}
	return s.Client.cfg.Cost(u.PromptTokens, u.CompletionTokens)
}

func (s *Strategy) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}
