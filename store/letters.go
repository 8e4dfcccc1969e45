package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// JobSendLetter renders one letter action's PDF and hands it to the postal provider.
const JobSendLetter = "send_letter"

type letterPayload struct {
	ActionID int64 `json:"action_id"`
}

// LetterActionID decodes the action a JobSendLetter job is about.
func (j Job) LetterActionID() (int64, error) { return payloadID[letterPayload](j) }

func (p letterPayload) id() int64 { return p.ActionID }

// letterActionQuery selects letter actions with their customer, template and
// sending state; callers add the WHERE clause after it.
const letterActionQuery = `SELECT a.id, a.tenant_id, a.customer_id, a.items, a.template, a.due, a.assignee_id, a.done,
		` + customerColumns + `,
		t.id, t.tenant_id, t.code, t.kind, t.name, t.subject, t.body, t.recipients, ` + letterKindOf + `, t.send_mode, t.translations,
		l.action_id IS NOT NULL, coalesce(l.kind, ''), coalesce(l.status, ''), l.approved_by, coalesce(l.approved_at, now()),
		coalesce(l.pdf_sha256, ''), coalesce(l.pages, 0), coalesce(l.provider, ''), coalesce(l.provider_ref, ''),
		coalesce(l.attempts, 0), coalesce(l.last_error, ''), coalesce(l.updated_at, now())
	FROM action a
	JOIN customer c ON c.tenant_id = a.tenant_id AND c.id = a.customer_id
	JOIN action_template t ON t.tenant_id = a.tenant_id AND t.code = a.template AND t.kind = 'letter'
	LEFT JOIN letter l ON l.action_id = a.id
	`

func scanLetterAction(row pgx.Row) (triage.LetterAction, error) {
	var x triage.LetterAction
	a, c, t := &x.Action, &x.Customer, &x.Template
	var l triage.Letter
	var has bool
	err := row.Scan(&a.ID, &a.TenantID, &a.CustomerID, &a.Items, &a.Template, &a.Due, &a.AssigneeID, &a.Done,
		&c.ID, &c.TenantID, &c.Code, &c.Name, &c.Contact, &c.Emails, &c.InvalidEmails, &c.Lang, &c.Country, &c.Address, &c.CollectorID, &c.Balance,
		&t.ID, &t.TenantID, &t.Code, &t.Kind, &t.Name, &t.Subject, &t.Body, &t.Recipients, &t.LetterKind, &t.Mode, &t.Translations,
		&has, &l.Kind, &l.Status, &l.ApprovedBy, &l.ApprovedAt, &l.PDFSHA256, &l.Pages, &l.Provider, &l.ProviderRef,
		&l.Attempts, &l.LastError, &l.UpdatedAt)
	if has {
		l.ActionID, l.TenantID = a.ID, a.TenantID
		x.Letter = &l
	}
	return x, err
}

// LetterAction returns a letter action of the tenant with its proof
// history; ErrNotFound when the tenant has no such action or it is not a letter.
func (db *DB) LetterAction(ctx context.Context, tenantID, actionID int64) (triage.LetterAction, error) {
	x, err := scanLetterAction(db.pool.QueryRow(ctx, letterActionQuery+`WHERE a.tenant_id = $1 AND a.id = $2`, tenantID, actionID))
	if err != nil {
		return x, fmt.Errorf("store: letter action %d: %w", actionID, notFound(err))
	}
	if x.Events, err = db.letterEvents(ctx, tenantID, actionID); err != nil {
		return x, err
	}
	return x, nil
}

// CustomerLetters returns the letter actions of a customer, newest first,
// each with its proof history, for the customer's timeline.
func (db *DB) CustomerLetters(ctx context.Context, tenantID, customerID int64) ([]triage.LetterAction, error) {
	return db.letterActions(ctx, letterActionQuery+`WHERE a.tenant_id = $1 AND a.customer_id = $2 ORDER BY a.due DESC, a.id DESC LIMIT 100`,
		tenantID, customerID)
}

// LetterActionsDue returns the open letter actions due on or before until
// of one assignee (nil: everyone's), for the agenda.
func (db *DB) LetterActionsDue(ctx context.Context, tenantID int64, assignee *int64, until time.Time) ([]triage.LetterAction, error) {
	return db.letterActions(ctx, letterActionQuery+`WHERE a.tenant_id = $1 AND NOT a.done AND a.due <= $2
		AND ($3::bigint IS NULL OR a.assignee_id = $3) ORDER BY a.due, a.id LIMIT 500`, tenantID, until, assignee)
}

func (db *DB) letterActions(ctx context.Context, query string, args ...any) ([]triage.LetterAction, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: letter actions: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.LetterAction, error) { return scanLetterAction(r) })
	if err != nil {
		return nil, fmt.Errorf("store: letter actions: %w", err)
	}
	for i := range out {
		if out[i].Letter == nil {
			continue
		}
		if out[i].Events, err = db.letterEvents(ctx, out[i].Action.TenantID, out[i].Action.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (db *DB) letterEvents(ctx context.Context, tenantID, actionID int64) ([]triage.LetterEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT status, detail, at FROM letter_event
		WHERE tenant_id = $1 AND action_id = $2 ORDER BY id`, tenantID, actionID)
	if err != nil {
		return nil, fmt.Errorf("store: events of letter %d: %w", actionID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[triage.LetterEvent])
	if err != nil {
		return nil, fmt.Errorf("store: events of letter %d: %w", actionID, err)
	}
	return out, nil
}

// LetterPDF returns the PDF stored for a letter action; nil when none is yet.
func (db *DB) LetterPDF(ctx context.Context, tenantID, actionID int64) ([]byte, error) {
	var pdf []byte
	err := db.pool.QueryRow(ctx, `SELECT pdf FROM letter WHERE tenant_id = $1 AND action_id = $2`, tenantID, actionID).Scan(&pdf)
	if err != nil {
		return nil, fmt.Errorf("store: pdf of letter %d: %w", actionID, notFound(err))
	}
	return pdf, nil
}

// QueueLetters records the letters of open letter actions as queued, each
// with its first event and a JobSendLetter job, in one transaction; by is
// the approving user (nil: the automatic sweep). ErrNotFound when one of
// ids is not an open letter action of the tenant, ErrConflict when one was
// queued or printed already.
func (db *DB) QueueLetters(ctx context.Context, tenantID int64, ids []int64, by *int64, audit func(actionID int64) triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		for _, id := range ids {
			if err := queueLetter(ctx, tx, tenantID, id, by); err != nil {
				return err
			}
			if err := insertAudit(ctx, tx, audit(id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: queue letters: %w", err)
	}
	return nil
}

func queueLetter(ctx context.Context, tx pgx.Tx, tenantID, actionID int64, by *int64) error {
	var queued bool
	err := tx.QueryRow(ctx, `INSERT INTO letter (action_id, tenant_id, kind, status, approved_by)
		SELECT a.id, a.tenant_id, `+letterKindOf+`, 'queued', $3
		FROM action a JOIN action_template t ON t.tenant_id = a.tenant_id AND t.code = a.template AND t.kind = 'letter'
		WHERE a.tenant_id = $1 AND a.id = $2 AND NOT a.done
		ON CONFLICT (action_id) DO NOTHING RETURNING true`, tenantID, actionID, by).Scan(&queued)
	if errors.Is(err, pgx.ErrNoRows) {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM letter WHERE tenant_id = $1 AND action_id = $2)`,
			tenantID, actionID).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return fmt.Errorf("letter %d: %w", actionID, triage.ErrConflict)
		}
		return fmt.Errorf("letter %d: %w", actionID, triage.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO letter_event (tenant_id, action_id, status, at) VALUES ($1, $2, 'queued', now())`,
		tenantID, actionID); err != nil {
		return err
	}
	return enqueue(ctx, tx, tenantID, JobSendLetter, letterPayload{ActionID: actionID})
}

// DueAutomaticLetters lists the open actions, of every tenant, whose letter
// template sends automatically, due on or before day and not queued yet.
func (db *DB) DueAutomaticLetters(ctx context.Context, day time.Time) ([]triage.Action, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.tenant_id FROM action a
		JOIN action_template t ON t.tenant_id = a.tenant_id AND t.code = a.template AND t.kind = 'letter' AND t.send_mode = 'automatic'
		WHERE NOT a.done AND a.due <= $1 AND NOT EXISTS (SELECT 1 FROM letter l WHERE l.action_id = a.id)
		ORDER BY a.tenant_id, a.due, a.id LIMIT 1000`, day)
	if err != nil {
		return nil, fmt.Errorf("store: due automatic letters: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Action, error) {
		var a triage.Action
		return a, r.Scan(&a.ID, &a.TenantID)
	})
	if err != nil {
		return nil, fmt.Errorf("store: due automatic letters: %w", err)
	}
	return out, nil
}

// SaveLetterPDF keeps the document of a queued letter, so that every retry
// hands the provider the same bytes.
func (db *DB) SaveLetterPDF(ctx context.Context, tenantID, actionID int64, pdf []byte, sha256 string, pages int) error {
	tag, err := db.pool.Exec(ctx, `UPDATE letter SET pdf = $3, pdf_sha256 = $4, pages = $5, updated_at = now()
		WHERE tenant_id = $1 AND action_id = $2`, tenantID, actionID, pdf, sha256, pages)
	if err == nil && tag.RowsAffected() == 0 {
		err = triage.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: pdf of letter %d: %w", actionID, err)
	}
	return nil
}

// LetterSent records the provider's receipt of a letter and completes its
// action (resolving the disputes it was about), in one transaction.
func (db *DB) LetterSent(ctx context.Context, tenantID, actionID int64, provider, ref string, ev triage.LetterEvent) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE letter SET provider = $3, provider_ref = $4, attempts = attempts + 1, last_error = '',
			status = $5, updated_at = now() WHERE tenant_id = $1 AND action_id = $2`, tenantID, actionID, provider, ref, ev.Status)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return triage.ErrNotFound
		}
		if err := insertLetterEvents(ctx, tx, tenantID, actionID, []triage.LetterEvent{ev}); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE action SET done = true, done_at = now() WHERE tenant_id = $1 AND id = $2 AND NOT done`,
			tenantID, actionID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: letter %d sent: %w", actionID, err)
	}
	return nil
}

// LetterAttemptFailed records a failed sending of a letter; final marks it
// failed for good (the provider refused it), otherwise it stays queued and
// its job retries.
func (db *DB) LetterAttemptFailed(ctx context.Context, tenantID, actionID int64, cause error, final bool) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE letter SET attempts = attempts + 1, last_error = $3, updated_at = now(),
			status = CASE WHEN $4 THEN 'failed' ELSE status END WHERE tenant_id = $1 AND action_id = $2`,
			tenantID, actionID, cause.Error(), final); err != nil {
			return err
		}
		if !final {
			return nil
		}
		return insertLetterEvents(ctx, tx, tenantID, actionID, []triage.LetterEvent{{Status: triage.LetterFailed, Detail: cause.Error(), At: time.Now()}})
	})
	if err != nil {
		return fmt.Errorf("store: letter %d failed: %w", actionID, err)
	}
	return nil
}

// TrackedLetters lists the letters handed to provider whose proof of
// sending may still change.
func (db *DB) TrackedLetters(ctx context.Context, provider string) ([]triage.Letter, error) {
	rows, err := db.pool.Query(ctx, `SELECT action_id, tenant_id, provider_ref, status FROM letter
		WHERE provider = $1 AND provider_ref <> '' AND status IN ('queued', 'sent', 'delivered')
		ORDER BY updated_at LIMIT 1000`, provider)
	if err != nil {
		return nil, fmt.Errorf("store: tracked letters: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Letter, error) {
		l := triage.Letter{Provider: provider}
		return l, r.Scan(&l.ActionID, &l.TenantID, &l.ProviderRef, &l.Status)
	})
	if err != nil {
		return nil, fmt.Errorf("store: tracked letters: %w", err)
	}
	return out, nil
}

// RecordLetterEvents adds proof-of-sending events to a letter, ignoring
// those already known, and moves its status forward: a late report of an
// earlier step never takes a letter back.
func (db *DB) RecordLetterEvents(ctx context.Context, tenantID, actionID int64, evs []triage.LetterEvent) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var status triage.LetterStatus
		if err := tx.QueryRow(ctx, `SELECT status FROM letter WHERE tenant_id = $1 AND action_id = $2 FOR UPDATE`,
			tenantID, actionID).Scan(&status); err != nil {
			return notFound(err)
		}
		if err := insertLetterEvents(ctx, tx, tenantID, actionID, evs); err != nil {
			return err
		}
		for _, e := range evs {
			if e.Status.Rank() > status.Rank() {
				status = e.Status
			}
		}
		_, err := tx.Exec(ctx, `UPDATE letter SET status = $3, updated_at = now() WHERE tenant_id = $1 AND action_id = $2`,
			tenantID, actionID, status)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: events of letter %d: %w", actionID, err)
	}
	return nil
}

// RecordLetterPrinted records that a collector printed and posted the
// letter of an action by hand.
func (db *DB) RecordLetterPrinted(ctx context.Context, tenantID, actionID int64, by *int64, kind string, at time.Time) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO letter (action_id, tenant_id, kind, status, approved_by, provider)
			VALUES ($2, $1, $3, 'sent', $4, $5) ON CONFLICT (action_id) DO NOTHING`,
			tenantID, actionID, kind, by, triage.ProviderManual); err != nil {
			return err
		}
		return insertLetterEvents(ctx, tx, tenantID, actionID, []triage.LetterEvent{{Status: triage.LetterSent, At: at}})
	})
	if err != nil {
		return fmt.Errorf("store: letter %d printed: %w", actionID, err)
	}
	return nil
}

func insertLetterEvents(ctx context.Context, tx pgx.Tx, tenantID, actionID int64, evs []triage.LetterEvent) error {
	for _, e := range evs {
		if _, err := tx.Exec(ctx, `INSERT INTO letter_event (tenant_id, action_id, status, detail, at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (action_id, status, at) DO NOTHING`,
			tenantID, actionID, e.Status, e.Detail, e.At); err != nil {
			return err
		}
	}
	return nil
}
