package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// AgendaRow is a follow-up action to do, with what a collector needs to see
// of it.
type AgendaRow struct {
	Action       triage.Action
	CustomerCode string
	CustomerName string
	TemplateName string // "" when the template is unknown
	ItemStatus   string // the status of the action's first item
}

// Agenda lists the open actions due on or before until, oldest due first,
// for one assignee (nil: everyone's).
func (db *DB) Agenda(ctx context.Context, tenantID int64, assignee *int64, until time.Time, limit int) ([]AgendaRow, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT a.id, a.tenant_id, a.customer_id, a.items, a.template, a.due, a.assignee_id, a.done,
			c.code, c.name, coalesce(t.name, ''),
			coalesce((SELECT i.status FROM item i WHERE i.tenant_id = a.tenant_id AND i.number = a.items[1]), '')
		FROM action a
		JOIN customer c ON c.tenant_id = a.tenant_id AND c.id = a.customer_id
		LEFT JOIN action_template t ON t.tenant_id = a.tenant_id AND t.code = a.template
		WHERE a.tenant_id = $1 AND NOT a.done AND a.due <= $2 AND ($3::bigint IS NULL OR a.assignee_id = $3)
		ORDER BY a.due, a.id LIMIT $4`, tenantID, until, assignee, limit)
	if err != nil {
		return nil, fmt.Errorf("store: agenda: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AgendaRow, error) {
		var x AgendaRow
		a := &x.Action
		err := r.Scan(&a.ID, &a.TenantID, &a.CustomerID, &a.Items, &a.Template, &a.Due, &a.AssigneeID, &a.Done,
			&x.CustomerCode, &x.CustomerName, &x.TemplateName, &x.ItemStatus)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: agenda: %w", err)
	}
	return out, nil
}

// CompleteAction marks an open action done. The action's items that were
// in dispute become "dispute_resolved" and return to the dunning scenario
// (seed 002), in the same transaction.
func (db *DB) CompleteAction(ctx context.Context, tenantID, actionID int64, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var items []string
		err := tx.QueryRow(ctx, `UPDATE action SET done = true, done_at = now()
			WHERE tenant_id = $1 AND id = $2 AND NOT done RETURNING items`, tenantID, actionID).Scan(&items)
		if err != nil {
			return actionMissing(ctx, tx, tenantID, actionID, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE item SET status = 'dispute_resolved', resolver = '', in_scenario = true
			WHERE tenant_id = $1 AND number = ANY($2) AND status IN (
				SELECT code FROM status WHERE tenant_id = $1 AND is_dispute AND code <> 'dispute_resolved')`,
			tenantID, items); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: complete action %d: %w", actionID, err)
	}
	return nil
}

// PostponeAction moves an open action to another day.
func (db *DB) PostponeAction(ctx context.Context, tenantID, actionID int64, due time.Time, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `UPDATE action SET due = $3 WHERE tenant_id = $1 AND id = $2 AND NOT done RETURNING id`,
			tenantID, actionID, due).Scan(&id)
		if err != nil {
			return actionMissing(ctx, tx, tenantID, actionID, err)
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: postpone action %d: %w", actionID, err)
	}
	return nil
}

// actionMissing explains an update of an action that matched no row:
// ErrNotFound when the tenant has no such action, ErrConflict when it is done.
func actionMissing(ctx context.Context, tx pgx.Tx, tenantID, actionID int64, err error) error {
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM action WHERE tenant_id = $1 AND id = $2)`, tenantID, actionID).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return triage.ErrNotFound
	}
	return triage.ErrConflict
}
