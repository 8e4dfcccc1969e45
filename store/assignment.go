package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// CustomerFilter selects customers on the customers page.
type CustomerFilter struct {
	// Codes are account codes pasted from a spreadsheet: exact matches.
	Codes []string
	// Query matches the code or the name, case-insensitively.
	Query string
	// Unassigned keeps the customers without a collector, and with
	// NonZero those with an open balance too: the alert list.
	Unassigned bool
	NonZero    bool
	Limit      int
}

// Customers lists the tenant's customers under a filter, by code.
func (db *DB) Customers(ctx context.Context, tenantID int64, f CustomerFilter) ([]triage.Customer, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	var codes []string
	for _, c := range f.Codes {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	rows, err := db.pool.Query(ctx, `SELECT `+customerColumns+` FROM customer c
		WHERE c.tenant_id = $1
			AND (coalesce(cardinality($2::text[]), 0) = 0 OR c.code = ANY($2))
			AND ($3 = '' OR c.code ILIKE '%' || $3 || '%' OR c.name ILIKE '%' || $3 || '%')
			AND (NOT $4 OR c.collector_id IS NULL)
			AND (NOT $5 OR EXISTS (SELECT 1 FROM item i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.open_amount <> 0))
		ORDER BY c.code LIMIT $6`, tenantID, codes, escapeLike(strings.TrimSpace(f.Query)), f.Unassigned, f.NonZero, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("store: customers: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Customer, error) { return scanCustomer(r) })
	if err != nil {
		return nil, fmt.Errorf("store: customers: %w", err)
	}
	return out, nil
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UnassignedWithBalance counts the customers with an open balance and no
// collector: the alert of the queue page.
func (db *DB) UnassignedWithBalance(ctx context.Context, tenantID int64) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM customer c WHERE c.tenant_id = $1 AND c.collector_id IS NULL
		AND EXISTS (SELECT 1 FROM item i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.open_amount <> 0)`,
		tenantID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unassigned customers: %w", err)
	}
	return n, nil
}

// AssignCustomers gives customers a collector (nil: none). Their pending
// replies and open follow-up actions move to that collector with them, in
// the same transaction, with one audit line per customer.
func (db *DB) AssignCustomers(ctx context.Context, tenantID int64, ids []int64, collector *int64, audit func(customerID int64) triage.Audit) (int, error) {
	var n int
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := checkTenantUser(ctx, tx, tenantID, collector); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `UPDATE customer SET collector_id = $3 WHERE tenant_id = $1 AND id = ANY($2) RETURNING id`,
			tenantID, ids, collector)
		if err != nil {
			return err
		}
		changed, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		n = len(changed)
		if _, err := tx.Exec(ctx, `UPDATE reply SET assignee_id = $3, updated_at = now()
			WHERE tenant_id = $1 AND customer_id = ANY($2) AND state = 'pending'`, tenantID, changed, collector); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE action SET assignee_id = $3
			WHERE tenant_id = $1 AND customer_id = ANY($2) AND NOT done`, tenantID, changed, collector); err != nil {
			return err
		}
		for _, id := range changed {
			if err := insertAudit(ctx, tx, audit(id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: assign customers: %w", err)
	}
	return n, nil
}

// checkTenantUser reports a ValidationError when id is not a user of the tenant.
func checkTenantUser(ctx context.Context, tx pgx.Tx, tenantID int64, id *int64) error {
	if id == nil {
		return nil
	}
	var ok bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2)`, tenantID, *id).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return triage.Invalid("collector", triage.CodeNotTenantUser)
	}
	return nil
}

// AssignmentRule gives matching customers a collector.
type AssignmentRule struct {
	ID          int64
	Position    int
	Country     string   // "" matches any country
	CodePrefix  string   // "" matches any code
	MinBalance  *float64 // nil matches any balance
	CollectorID int64
	Collector   string // the collector's name, when listed
}

// AssignmentRules returns the tenant's rules in the order they apply, and
// its default collector.
func (db *DB) AssignmentRules(ctx context.Context, tenantID int64) ([]AssignmentRule, *int64, error) {
	rows, err := db.pool.Query(ctx, `SELECT r.id, r.position, r.country, r.code_prefix, r.min_balance::float8, r.collector_id, u.name
		FROM assignment_rule r JOIN app_user u ON u.tenant_id = r.tenant_id AND u.id = r.collector_id
		WHERE r.tenant_id = $1 ORDER BY r.position, r.id`, tenantID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: assignment rules: %w", err)
	}
	rules, err := pgx.CollectRows(rows, pgx.RowToStructByPos[AssignmentRule])
	if err != nil {
		return nil, nil, fmt.Errorf("store: assignment rules: %w", err)
	}
	var def *int64
	if err := db.pool.QueryRow(ctx, `SELECT default_collector_id FROM tenant WHERE id = $1`, tenantID).Scan(&def); err != nil {
		return nil, nil, fmt.Errorf("store: default collector: %w", notFound(err))
	}
	return rules, def, nil
}

// AddAssignmentRule appends a rule after the others.
func (db *DB) AddAssignmentRule(ctx context.Context, tenantID int64, r AssignmentRule) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := checkTenantUser(ctx, tx, tenantID, &r.CollectorID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO assignment_rule (tenant_id, position, country, code_prefix, min_balance, collector_id)
			VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM assignment_rule WHERE tenant_id = $1), upper($2), $3, $4, $5)`,
			tenantID, strings.TrimSpace(r.Country), strings.TrimSpace(r.CodePrefix), r.MinBalance, r.CollectorID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: add assignment rule: %w", err)
	}
	return nil
}

// DeleteAssignmentRule removes a rule of the tenant.
func (db *DB) DeleteAssignmentRule(ctx context.Context, tenantID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM assignment_rule WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return fmt.Errorf("store: delete assignment rule: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: assignment rule %d: %w", id, triage.ErrNotFound)
	}
	return nil
}

// SetDefaultCollector sets (nil: clears) the collector of customers no rule matches.
func (db *DB) SetDefaultCollector(ctx context.Context, tenantID int64, collector *int64) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := checkTenantUser(ctx, tx, tenantID, collector); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE tenant SET default_collector_id = $2 WHERE id = $1`, tenantID, collector)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: default collector: %w", err)
	}
	return nil
}

// ruleMatch is the collector the first matching rule, else the default,
// gives a customer row c (aliased "c") of the tenant $1.
const ruleMatch = `coalesce((SELECT r.collector_id FROM assignment_rule r
		WHERE r.tenant_id = c.tenant_id
			AND (r.country = '' OR upper(c.country) = r.country)
			AND (r.code_prefix = '' OR c.code LIKE r.code_prefix || '%')
			AND (r.min_balance IS NULL OR coalesce((SELECT sum(i.open_amount) FROM item i
				WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id), 0) >= r.min_balance)
		ORDER BY r.position, r.id LIMIT 1),
	(SELECT t.default_collector_id FROM tenant t WHERE t.id = c.tenant_id))`

// ApplyAssignmentRules gives every customer without a collector the one its
// rules (or the default) name, moving their pending replies and open
// actions along; it returns how many customers got one.
func (db *DB) ApplyAssignmentRules(ctx context.Context, tenantID int64) (int, error) {
	var n int
	err := db.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE customer c SET collector_id = `+ruleMatch+`
			WHERE c.tenant_id = $1 AND c.collector_id IS NULL AND `+ruleMatch+` IS NOT NULL
			RETURNING c.id`, tenantID)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		n = len(ids)
		if _, err := tx.Exec(ctx, `UPDATE reply r SET assignee_id = c.collector_id FROM customer c
			WHERE r.tenant_id = $1 AND c.tenant_id = $1 AND r.customer_id = c.id AND c.id = ANY($2) AND r.state = 'pending'`, tenantID, ids); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE action a SET assignee_id = c.collector_id FROM customer c
			WHERE a.tenant_id = $1 AND c.tenant_id = $1 AND a.customer_id = c.id AND c.id = ANY($2) AND NOT a.done`, tenantID, ids)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: apply assignment rules: %w", err)
	}
	return n, nil
}
