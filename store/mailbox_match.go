package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// CustomersByEmail returns the ids of the tenant's customers that list addr
// among their emails, compared case-insensitively; at most two, which is
// enough to tell a unique match from an ambiguous one.
func (db *DB) CustomersByEmail(ctx context.Context, tenantID int64, addr string) ([]int64, error) {
	return db.customerIDs(ctx, `SELECT id FROM customer
		WHERE tenant_id = $1 AND email_addrs(emails) @> ARRAY[$2::text] ORDER BY id LIMIT 2`,
		tenantID, strings.ToLower(strings.TrimSpace(addr)))
}

// CustomersByEmailDomain returns the ids of the tenant's customers with an
// email at domain (case-insensitive); at most two, like CustomersByEmail.
func (db *DB) CustomersByEmailDomain(ctx context.Context, tenantID int64, domain string) ([]int64, error) {
	return db.customerIDs(ctx, `SELECT id FROM customer
		WHERE tenant_id = $1 AND email_domains(emails) @> ARRAY[$2::text] ORDER BY id LIMIT 2`,
		tenantID, strings.ToLower(strings.TrimSpace(domain)))
}

func (db *DB) customerIDs(ctx context.Context, sql string, tenantID int64, key string) ([]int64, error) {
	rows, err := db.pool.Query(ctx, sql, tenantID, key)
	if err != nil {
		return nil, fmt.Errorf("store: customers by %q: %w", key, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: customers by %q: %w", key, err)
	}
	return ids, nil
}
