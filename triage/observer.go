package triage

import "time"

// Observer is told what the workflow does, for metrics. Its methods must
// return at once and never fail the workflow.
type Observer interface {
	// Ingested: a reply was stored (created) or found stored already.
	Ingested(source string, created bool)
	// Suggested: a suggestion was computed and stored.
	Suggested(strategy string, latency time.Duration)
	// Qualified: a collector qualified a reply, from a suggestion or not,
	// changing these of its fields.
	Qualified(fromSuggestion bool, edits []string)
}

// noObserver observes nothing.
type noObserver struct{}

func (noObserver) Ingested(string, bool)           {}
func (noObserver) Suggested(string, time.Duration) {}
func (noObserver) Qualified(bool, []string)        {}

// Observe sets the observer of the workflow, before it is used.
func (s *Service) Observe(o Observer) { s.obs = o }
