package suggest

import (
	"context"
	"fmt"
	"time"

	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

// StrategyKNN names the offline strategy in suggestions: nearest past
// qualifications and the tenant's classifier.
const StrategyKNN = "knn"

// DefaultK is how many past qualifications vote.
const DefaultK = 15

// ModelSource gives the status model of a tenant. Models trains and caches
// them; evals hand over a model trained once.
type ModelSource interface {
	Model(ctx context.Context, tenantID int64) (*Model, error)
}

// FixedModel is a ModelSource that gives the same model to every tenant.
type FixedModel struct{ M *Model }

// Model implements ModelSource.
func (f FixedModel) Model(context.Context, int64) (*Model, error) { return f.M, nil }

// KNN suggests the status its tenant's model gives from the reply's text and
// the vote of the nearest past qualifications, the reply's first sentences
// as comment, the items it mentions and the follow-up configured for the
// status. Without Models the vote alone decides. It implements triage.Suggester.
type KNN struct {
	Embedder Embedder    // must be the one the Index's vectors were made with
	Index    Index       // past qualifications in force
	Models   ModelSource // the tenants' classifiers; nil: the vote alone
	K        int         // neighbours that vote (default DefaultK)
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
	var model *Model
	if s.Models != nil {
		if model, err = s.Models.Model(ctx, in.TenantID); err != nil {
			return triage.Suggestion{}, fmt.Errorf("suggest: model of tenant %d: %w", in.TenantID, err)
		}
	}
	allow := inCatalog(in.Catalog)
	sg := triage.Suggestion{Strategy: StrategyKNN, Neighbours: ns, Comment: Summary(text)}
	if d := model.Distribution(text, VoteShares(ns, allow), allow); len(d) > 0 {
		sg.Status, sg.Confidence = d[0].Status, d[0].P
	} else {
		// No usable history yet: propose the catch-all status with no confidence,
		// so the queue shows it as needing review.
		sg.Status = in.Catalog.CatchAll()
	}
	open := make([]string, len(in.Items))
	for i, it := range in.Items {
		open[i] = it.Number
	}
	// Dates and intents are read in the customer's own words, not in the
	// quoted reminder, whose due dates would read as promises.
	res := extract.Extract(text, in.Now, open)
	if st, ok := in.Catalog.Find(sg.Status); ok {
		sg.FollowUp = planFollowUp(st, text, res, in.Now, in.Settings.Calendar)
	}
	sg.Items = MentionedItems(in.Reply.Subject+"\n"+in.Reply.Text, in.Reply.ItemRefs, in.Items)
	if len(sg.Items) == 0 {
		sg.Items = overdue(in.Items, in.Now)
	}
	sg.ItemStatuses = itemStatuses(res.ItemIntents, in.Catalog)
	sg.Latency = time.Since(start)
	return sg, nil
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
