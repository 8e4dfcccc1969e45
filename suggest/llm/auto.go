package llm

import (
	"context"

	"github.com/triage-ar/triage/triage"
)

// Auto is strategy auto: the LLM when it is configured and its breaker is
// not open, the offline strategy otherwise, without waiting on a server
// known to be down. It implements triage.Suggester.
type Auto struct {
	LLM *Strategy        // nil when no LLM is configured
	KNN triage.Suggester // the offline strategy, usually LLM.Base too
}

// Suggest implements triage.Suggester.
func (a Auto) Suggest(ctx context.Context, in triage.SuggestInput) (triage.Suggestion, error) {
	if a.LLM == nil || a.LLM.Client == nil || a.LLM.Breaker.State() == BreakerOpen {
		return a.KNN.Suggest(ctx, in)
	}
	return a.LLM.Suggest(ctx, in)
}
