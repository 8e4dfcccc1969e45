package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// PromptVersion is a prompt template version of a tenant.
type PromptVersion struct {
	ID        int64
	Name      string
	System    string
	User      string
	Note      string
	ParentID  *int64
	AuthorID  *int64
	Active    bool
	CreatedAt time.Time
}

const promptColumns = `id, name, system, user_tmpl, note, parent_id, author_id, active, created_at`

// PromptVersions lists a tenant's versions, newest first.
func (db *DB) PromptVersions(ctx context.Context, tenantID int64) ([]PromptVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+promptColumns+` FROM prompt_version WHERE tenant_id = $1 ORDER BY id DESC`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: prompt versions: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[PromptVersion])
	if err != nil {
		return nil, fmt.Errorf("store: prompt versions: %w", err)
	}
	return out, nil
}

// PromptVersion returns one version of the tenant.
func (db *DB) PromptVersion(ctx context.Context, tenantID, id int64) (PromptVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+promptColumns+` FROM prompt_version WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return PromptVersion{}, fmt.Errorf("store: prompt version %d: %w", id, err)
	}
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[PromptVersion])
	if err != nil {
		return v, fmt.Errorf("store: prompt version %d: %w", id, notFound(err))
	}
	return v, nil
}

// ActivePrompt returns the tenant's active version; ErrNotFound when it
// uses the embedded default.
func (db *DB) ActivePrompt(ctx context.Context, tenantID int64) (PromptVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+promptColumns+` FROM prompt_version WHERE tenant_id = $1 AND active`, tenantID)
	if err != nil {
		return PromptVersion{}, fmt.Errorf("store: active prompt: %w", err)
	}
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[PromptVersion])
	if err != nil {
		return v, fmt.Errorf("store: active prompt: %w", notFound(err))
	}
	return v, nil
}

// CreatePromptVersion stores a new, inactive version.
func (db *DB) CreatePromptVersion(ctx context.Context, tenantID int64, v PromptVersion) (PromptVersion, error) {
	err := db.pool.QueryRow(ctx, `INSERT INTO prompt_version (tenant_id, name, system, user_tmpl, note, parent_id, author_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
		tenantID, v.Name, v.System, v.User, v.Note, v.ParentID, v.AuthorID).Scan(&v.ID, &v.CreatedAt)
	if isUniqueViolation(err) {
		return v, fmt.Errorf("store: prompt version %q exists already: %w", v.Name, triage.ErrConflict)
	}
	if err != nil {
		return v, fmt.Errorf("store: create prompt version: %w", err)
	}
	return v, nil
}

// ActivatePrompt makes a version the tenant's only active one (nil: back
// to the embedded default), with its audit entry.
func (db *DB) ActivatePrompt(ctx context.Context, tenantID int64, id *int64, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE prompt_version SET active = false WHERE tenant_id = $1 AND active`, tenantID); err != nil {
			return err
		}
		if id != nil {
			tag, err := tx.Exec(ctx, `UPDATE prompt_version SET active = true WHERE tenant_id = $1 AND id = $2`, tenantID, *id)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				return triage.ErrNotFound
			}
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: activate prompt: %w", err)
	}
	return nil
}
