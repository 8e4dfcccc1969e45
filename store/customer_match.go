package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// CustomerByThread returns the customer of the first of ids (message ids,
// nearest first) that is a reminder sent to a customer of the tenant, or
// nil when none is.
func (db *DB) CustomerByThread(ctx context.Context, tenantID int64, ids []string) (*int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var id int64
	err := db.pool.QueryRow(ctx, `SELECT r.customer_id FROM unnest($2::text[]) WITH ORDINALITY AS t(mid, n)
		JOIN reminder r ON r.tenant_id = $1 AND r.message_id = t.mid ORDER BY t.n LIMIT 1`, tenantID, ids).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: customer by thread: %w", err)
	}
	return &id, nil
}

// CustomersByItemRefs returns the customers owning items that refs
// designate, in full (ignoring case and punctuation) or by the last digits
// of the number (3 digits at least); at most two, like CustomersByEmail.
func (db *DB) CustomersByItemRefs(ctx context.Context, tenantID int64, refs []string) ([]int64, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	rows, err := db.pool.Query(ctx, `
		WITH r AS (
			SELECT upper(regexp_replace(x, '[^A-Za-z0-9]', '', 'g')) AS k,
				ltrim(substring(x FROM '([0-9]+)[^0-9]*$'), '0') AS tail
			FROM unnest($2::text[]) AS x
		)
		SELECT DISTINCT i.customer_id FROM item i, r
		WHERE i.tenant_id = $1 AND (
			upper(regexp_replace(i.number, '[^A-Za-z0-9]', '', 'g')) = r.k
			OR (length(r.tail) >= 3 AND ltrim(substring(i.number FROM '([0-9]+)[^0-9]*$'), '0') = r.tail))
		ORDER BY 1 LIMIT 2`, tenantID, refs)
	if err != nil {
		return nil, fmt.Errorf("store: customers by items: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: customers by items: %w", err)
	}
	return ids, nil
}

// InsertReminder records a reminder sent to a customer; recording the same
// message id again is a no-op, so senders can retry.
func (db *DB) InsertReminder(ctx context.Context, tenantID, customerID int64, messageID string, items []string, sentAt time.Time) error {
	messageID = strings.Trim(strings.TrimSpace(messageID), "<>")
	if messageID == "" {
		return &triage.ValidationError{Field: "message_id", Message: "is required"}
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO reminder (tenant_id, customer_id, message_id, items, sent_at)
		VALUES ($1, $2, $3, coalesce($4::text[], '{}'), $5) ON CONFLICT (tenant_id, message_id) DO NOTHING`,
		tenantID, customerID, messageID, items, sentAt)
	if err != nil {
		return fmt.Errorf("store: reminder %s: %w", messageID, err)
	}
	return nil
}

// MarkEmailsInvalid records addresses a delivery failure report declared
// dead on the customers that list them; it returns how many customers
// changed.
func (db *DB) MarkEmailsInvalid(ctx context.Context, tenantID int64, addrs []string) (int, error) {
	var low []string
	for _, a := range addrs {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			low = append(low, a)
		}
	}
	if len(low) == 0 {
		return 0, nil
	}
	tag, err := db.pool.Exec(ctx, `UPDATE customer
		SET invalid_emails = ARRAY(SELECT DISTINCT e FROM unnest(invalid_emails || $2::text[]) AS e
			WHERE e = ANY(email_addrs(emails)))
		WHERE tenant_id = $1 AND email_addrs(emails) && $2::text[]
			AND NOT (invalid_emails @> (SELECT array_agg(a) FROM unnest($2::text[]) a WHERE a = ANY(email_addrs(emails))))`,
		tenantID, low)
	if err != nil {
		return 0, fmt.Errorf("store: mark emails invalid: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
