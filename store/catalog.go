package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// Catalog returns the tenant's statuses in display order.
func (db *DB) Catalog(ctx context.Context, tenantID int64) (triage.Catalog, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, tenant_id, code, label, kind, follow_up_days, action_template,
		mode, is_dispute, description FROM status WHERE tenant_id = $1 ORDER BY position, id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: catalog: %w", err)
	}
	cat, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Status, error) {
		var s triage.Status
		err := r.Scan(&s.ID, &s.TenantID, &s.Code, &s.Label, &s.Kind, &s.FollowUpDays, &s.ActionTemplate,
			&s.Mode, &s.IsDispute, &s.Description)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: catalog: %w", err)
	}
	return cat, nil
}

// UpsertStatus creates or updates a status of the catalog by code.
func (db *DB) UpsertStatus(ctx context.Context, s triage.Status, position int) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO status (tenant_id, code, label, kind, follow_up_days, action_template,
			mode, is_dispute, description, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (tenant_id, code) DO UPDATE SET label = $3, kind = $4, follow_up_days = $5,
			action_template = $6, mode = $7, is_dispute = $8, description = $9, position = $10`,
		s.TenantID, s.Code, s.Label, s.Kind, s.FollowUpDays, s.ActionTemplate, s.Mode, s.IsDispute, s.Description, position)
	if err != nil {
		return fmt.Errorf("store: status %s: %w", s.Code, err)
	}
	return nil
}

// UpsertActionTemplate creates or updates an action template by code, with
// its translations.
func (db *DB) UpsertActionTemplate(ctx context.Context, t triage.ActionTemplate) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO action_template (tenant_id, code, kind, name, subject, body, recipients, translations)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (tenant_id, code) DO UPDATE SET kind = $3, name = $4, subject = $5, body = $6, recipients = $7,
			translations = $8`,
		t.TenantID, t.Code, t.Kind, t.Name, t.Subject, t.Body, t.Recipients, translationsArg(t.Translations))
	if err != nil {
		return fmt.Errorf("store: action template %s: %w", t.Code, err)
	}
	return nil
}

// ActionTemplates returns the tenant's action templates by name, with their
// translations.
func (db *DB) ActionTemplates(ctx context.Context, tenantID int64) ([]triage.ActionTemplate, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, tenant_id, code, kind, name, subject, body, recipients, translations
		FROM action_template WHERE tenant_id = $1 ORDER BY name, code`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: action templates: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.ActionTemplate, error) {
		var t triage.ActionTemplate
		err := r.Scan(&t.ID, &t.TenantID, &t.Code, &t.Kind, &t.Name, &t.Subject, &t.Body, &t.Recipients, &t.Translations)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: action templates: %w", err)
	}
	return out, nil
}
