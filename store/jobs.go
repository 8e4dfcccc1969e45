package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// Job kinds.
const (
	// JobSuggest computes the suggestion of a newly ingested reply.
	JobSuggest = "suggest"
)

// suggestPayload is the payload of a JobSuggest job.
type suggestPayload struct {
	ReplyID int64 `json:"reply_id"`
}

// Job is a unit of background work claimed by a worker.
type Job struct {
	ID       int64
	TenantID int64
	Kind     string
	Payload  json.RawMessage
	Attempts int
}

// ReplyID decodes the reply a JobSuggest job is about.
func (j Job) ReplyID() (int64, error) { return payloadID[suggestPayload](j) }

func (p suggestPayload) id() int64 { return p.ReplyID }

// payloadID decodes the one id a job's payload holds.
func payloadID[P interface{ id() int64 }](j Job) (int64, error) {
	var p P
	if err := json.Unmarshal(j.Payload, &p); err != nil || p.id() == 0 {
		return 0, fmt.Errorf("store: job %d: bad payload %s", j.ID, j.Payload)
	}
	return p.id(), nil
}

// ErrNoJob is returned by ClaimJob when no job is ready.
var ErrNoJob = errors.New("store: no job ready")

// enqueue adds a job in tx and wakes the workers when tx commits.
func enqueue(ctx context.Context, tx pgx.Tx, tenantID int64, kind string, payload any) error {
	if err := insertJob(ctx, tx, tenantID, kind, payload); err != nil {
		return err
	}
	return notifyJobs(ctx, tx, kind)
}

// insertJob adds a job in tx without waking the workers: a transaction
// adding many calls notifyJobs once.
func insertJob(ctx context.Context, tx pgx.Tx, tenantID int64, kind string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO job (tenant_id, kind, payload) VALUES ($1, $2, $3)`, tenantID, kind, b)
	return err
}

// notifyJobs wakes the workers, when tx commits, for jobs of that kind.
func notifyJobs(ctx context.Context, tx pgx.Tx, kind string) error {
	_, err := tx.Exec(ctx, `SELECT pg_notify('triage_jobs', $1)`, kind)
	return err
}

// ClaimJob leases the oldest ready job for lease. Concurrent workers never
// get the same job (FOR UPDATE SKIP LOCKED); a job whose worker died is
// claimed again once its lease expires.
func (db *DB) ClaimJob(ctx context.Context, lease time.Duration) (Job, error) {
	var j Job
	err := db.pool.QueryRow(ctx, `
		UPDATE job SET locked_until = now() + $1::interval, attempts = attempts + 1
		WHERE id = (
			SELECT id FROM job
			WHERE done_at IS NULL AND NOT dead AND run_at <= now()
			  AND (locked_until IS NULL OR locked_until < now())
			ORDER BY run_at, id
			LIMIT 1
			FOR UPDATE SKIP LOCKED)
		RETURNING id, tenant_id, kind, payload, attempts`, lease.String()).Scan(&j.ID, &j.TenantID, &j.Kind, &j.Payload, &j.Attempts)
	if errors.Is(err, pgx.ErrNoRows) {
		return Job{}, ErrNoJob
	}
	if err != nil {
		return Job{}, fmt.Errorf("store: claim job: %w", err)
	}
	return j, nil
}

// CompleteJob marks a job done.
func (db *DB) CompleteJob(ctx context.Context, id int64) error {
	if _, err := db.pool.Exec(ctx, `UPDATE job SET done_at = now(), locked_until = NULL WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: complete job %d: %w", id, err)
	}
	return nil
}

// FailJob records a failed attempt: the job runs again after backoff, or
// becomes dead (visible to admins) once it has used all its attempts.
func (db *DB) FailJob(ctx context.Context, id int64, cause error, backoff time.Duration) error {
	_, err := db.pool.Exec(ctx, `UPDATE job SET last_error = $2, locked_until = NULL,
		run_at = now() + $3::interval, dead = attempts >= max_attempts WHERE id = $1`, id, cause.Error(), backoff.String())
	if err != nil {
		return fmt.Errorf("store: fail job %d: %w", id, err)
	}
	return nil
}

// WaitForJobs blocks until a job is enqueued (LISTEN/NOTIFY) or ctx ends, so
// idle workers wake at once instead of polling in a tight loop.
func (db *DB) WaitForJobs(ctx context.Context) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `LISTEN triage_jobs`); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `UNLISTEN triage_jobs`)
	_, err = conn.Conn().WaitForNotification(ctx)
	return err
}

// DeadJob is a job that used all its attempts: the dead letters
// administrators look at and retry.
type DeadJob struct {
	ID        int64
	Kind      string
	Payload   json.RawMessage
	Attempts  int
	LastError string
	CreatedAt time.Time
}

// DeadJobs lists a tenant's dead jobs, newest first.
func (db *DB) DeadJobs(ctx context.Context, tenantID int64) ([]DeadJob, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, kind, payload, attempts, last_error, created_at FROM job
		WHERE tenant_id = $1 AND dead ORDER BY id DESC LIMIT 200`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: dead jobs: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[DeadJob])
	if err != nil {
		return nil, fmt.Errorf("store: dead jobs: %w", err)
	}
	return out, nil
}

// RetryJob gives a dead job of the tenant a fresh set of attempts, now.
func (db *DB) RetryJob(ctx context.Context, tenantID, id int64) error {
	tag, err := db.pool.Exec(ctx, `UPDATE job SET dead = false, attempts = 0, run_at = now(), locked_until = NULL
		WHERE tenant_id = $1 AND id = $2 AND dead`, tenantID, id)
	if err != nil {
		return fmt.Errorf("store: retry job %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: dead job %d: %w", id, triage.ErrNotFound)
	}
	_, err = db.pool.Exec(ctx, `SELECT pg_notify('triage_jobs', 'retry')`)
	return err
}
