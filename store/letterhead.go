package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// Letterhead returns the tenant's letterhead; a tenant that never saved one
// gets its name alone.
func (db *DB) Letterhead(ctx context.Context, tenantID int64) (triage.Letterhead, error) {
	h := triage.Letterhead{TenantID: tenantID}
	err := db.pool.QueryRow(ctx, `SELECT t.name, coalesce(h.address, ''), coalesce(h.legal, ''), h.logo,
			coalesce(h.logo_mime, ''), coalesce(h.show_logo, false)
		FROM tenant t LEFT JOIN letterhead h ON h.tenant_id = t.id WHERE t.id = $1`, tenantID).
		Scan(&h.Name, &h.Address, &h.Legal, &h.Logo, &h.LogoMIME, &h.ShowLogo)
	if err != nil {
		return h, fmt.Errorf("store: letterhead: %w", notFound(err))
	}
	return h, nil
}

// SaveLetterhead writes the tenant's letterhead with its audit entry. A nil
// Logo keeps the stored logo, so that the form need not upload it again.
func (db *DB) SaveLetterhead(ctx context.Context, h triage.Letterhead, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO letterhead (tenant_id, address, legal, logo, logo_mime, show_logo)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (tenant_id) DO UPDATE SET address = $2, legal = $3, show_logo = $6,
				logo = coalesce($4, letterhead.logo),
				logo_mime = CASE WHEN $4::bytea IS NULL THEN letterhead.logo_mime ELSE $5 END`,
			h.TenantID, h.Address, h.Legal, h.Logo, h.LogoMIME, h.ShowLogo); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: save letterhead: %w", err)
	}
	return nil
}

// SetCustomerAddress sets a customer's postal address.
func (db *DB) SetCustomerAddress(ctx context.Context, tenantID, customerID int64, address string) error {
	tag, err := db.pool.Exec(ctx, `UPDATE customer SET postal_address = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, customerID, address)
	if err == nil && tag.RowsAffected() == 0 {
		err = triage.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: address of customer %d: %w", customerID, err)
	}
	return nil
}
