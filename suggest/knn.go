package suggest

import (
	"context"
	"fmt"
	"time"

	"github.com/triage-ar/triage/triage"
)

// StrategyKNN names the offline nearest-neighbour strategy in suggestions.
const StrategyKNN = "knn"

// DefaultK is how many past qualifications vote.
const DefaultK = 15

// KNN suggests the status voted by the nearest past qualifications of the
// tenant, the reply's first sentences as comment, the items it mentions and
// the follow-up configured for the status. It implements triage.Suggester.
type KNN struct {
	Embedder Embedder
	Index    Index
	K        int
}

// Suggest implements triage.Suggester.
func (s KNN) Suggest(ctx context.Context, in triage.SuggestInput) (triage.Suggestion, error) {
	start := time.Now()
	text := in.Reply.BodyClean
	if text == "" {
		text = in.Reply.Text
	}
	vec, err := s.Embedder.Embed(ctx, text)
	if err != nil {
		return triage.Suggestion{}, fmt.Errorf("suggest: embed: %w", err)
	}
	k := s.K
	if k <= 0 {
		k = DefaultK
	}
	ns, err := s.Index.Nearest(ctx, in.TenantID, vec, k)
	if err != nil {
		return triage.Suggestion{}, fmt.Errorf("suggest: neighbours: %w", err)
	}
	sg := triage.Suggestion{Strategy: StrategyKNN, Neighbours: ns, Comment: Summary(text)}
	v, ok := VoteNeighbours(ns, in.Catalog)
	if !ok {
		// No usable history yet: propose the catch-all status with no confidence,
		// so the queue shows it as needing review.
		v = Vote{Status: fallbackStatus(in.Catalog)}
	}
	sg.Status, sg.Confidence = v.Status, v.Confidence
	if st, ok := in.Catalog.Find(sg.Status); ok {
		sg.FollowUp = triage.PlanFollowUp(st, in.Now)
	}
	sg.Items = MentionedItems(in.Reply.Subject+"\n"+in.Reply.Text, in.Reply.ItemRefs, in.Items)
	if len(sg.Items) == 0 {
		sg.Items = overdue(in.Items, in.Now)
	}
	sg.Latency = time.Since(start)
	return sg, nil
}

// fallbackStatus is "other" when the catalog has it, else its first status.
func fallbackStatus(cat triage.Catalog) string {
	if _, ok := cat.Find("other"); ok || len(cat) == 0 {
		return "other"
	}
	return cat[0].Code
}

// overdue lists the numbers of the items past due: what a reminder was about
// when the customer names no item.
func overdue(items []triage.Item, now time.Time) []string {
	var out []string
	for _, it := range items {
		if it.Overdue(now) {
			out = append(out, it.Number)
		}
	}
	return out
}
