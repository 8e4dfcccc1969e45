package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// letterKindOf reads a template's kind of letter: a letter template made on
// the catalog page, which does not ask, is a simple letter.
const letterKindOf = `coalesce(nullif(letter_kind, ''), 'simple')`

const letterTemplateColumns = `id, tenant_id, code, kind, name, subject, body, recipients, ` + letterKindOf + `, send_mode, translations`

func scanLetterTemplate(row pgx.Row) (triage.LetterTemplate, error) {
	var t triage.LetterTemplate
	err := row.Scan(&t.ID, &t.TenantID, &t.Code, &t.Kind, &t.Name, &t.Subject, &t.Body, &t.Recipients, &t.LetterKind, &t.Mode, &t.Translations)
	return t, err
}

// LetterTemplates returns the tenant's letter templates by name.
func (db *DB) LetterTemplates(ctx context.Context, tenantID int64) ([]triage.LetterTemplate, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+letterTemplateColumns+` FROM action_template
		WHERE tenant_id = $1 AND kind = 'letter' ORDER BY name, code`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: letter templates: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.LetterTemplate, error) { return scanLetterTemplate(r) })
	if err != nil {
		return nil, fmt.Errorf("store: letter templates: %w", err)
	}
	return out, nil
}

// LetterTemplate returns one letter template of the tenant; ErrNotFound
// when the tenant has no such template or it is not a letter.
func (db *DB) LetterTemplate(ctx context.Context, tenantID, id int64) (triage.LetterTemplate, error) {
	t, err := scanLetterTemplate(db.pool.QueryRow(ctx, `SELECT `+letterTemplateColumns+` FROM action_template
		WHERE tenant_id = $1 AND id = $2 AND kind = 'letter'`, tenantID, id))
	if err != nil {
		return t, fmt.Errorf("store: letter template %d: %w", id, notFound(err))
	}
	return t, nil
}

// SaveLetterTemplate creates (ID 0) or updates a letter template and its
// translations with its audit entry and returns its id. ErrConflict when another template of the
// tenant has the code, ErrNotFound when an updated one is not the tenant's letter.
func (db *DB) SaveLetterTemplate(ctx context.Context, t triage.LetterTemplate, a triage.Audit) (int64, error) {
	id := t.ID
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var err error
		if id == 0 {
			err = tx.QueryRow(ctx, `INSERT INTO action_template (tenant_id, code, kind, name, subject, body, letter_kind, send_mode, translations)
				VALUES ($1, $2, 'letter', $3, $4, $5, $6, $7, $8) RETURNING id`,
				t.TenantID, t.Code, t.Name, t.Subject, t.Body, t.LetterKind, t.Mode, translationsArg(t.Translations)).Scan(&id)
		} else {
			err = tx.QueryRow(ctx, `UPDATE action_template SET name = $3, subject = $4, body = $5, letter_kind = $6, send_mode = $7,
					translations = $8
				WHERE tenant_id = $1 AND id = $2 AND kind = 'letter' RETURNING id`,
				t.TenantID, t.ID, t.Name, t.Subject, t.Body, t.LetterKind, t.Mode, translationsArg(t.Translations)).Scan(&id)
		}
		switch {
		case isUniqueViolation(err):
			return triage.ErrConflict
		case err != nil:
			return notFound(err)
		}
		a.EntityID = id
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return 0, fmt.Errorf("store: save letter template %s: %w", t.Code, err)
	}
	return id, nil
}
