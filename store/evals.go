package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// JobEval runs an eval run in the background.
const JobEval = "eval_run"

type evalPayload struct {
	RunID int64 `json:"run_id"`
}

// EvalRunID decodes the run a JobEval job is about.
func (j Job) EvalRunID() (int64, error) { return payloadID[evalPayload](j) }

func (p evalPayload) id() int64 { return p.RunID }

// EvalSet is a frozen set of labelled cases, stored as the JSONL contract's
// objects (DESIGN.md §6).
type EvalSet struct {
	ID        int64
	Name      string
	Source    string // upload, qualifications, builtin:<file>
	Cases     json.RawMessage
	Count     int
	CreatedAt time.Time
}

// EvalRun is a run of a strategy over an eval set.
type EvalRun struct {
	ID         int64
	SetID      int64
	SetName    string
	Strategy   string
	PromptID   *int64
	State      string
	Done       int
	Total      int
	Error      string
	Report     json.RawMessage // the evals.Report, JSON; nil until done
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// CreateEvalSet stores a set; names are unique per tenant.
func (db *DB) CreateEvalSet(ctx context.Context, tenantID int64, name, source string, cases json.RawMessage) (int64, error) {
	var id int64
	err := db.pool.QueryRow(ctx, `INSERT INTO eval_set (tenant_id, name, source, cases) VALUES ($1, $2, $3, $4) RETURNING id`,
		tenantID, name, source, cases).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: eval set %q exists already: %w", name, triage.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create eval set: %w", err)
	}
	return id, nil
}

// EvalSets lists a tenant's sets, newest first, without their cases.
func (db *DB) EvalSets(ctx context.Context, tenantID int64) ([]EvalSet, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, source, NULL::jsonb, jsonb_array_length(cases), created_at
		FROM eval_set WHERE tenant_id = $1 ORDER BY id DESC`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: eval sets: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[EvalSet])
	if err != nil {
		return nil, fmt.Errorf("store: eval sets: %w", err)
	}
	return out, nil
}

// EvalSet returns one set with its cases.
func (db *DB) EvalSet(ctx context.Context, tenantID, id int64) (EvalSet, error) {
	var s EvalSet
	err := db.pool.QueryRow(ctx, `SELECT id, name, source, cases, jsonb_array_length(cases), created_at
		FROM eval_set WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&s.ID, &s.Name, &s.Source, &s.Cases, &s.Count, &s.CreatedAt)
	if err != nil {
		return s, fmt.Errorf("store: eval set %d: %w", id, notFound(err))
	}
	return s, nil
}

// StartEvalRun records a run of a set and enqueues its job.
func (db *DB) StartEvalRun(ctx context.Context, tenantID, setID int64, strategy string, promptID *int64) (int64, error) {
	var id int64
	err := db.tx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO eval_run (tenant_id, eval_set_id, strategy, prompt_id, total)
			SELECT $1, id, $3, $4, jsonb_array_length(cases) FROM eval_set WHERE tenant_id = $1 AND id = $2 RETURNING id`,
			tenantID, setID, strategy, promptID).Scan(&id)
		if err != nil {
			return notFound(err)
		}
		return enqueue(ctx, tx, tenantID, JobEval, evalPayload{RunID: id})
	})
	if err != nil {
		return 0, fmt.Errorf("store: start eval run: %w", err)
	}
	return id, nil
}

const evalRunColumns = `r.id, r.eval_set_id, s.name, r.strategy, r.prompt_id, r.state, r.done, r.total, r.error, r.metrics, r.created_at, r.finished_at`

// EvalRuns lists a tenant's runs, newest first, without their reports.
func (db *DB) EvalRuns(ctx context.Context, tenantID int64) ([]EvalRun, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+evalRunColumns+` FROM eval_run r JOIN eval_set s ON s.id = r.eval_set_id
		WHERE r.tenant_id = $1 ORDER BY r.id DESC LIMIT 100`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: eval runs: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[EvalRun])
	if err != nil {
		return nil, fmt.Errorf("store: eval runs: %w", err)
	}
	return out, nil
}

// EvalRun returns one run with its report.
func (db *DB) EvalRun(ctx context.Context, tenantID, id int64) (EvalRun, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+evalRunColumns+` FROM eval_run r JOIN eval_set s ON s.id = r.eval_set_id
		WHERE r.tenant_id = $1 AND r.id = $2`, tenantID, id)
	if err != nil {
		return EvalRun{}, fmt.Errorf("store: eval run %d: %w", id, err)
	}
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[EvalRun])
	if err != nil {
		return r, fmt.Errorf("store: eval run %d: %w", id, notFound(err))
	}
	return r, nil
}

// EvalProgress records how far a run is and reports whether it was asked
// to stop. A queued run becomes running.
func (db *DB) EvalProgress(ctx context.Context, tenantID, id int64, done int) (cancelled bool, err error) {
	var state string
	err = db.pool.QueryRow(ctx, `UPDATE eval_run SET done = $3, state = CASE WHEN state = 'queued' THEN 'running' ELSE state END
		WHERE tenant_id = $1 AND id = $2 RETURNING state`, tenantID, id, done).Scan(&state)
	if err != nil {
		return false, fmt.Errorf("store: eval progress: %w", err)
	}
	return state == "cancelling" || state == "cancelled", nil
}

// CancelEvalRun asks a queued or running run to stop.
func (db *DB) CancelEvalRun(ctx context.Context, tenantID, id int64) error {
	tag, err := db.pool.Exec(ctx, `UPDATE eval_run SET state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE 'cancelling' END,
		finished_at = CASE WHEN state = 'queued' THEN now() END
		WHERE tenant_id = $1 AND id = $2 AND state IN ('queued', 'running')`, tenantID, id)
	if err != nil {
		return fmt.Errorf("store: cancel eval run: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: eval run %d: %w", id, triage.ErrConflict)
	}
	return nil
}

// FinishEvalRun records a run's outcome: its report, or why it stopped.
func (db *DB) FinishEvalRun(ctx context.Context, tenantID, id int64, state string, report json.RawMessage, problem string) error {
	_, err := db.pool.Exec(ctx, `UPDATE eval_run SET state = $3, metrics = $4, error = $5, finished_at = now(),
		done = CASE WHEN $3 = 'done' THEN total ELSE done END WHERE tenant_id = $1 AND id = $2`,
		tenantID, id, state, report, problem)
	if err != nil {
		return fmt.Errorf("store: finish eval run: %w", err)
	}
	return nil
}

// QualificationCases samples the tenant's qualifications in force as eval
// cases: at most perStatus of each status (the newest), in [from, to).
func (db *DB) QualificationCases(ctx context.Context, tenantID int64, perStatus int, from, to time.Time) ([]QualificationCase, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, text, status, items, lang, received FROM (
			SELECT q.id, q.text, q.status, q.items, r.lang, r.received_at::date AS received,
				row_number() OVER (PARTITION BY q.status ORDER BY q.created_at DESC, q.id DESC) AS n
			FROM qualification q JOIN reply r ON r.tenant_id = q.tenant_id AND r.id = q.reply_id
			WHERE q.tenant_id = $1 AND q.superseded_at IS NULL AND q.text <> '' AND q.created_at >= $2 AND q.created_at < $3
		) x WHERE n <= $4 ORDER BY id`, tenantID, from, to, perStatus)
	if err != nil {
		return nil, fmt.Errorf("store: qualification cases: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[QualificationCase])
	if err != nil {
		return nil, fmt.Errorf("store: qualification cases: %w", err)
	}
	return out, nil
}

// QualificationCase is a validated qualification as an eval case.
type QualificationCase struct {
	ID       int64
	Text     string
	Status   string
	Items    []string
	Lang     string
	Received time.Time
}
