package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// CreateAPIToken stores the hash of a new API token of a tenant.
func (db *DB) CreateAPIToken(ctx context.Context, tenantID int64, name, hash string) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO api_token (tenant_id, name, token_hash) VALUES ($1, $2, $3)`, tenantID, name, hash)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: an API token named %q exists already: %w", name, triage.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: create API token: %w", err)
	}
	return nil
}

// TenantByAPIToken returns the tenant of a live (not revoked) token hash and
// records its use.
func (db *DB) TenantByAPIToken(ctx context.Context, hash string) (int64, error) {
	var tenantID int64
	err := db.pool.QueryRow(ctx, `UPDATE api_token SET last_used_at = now()
		WHERE token_hash = $1 AND revoked_at IS NULL RETURNING tenant_id`, hash).Scan(&tenantID)
	if err != nil {
		return 0, fmt.Errorf("store: API token: %w", notFound(err))
	}
	return tenantID, nil
}

// RevokeAPIToken revokes a tenant's token by name.
func (db *DB) RevokeAPIToken(ctx context.Context, tenantID int64, name string) error {
	tag, err := db.pool.Exec(ctx, `UPDATE api_token SET revoked_at = now()
		WHERE tenant_id = $1 AND name = $2 AND revoked_at IS NULL`, tenantID, name)
	if err != nil {
		return fmt.Errorf("store: revoke API token: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: API token %q: %w", name, triage.ErrNotFound)
	}
	return nil
}

// APIToken is a tenant's API token as listed: never its value.
type APIToken struct {
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// APITokens lists a tenant's tokens, newest first.
func (db *DB) APITokens(ctx context.Context, tenantID int64) ([]APIToken, error) {
	rows, err := db.pool.Query(ctx, `SELECT name, created_at, last_used_at, revoked_at FROM api_token
		WHERE tenant_id = $1 ORDER BY created_at DESC, name`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: API tokens: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[APIToken])
	if err != nil {
		return nil, fmt.Errorf("store: API tokens: %w", err)
	}
	return out, nil
}
