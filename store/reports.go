package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AcceptanceRow tallies what collectors did with the suggestions of one
// status and strategy in one week: kept as suggested, kept with edits
// (comment, items, date), or rejected (another status).
type AcceptanceRow struct {
	Week     time.Time // Monday of the week
	Status   string    // the status suggested
	Strategy string
	Accepted int
	Edited   int
	Rejected int
}

// Total is how many suggestions the row counts.
func (r AcceptanceRow) Total() int { return r.Accepted + r.Edited + r.Rejected }

// Acceptance returns the tallies of the qualifications made from a
// suggestion since from, by week, suggested status and strategy.
func (db *DB) Acceptance(ctx context.Context, tenantID int64, from time.Time) ([]AcceptanceRow, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT date_trunc('week', q.created_at)::date, s.status, s.strategy,
			count(*) FILTER (WHERE cardinality(q.edits) = 0),
			count(*) FILTER (WHERE cardinality(q.edits) > 0 AND NOT 'status' = ANY(q.edits)),
			count(*) FILTER (WHERE 'status' = ANY(q.edits))
		FROM qualification q JOIN suggestion s ON s.tenant_id = q.tenant_id AND s.id = q.from_suggestion_id
		WHERE q.tenant_id = $1 AND q.created_at >= $2
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, tenantID, from)
	if err != nil {
		return nil, fmt.Errorf("store: acceptance: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[AcceptanceRow])
	if err != nil {
		return nil, fmt.Errorf("store: acceptance: %w", err)
	}
	return out, nil
}

// QueueAge counts the pending replies by age: under a day, one to three
// days, three to seven, more; and gives the oldest one's arrival.
type QueueAge struct {
	Day, Days3, Week, Older int
	Oldest                  *time.Time
}

// QueueAges measures the pending queue at now.
func (db *DB) QueueAges(ctx context.Context, tenantID int64, now time.Time) (QueueAge, error) {
	var a QueueAge
	err := db.pool.QueryRow(ctx, `SELECT
			count(*) FILTER (WHERE received_at > $2::timestamptz - interval '1 day'),
			count(*) FILTER (WHERE received_at <= $2::timestamptz - interval '1 day' AND received_at > $2::timestamptz - interval '3 days'),
			count(*) FILTER (WHERE received_at <= $2::timestamptz - interval '3 days' AND received_at > $2::timestamptz - interval '7 days'),
			count(*) FILTER (WHERE received_at <= $2::timestamptz - interval '7 days'),
			min(received_at)
		FROM reply WHERE tenant_id = $1 AND state = 'pending'`, tenantID, now).
		Scan(&a.Day, &a.Days3, &a.Week, &a.Older, &a.Oldest)
	if err != nil {
		return a, fmt.Errorf("store: queue age: %w", err)
	}
	return a, nil
}

// QualificationRate is seed 000's indicator: of the items overdue at a
// day, how many (and how much) carry a status.
type QualificationRate struct {
	Overdue, Qualified             int
	OverdueAmount, QualifiedAmount float64
}

// QualificationRates measures it on the tenant's open items at day.
func (db *DB) QualificationRates(ctx context.Context, tenantID int64, day time.Time) (QualificationRate, error) {
	var r QualificationRate
	err := db.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE status <> ''),
			coalesce(sum(open_amount), 0)::float8, coalesce(sum(open_amount) FILTER (WHERE status <> ''), 0)::float8
		FROM item WHERE tenant_id = $1 AND open_amount <> 0 AND due < $2`, tenantID, day).
		Scan(&r.Overdue, &r.Qualified, &r.OverdueAmount, &r.QualifiedAmount)
	if err != nil {
		return r, fmt.Errorf("store: qualification rate: %w", err)
	}
	return r, nil
}
