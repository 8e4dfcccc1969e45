package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// QueueFilter narrows the review queue. The zero value lists every pending
// reply of the tenant, newest first.
type QueueFilter struct {
	// AssigneeID keeps replies routed to this collector; nil keeps all.
	AssigneeID *int64
	// MailboxID keeps the replies read from one mailbox.
	MailboxID *int64
	// Source keeps one source ("imap", "webform", "api"); "" keeps all.
	Source string
	// Status keeps the replies whose newest suggestion has this status.
	Status string
	// NeedsReview keeps the suggestions under Threshold (true) or at or
	// above it (false); nil keeps all.
	NeedsReview *bool
	Threshold   float64
	// UnknownCustomer keeps the replies no customer was matched to.
	UnknownCustomer bool
	// AutoReply keeps automatic replies (true) or the others (false).
	AutoReply *bool
	// Unreadable keeps the replies whose message could not be parsed.
	Unreadable bool
	// Search matches the customer's code or name, the sender, the subject,
	// the customer's words and the invoice numbers, case-insensitively.
	Search string
	// Limit is the page size (default 50, at most 200).
	Limit int
	// After is the keyset cursor: the last row of the previous page.
	After *QueueCursor
}

// QueueCursor is a position in the queue's order (received_at desc, id desc).
type QueueCursor struct {
	ReceivedAt time.Time
	ID         int64
}

// QueueRow is a pending reply as the queue lists it.
type QueueRow struct {
	Reply        triage.Reply
	CustomerCode string
	CustomerName string
	Suggestion   *triage.Suggestion
}

// queueFrom is the queue's rows: the reply, its customer and its newest
// suggestion, which the reply keeps (0015_queue_filters.sql).
const queueFrom = `FROM reply r
		LEFT JOIN customer c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
		LEFT JOIN suggestion s ON s.tenant_id = r.tenant_id AND s.id = r.suggestion_id`

// sqlWhere builds a WHERE clause of numbered parameters, $1 the tenant.
type sqlWhere struct {
	conds []string
	args  []any
}

// add appends a condition whose "$?" are, in order, new parameters of the
// values vs.
func (w *sqlWhere) add(cond string, vs ...any) {
	for _, v := range vs {
		w.args = append(w.args, v)
		cond = strings.Replace(cond, "$?", fmt.Sprintf("$%d", len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

// String is the clause, from its WHERE keyword.
func (w *sqlWhere) String() string { return "WHERE " + strings.Join(w.conds, "\n\t\t  AND ") }

// queueWhere keeps a tenant's pending replies under the filter (its page
// and cursor aside). Only the filters set become conditions, where
// "$n IS NULL OR ..." ones would hide from the planner which index serves
// them. The queries run unprepared (pgx.QueryExecModeExec), planned for
// their values: a word most replies hold is best read in the queue's
// order, an invoice number that one reply holds from the trigram index,
// which a plan cached for every word would not tell apart.
func (db *DB) queueWhere(ctx context.Context, tenantID int64, f QueueFilter) (*sqlWhere, error) {
	w := &sqlWhere{conds: []string{"r.tenant_id = $1", "r.state = 'pending'"}, args: []any{tenantID}}
	if f.AssigneeID != nil {
		w.add("r.assignee_id = $?", *f.AssigneeID)
	}
	if f.MailboxID != nil {
		w.add("r.mailbox_id = $?", *f.MailboxID)
	}
	if f.Source != "" {
		w.add("r.source = $?", f.Source)
	}
	if f.UnknownCustomer {
		w.conds = append(w.conds, "r.customer_id IS NULL")
	}
	if f.AutoReply != nil {
		w.add("r.auto_reply = $?", *f.AutoReply)
	}
	if f.Unreadable {
		w.add("$? = ANY(r.flags)", triage.FlagUnreadable)
	}
	if f.Status != "" {
		w.add("r.suggested_status = $?", f.Status)
	}
	// A reply without a suggestion has no confidence: neither under nor above.
	if f.NeedsReview != nil && *f.NeedsReview {
		w.add("r.suggested_confidence < $?", f.Threshold)
	} else if f.NeedsReview != nil {
		w.add("r.suggested_confidence >= $?", f.Threshold)
	}
	// The reply's words are one indexed text (search_text). The customers
	// whose code or name match are read first: as values, they let the
	// planner weigh them against the reply's words.
	if q := strings.TrimSpace(f.Search); q != "" {
		pat := "%" + escapeLike(q) + "%"
		var customers []int64
		err := db.pool.QueryRow(ctx, `SELECT coalesce(array_agg(id), '{}') FROM customer
			WHERE tenant_id = $1 AND (code ILIKE $2 OR name ILIKE $2)`, tenantID, pat).Scan(&customers)
		if err != nil {
			return nil, fmt.Errorf("store: queue customers matching %q: %w", q, err)
		}
		words := "r.search_text ILIKE $?"
		if len(customers) == 0 {
			w.add(words, pat)
		} else {
			w.add("("+words+" OR r.customer_id = ANY($?))", pat, customers)
		}
	}
	return w, nil
}

// QueueCount counts the pending replies under a filter (its page and
// cursor aside), for the queue's header. Every filter reads the reply
// alone: its indexes answer without the customer or the suggestion.
func (db *DB) QueueCount(ctx context.Context, tenantID int64, f QueueFilter) (int, error) {
	w, err := db.queueWhere(ctx, tenantID, f)
	if err != nil {
		return 0, err
	}
	var n int
	args := append([]any{pgx.QueryExecModeExec}, w.args...)
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM reply r `+w.String(), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: queue count: %w", err)
	}
	return n, nil
}

// Queue lists pending replies with their customer and newest suggestion,
// paginated by keyset so that deep pages stay as fast as the first.
func (db *DB) Queue(ctx context.Context, tenantID int64, f QueueFilter) ([]QueueRow, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	w, err := db.queueWhere(ctx, tenantID, f)
	if err != nil {
		return nil, err
	}
	if f.After != nil {
		w.add("(r.received_at, r.id) < ($?, $?)", f.After.ReceivedAt, f.After.ID)
	}
	args := append(append([]any{pgx.QueryExecModeExec}, w.args...), f.Limit)
	rows, err := db.pool.Query(ctx, `
		SELECT r.id, r.tenant_id, r.source, r.message_id, r.in_reply_to, r.from_addr, r.subject, r.received_at,
			r.text, r.body_clean, r.lang, r.auto_reply, r.customer_id, r.item_refs, r.state, r.assignee_id, r.created_at, r.flags,
			coalesce(c.code, ''), coalesce(c.name, ''),
			s.id, s.status, s.confidence, s.items, s.comment, s.strategy
		`+queueFrom+`
		`+w.String()+`
		ORDER BY r.received_at DESC, r.id DESC
		LIMIT `+fmt.Sprintf("$%d", len(w.args)+1), args...)
	if err != nil {
		return nil, fmt.Errorf("store: queue: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (QueueRow, error) {
		var q QueueRow
		r := &q.Reply
		var sID *int64
		var sStatus, sComment, sStrategy *string
		var sConf *float64
		var sItems []string
		err := row.Scan(&r.ID, &r.TenantID, &r.Source, &r.MessageID, &r.InReplyTo, &r.From, &r.Subject, &r.ReceivedAt,
			&r.Text, &r.BodyClean, &r.Lang, &r.AutoReply, &r.CustomerID, &r.ItemRefs, &r.State, &r.AssigneeID, &r.CreatedAt, &r.Flags,
			&q.CustomerCode, &q.CustomerName, &sID, &sStatus, &sConf, &sItems, &sComment, &sStrategy)
		if err == nil && sID != nil {
			q.Suggestion = &triage.Suggestion{ID: *sID, ReplyID: r.ID, Status: *sStatus, Confidence: *sConf,
				Items: sItems, Comment: *sComment, Strategy: *sStrategy}
		}
		return q, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: queue: %w", err)
	}
	return out, nil
}

// PendingCount returns the number of pending replies, for the queue header.
func (db *DB) PendingCount(ctx context.Context, tenantID int64, assigneeID *int64) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM reply WHERE tenant_id = $1 AND state = 'pending'
		AND ($2::bigint IS NULL OR assignee_id = $2)`, tenantID, assigneeID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: pending count: %w", err)
	}
	return n, nil
}

// PendingAll counts the pending replies of every tenant, for metrics.
func (db *DB) PendingAll(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM reply WHERE state = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: pending replies: %w", err)
	}
	return n, nil
}
