package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// QueueFilter narrows the review queue. The zero value lists every pending
// reply of the tenant, newest first.
type QueueFilter struct {
	// AssigneeID keeps replies routed to this collector; nil keeps all.
	AssigneeID *int64
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

// Queue lists pending replies with their customer and newest suggestion,
// paginated by keyset so that deep pages stay as fast as the first.
func (db *DB) Queue(ctx context.Context, tenantID int64, f QueueFilter) ([]QueueRow, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var afterAt *time.Time
	var afterID int64
	if f.After != nil {
		afterAt, afterID = &f.After.ReceivedAt, f.After.ID
	}
	rows, err := db.pool.Query(ctx, `
		SELECT r.id, r.tenant_id, r.source, r.message_id, r.in_reply_to, r.from_addr, r.subject, r.received_at,
			r.text, r.body_clean, r.lang, r.auto_reply, r.customer_id, r.item_refs, r.state, r.assignee_id, r.created_at,
			coalesce(c.code, ''), coalesce(c.name, ''),
			s.id, s.status, s.confidence, s.items, s.comment, s.strategy
		FROM reply r
		LEFT JOIN customer c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
		LEFT JOIN LATERAL (
			SELECT id, status, confidence, items, comment, strategy FROM suggestion
			WHERE tenant_id = r.tenant_id AND reply_id = r.id ORDER BY id DESC LIMIT 1) s ON true
		WHERE r.tenant_id = $1 AND r.state = 'pending'
		  AND ($2::bigint IS NULL OR r.assignee_id = $2)
		  AND ($3::timestamptz IS NULL OR (r.received_at, r.id) < ($3, $4))
		ORDER BY r.received_at DESC, r.id DESC
		LIMIT $5`, tenantID, f.AssigneeID, afterAt, afterID, f.Limit)
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
			&r.Text, &r.BodyClean, &r.Lang, &r.AutoReply, &r.CustomerID, &r.ItemRefs, &r.State, &r.AssigneeID, &r.CreatedAt,
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
