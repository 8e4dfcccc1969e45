// Package jobs runs triage's background work from the Postgres job queue:
// workers claim jobs with FOR UPDATE SKIP LOCKED, so any number of them, in
// any number of replicas, share the queue without handing a job out twice.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/triage-ar/triage/outbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// Lease is how long a claimed job is reserved before another worker may
// take it over (its worker is presumed dead).
const Lease = 5 * time.Minute

// idleWait bounds how long an idle worker waits for a notification before
// looking at the queue again (delayed retries become due without one).
const idleWait = 5 * time.Second

// Worker executes jobs.
type Worker struct {
	DB      *store.DB
	Service *triage.Service
	// Mailer sends the outbox's emails; nil leaves send_email jobs failing
	// (and retried) until one is configured.
	Mailer *outbox.Mailer
	// Letters posts the send_letter jobs' letters; nil leaves them failing
	// (and retried) like a missing mailer.
	Letters *LetterSender
	// Eval is what eval runs use besides the database.
	Eval EvalDeps
	Log  *slog.Logger
}

// Run works until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	for {
		did, err := w.RunOne(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.Log.ErrorContext(ctx, "job queue unavailable", "err", err)
			select { // the database is down: do not spin
			case <-ctx.Done():
			case <-time.After(idleWait):
			}
			continue
		}
		if did {
			continue
		}
		wctx, cancel := context.WithTimeout(ctx, idleWait)
		_ = w.DB.WaitForJobs(wctx) // a timeout is the poll fallback
		cancel()
	}
}

// Drain runs jobs until none is ready and returns how many ran, for the CLI
// and for tests that need the queue empty before they look.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	n := 0
	for {
		did, err := w.RunOne(ctx)
		if err != nil || !did {
			return n, err
		}
		n++
	}
}

// RunOne claims and runs one job; did is false when none was ready. A failing
// job is rescheduled with exponential backoff, not returned as an error.
func (w *Worker) RunOne(ctx context.Context) (did bool, err error) {
	j, err := w.DB.ClaimJob(ctx, Lease)
	if errors.Is(err, store.ErrNoJob) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	start := time.Now()
	if err := w.run(ctx, j); err != nil {
		backoff := time.Duration(1<<min(j.Attempts, 10)) * 10 * time.Second
		w.Log.WarnContext(ctx, "job failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err, "retry_in", backoff)
		return true, w.DB.FailJob(ctx, j.ID, err, backoff)
	}
	w.Log.DebugContext(ctx, "job done", "job", j.ID, "kind", j.Kind, "took", time.Since(start))
	return true, w.DB.CompleteJob(ctx, j.ID)
}

func (w *Worker) run(ctx context.Context, j store.Job) error {
	switch j.Kind {
	case store.JobSuggest:
		id, err := j.ReplyID()
		if err != nil {
			return err
		}
		_, err = w.Service.Suggest(ctx, j.TenantID, id)
		return err
	case store.JobEval:
		return w.evalJob(ctx, j)
	case store.JobSendEmail:
		id, err := j.EmailID()
		if err != nil {
			return err
		}
		if w.Mailer == nil {
			return errors.New("jobs: no mailer to send email with")
		}
		return w.Mailer.SendEmail(ctx, j.TenantID, id)
	case store.JobSendLetter:
		id, err := j.LetterActionID()
		if err != nil {
			return err
		}
		return w.Letters.Send(ctx, j.TenantID, id)
	default:
		return fmt.Errorf("jobs: unknown kind %q", j.Kind)
	}
}
