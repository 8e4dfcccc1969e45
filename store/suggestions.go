package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// SaveSuggestion stores a suggestion; a reply may have several (recomputed
// after a model change), the newest wins.
func (db *DB) SaveSuggestion(ctx context.Context, s triage.Suggestion) (triage.Suggestion, error) {
	nb, err := json.Marshal(s.Neighbours)
	if err != nil {
		return s, fmt.Errorf("store: suggestion neighbours: %w", err)
	}
	var tmpl string
	var due *time.Time
	if s.FollowUp != nil {
		tmpl, due = s.FollowUp.Template, &s.FollowUp.Due
	}
	is, err := json.Marshal(s.ItemStatuses)
	if err != nil || s.ItemStatuses == nil {
		is = []byte("{}")
	}
	err = db.pool.QueryRow(ctx, `INSERT INTO suggestion (tenant_id, reply_id, strategy, prompt_version, status,
			comment, items, follow_up_template, follow_up_due, confidence, neighbours, latency_ms, tokens,
			item_statuses, cost)
		VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::text[], '{}'), $8, $9, $10, $11, $12, $13, $14, $15)
		RETURNING id, created_at`,
		s.TenantID, s.ReplyID, s.Strategy, s.PromptVersion, s.Status, s.Comment, s.Items, tmpl, due,
		s.Confidence, nb, float64(s.Latency)/float64(time.Millisecond), s.Tokens, is, s.Cost).Scan(&s.ID, &s.CreatedAt)
	if err != nil {
		return s, fmt.Errorf("store: save suggestion of reply %d: %w", s.ReplyID, err)
	}
	return s, nil
}

const suggestionColumns = `id, tenant_id, reply_id, strategy, prompt_version, status, comment, items,
	follow_up_template, follow_up_due, confidence, neighbours, latency_ms, tokens, item_statuses, cost, created_at`

func scanSuggestion(row pgx.Row) (triage.Suggestion, error) {
	var s triage.Suggestion
	var tmpl string
	var due *time.Time
	var nb, is []byte
	var ms float64
	err := row.Scan(&s.ID, &s.TenantID, &s.ReplyID, &s.Strategy, &s.PromptVersion, &s.Status, &s.Comment, &s.Items,
		&tmpl, &due, &s.Confidence, &nb, &ms, &s.Tokens, &is, &s.Cost, &s.CreatedAt)
	if err != nil {
		return s, err
	}
	if due != nil {
		s.FollowUp = &triage.FollowUp{Template: tmpl, Due: *due}
	}
	s.Latency = time.Duration(ms * float64(time.Millisecond))
	if err := json.Unmarshal(nb, &s.Neighbours); err != nil {
		return s, fmt.Errorf("neighbours: %w", err)
	}
	if err := json.Unmarshal(is, &s.ItemStatuses); err != nil {
		return s, fmt.Errorf("item statuses: %w", err)
	}
	if len(s.ItemStatuses) == 0 {
		s.ItemStatuses = nil
	}
	return s, nil
}

// LatestSuggestion returns the newest suggestion of a reply.
func (db *DB) LatestSuggestion(ctx context.Context, tenantID, replyID int64) (triage.Suggestion, error) {
	s, err := scanSuggestion(db.pool.QueryRow(ctx, `SELECT `+suggestionColumns+` FROM suggestion
		WHERE tenant_id = $1 AND reply_id = $2 ORDER BY id DESC LIMIT 1`, tenantID, replyID))
	if err != nil {
		return s, fmt.Errorf("store: suggestion of reply %d: %w", replyID, notFound(err))
	}
	return s, nil
}
