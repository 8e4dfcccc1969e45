package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/triage-ar/triage/evals"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// EvalDeps is what eval runs need besides the database: the same cleaning,
// language detection and prior as the server's suggestions.
type EvalDeps struct {
	Clean func(string) string
	Lang  func(string) string
	Prior []suggest.LabelledText
	// Wrap builds the strategy of a run that needs more than the offline
	// one (llm, auto), with the prompt version it names (nil: the active one).
	Wrap func(strategy string, promptID *int64, knn triage.Suggester) (triage.Suggester, error)
}

// progressEvery is how many cases pass between progress updates (and
// checks for cancellation).
const progressEvery = 10

// runEval replays an eval set against the tenant's own history, the cases
// of the set left out of it (no leakage), and stores the report. A
// cancelled run stops at its next progress update.
func (w *Worker) runEval(ctx context.Context, tenantID, runID int64) error {
	run, err := w.DB.EvalRun(ctx, tenantID, runID)
	if err != nil {
		return err
	}
	if run.State != "queued" && run.State != "running" {
		return nil // cancelled before it started, or a retried job of a finished run
	}
	set, err := w.DB.EvalSet(ctx, tenantID, run.SetID)
	if err != nil {
		return err
	}
	var cases []evals.Case
	if err := json.Unmarshal(set.Cases, &cases); err != nil {
		return w.DB.FinishEvalRun(ctx, tenantID, runID, "failed", nil, "the set's cases cannot be read: "+err.Error())
	}
	hist, err := w.DB.QualifiedTexts(ctx, tenantID)
	if err != nil {
		return err
	}
	// Cases taken from the tenant's qualifications ("q<id>") are not
	// history for their own run.
	leftOut := make(map[int64]bool)
	for _, c := range cases {
		if n, ok := strings.CutPrefix(c.ID, "q"); ok {
			if id, err := strconv.ParseInt(n, 10, 64); err == nil {
				leftOut[id] = true
			}
		}
	}
	var history []evals.Case
	for _, h := range hist {
		if !leftOut[h.ID] {
			history = append(history, evals.Case{ID: "q" + strconv.FormatInt(h.ID, 10), Text: h.Text, Status: h.Status})
		}
	}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopped := false
	opts := evals.Options{Strategy: run.Strategy, Clean: w.Eval.Clean, Lang: w.Eval.Lang, Prior: w.Eval.Prior,
		Tenant: tenantID,
		Progress: func(done, total int) {
			if done%progressEvery != 0 && done != total {
				return
			}
			if c, err := w.DB.EvalProgress(ctx, tenantID, runID, done); err == nil && c {
				stopped = true
				cancel()
			}
		}}
	if run.Strategy != suggest.StrategyKNN && w.Eval.Wrap != nil {
		opts.Wrap = func(knn triage.Suggester) (triage.Suggester, error) {
			return w.Eval.Wrap(run.Strategy, run.PromptID, knn)
		}
	}
	if _, err := w.DB.EvalProgress(ctx, tenantID, runID, 0); err != nil {
		return err
	}
	rep, err := evals.Run(rctx, history, cases, opts)
	switch {
	case stopped:
		return w.DB.FinishEvalRun(ctx, tenantID, runID, "cancelled", nil, "")
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return err // the worker stops: the job is retried
	case err != nil:
		return w.DB.FinishEvalRun(ctx, tenantID, runID, "failed", nil, err.Error())
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("jobs: eval report: %w", err)
	}
	return w.DB.FinishEvalRun(ctx, tenantID, runID, "done", b, "")
}

// evalJob runs a JobEval job.
func (w *Worker) evalJob(ctx context.Context, j store.Job) error {
	id, err := j.EvalRunID()
	if err != nil {
		return err
	}
	return w.runEval(ctx, j.TenantID, id)
}
