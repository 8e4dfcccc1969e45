package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// insertAudit writes one audit line inside the caller's transaction, so an
// action and its trace are committed together or not at all.
func insertAudit(ctx context.Context, tx pgx.Tx, a triage.Audit) error {
	_, err := tx.Exec(ctx, `INSERT INTO audit (tenant_id, user_id, action, entity, entity_id, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.TenantID, a.UserID, a.Action, a.Entity, a.EntityID, nullJSON(a.Before), nullJSON(a.After))
	return err
}

func nullJSON(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// AuditOf returns the audit trail of one entity, oldest first.
func (db *DB) AuditOf(ctx context.Context, tenantID int64, entity string, id int64) ([]triage.Audit, error) {
	rows, err := db.pool.Query(ctx, `SELECT tenant_id, user_id, action, entity, entity_id, before, after
		FROM audit WHERE tenant_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY at, id`, tenantID, entity, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Audit, error) {
		var a triage.Audit
		err := r.Scan(&a.TenantID, &a.UserID, &a.Action, &a.Entity, &a.EntityID, &a.Before, &a.After)
		return a, err
	})
}
