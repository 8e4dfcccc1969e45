package store

import (
	"context"
	"fmt"

	"github.com/triage-ar/triage/triage"
)

// PlanLetter plans a letter action outside of a qualification (demo data,
// imports): an open action whose template must be a letter template of
// the tenant, else ErrNotFound.
func (db *DB) PlanLetter(ctx context.Context, a triage.Action) (int64, error) {
	var id int64
	err := db.pool.QueryRow(ctx, `INSERT INTO action (tenant_id, customer_id, items, template, due, assignee_id)
		SELECT $1, c.id, coalesce($3::text[], '{}'), t.code, $5, $6
		FROM customer c JOIN action_template t ON t.tenant_id = c.tenant_id AND t.code = $4 AND t.kind = 'letter'
		WHERE c.tenant_id = $1 AND c.id = $2 RETURNING id`,
		a.TenantID, a.CustomerID, a.Items, a.Template, a.Due, a.AssigneeID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: plan letter %s: %w", a.Template, notFound(err))
	}
	return id, nil
}
