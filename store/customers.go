package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

const customerColumns = `c.id, c.tenant_id, c.code, c.name, c.contact, c.emails, c.invalid_emails, c.lang, c.country, c.postal_address, c.collector_id,
	coalesce((SELECT sum(open_amount) FROM item i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id), 0)::float8`

func scanCustomer(row pgx.Row) (triage.Customer, error) {
	var c triage.Customer
	err := row.Scan(&c.ID, &c.TenantID, &c.Code, &c.Name, &c.Contact, &c.Emails, &c.InvalidEmails, &c.Lang, &c.Country, &c.Address, &c.CollectorID, &c.Balance)
	return c, err
}

// Customer returns one customer of the tenant with its balance.
func (db *DB) Customer(ctx context.Context, tenantID, id int64) (triage.Customer, error) {
	c, err := scanCustomer(db.pool.QueryRow(ctx, `SELECT `+customerColumns+` FROM customer c WHERE c.tenant_id = $1 AND c.id = $2`, tenantID, id))
	if err != nil {
		return triage.Customer{}, fmt.Errorf("store: customer %d: %w", id, notFound(err))
	}
	return c, nil
}

// CustomerByCode returns the customer with the given account code.
func (db *DB) CustomerByCode(ctx context.Context, tenantID int64, code string) (triage.Customer, error) {
	c, err := scanCustomer(db.pool.QueryRow(ctx, `SELECT `+customerColumns+` FROM customer c WHERE c.tenant_id = $1 AND c.code = $2`, tenantID, code))
	if err != nil {
		return triage.Customer{}, fmt.Errorf("store: customer %q: %w", code, notFound(err))
	}
	return c, nil
}

// InsertCustomer creates a customer and returns its id.
func (db *DB) InsertCustomer(ctx context.Context, c triage.Customer) (int64, error) {
	var id int64
	// A customer given no collector gets the one its tenant's assignment
	// rules (or default collector) name.
	err := db.pool.QueryRow(ctx, `INSERT INTO customer (tenant_id, code, name, contact, emails, lang, country, collector_id, postal_address)
		VALUES ($1, $2, $3, $4, coalesce($5::text[], '{}'), $6, $7, $8, $9) RETURNING id`,
		c.TenantID, c.Code, c.Name, c.Contact, c.Emails, c.Lang, c.Country, c.CollectorID, c.Address).Scan(&id)
	if err == nil && c.CollectorID == nil {
		_, err = db.pool.Exec(ctx, `UPDATE customer c SET collector_id = `+ruleMatch+` WHERE c.tenant_id = $1 AND c.id = $2`, c.TenantID, id)
	}
	if err != nil {
		return 0, fmt.Errorf("store: insert customer %s: %w", c.Code, err)
	}
	return id, nil
}

const itemColumns = `id, tenant_id, customer_id, number, kind, issued, due, amount::float8, open_amount::float8,
	currency, status, resolver, in_scenario`

// OpenItems returns the customer's items with an open amount, oldest due first.
func (db *DB) OpenItems(ctx context.Context, tenantID, customerID int64) ([]triage.Item, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+itemColumns+` FROM item
		WHERE tenant_id = $1 AND customer_id = $2 AND open_amount <> 0 ORDER BY due, number`, tenantID, customerID)
	if err != nil {
		return nil, fmt.Errorf("store: open items: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Item, error) {
		var it triage.Item
		err := r.Scan(&it.ID, &it.TenantID, &it.CustomerID, &it.Number, &it.Kind, &it.Issued, &it.Due,
			&it.Amount, &it.OpenAmount, &it.Currency, &it.Status, &it.Resolver, &it.InScenario)
		return it, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: open items: %w", err)
	}
	return items, nil
}

// InsertItem adds an item to a customer's statement.
func (db *DB) InsertItem(ctx context.Context, it triage.Item) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO item (tenant_id, customer_id, number, kind, issued, due, amount, open_amount, currency, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		it.TenantID, it.CustomerID, it.Number, it.Kind, it.Issued, it.Due, it.Amount, it.OpenAmount, it.Currency, it.Status)
	if err != nil {
		return fmt.Errorf("store: insert item %s: %w", it.Number, err)
	}
	return nil
}
