package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"github.com/triage-ar/triage/triage"
)

// SaveQualification persists a qualification and its effects in one
// transaction: the reply leaves the queue, an earlier qualification of the
// same reply is superseded, the items take the status, the follow-up action
// is planned (taking the items out of the dunning scenario) and the audit line written.
func (db *DB) SaveQualification(ctx context.Context, rec triage.QualifyRecord) (triage.Qualification, error) {
	q := rec.Qualification
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := moveReply(ctx, tx, q.TenantID, q.ReplyID, rec.PrevStates, triage.StateQualified); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE qualification SET superseded_at = now()
			WHERE tenant_id = $1 AND reply_id = $2 AND superseded_at IS NULL`, q.TenantID, q.ReplyID); err != nil {
			return err
		}
		var tmpl string
		var due *time.Time
		if q.FollowUp != nil {
			tmpl, due = q.FollowUp.Template, &q.FollowUp.Due
		}
		err := tx.QueryRow(ctx, `INSERT INTO qualification (tenant_id, reply_id, items, status, comment, resolver,
				follow_up_template, follow_up_due, by_user_id, from_suggestion_id, edits, text, embedding)
			VALUES ($1, $2, coalesce($3::text[], '{}'), $4, $5, $6, $7, $8, $9, $10, coalesce($11::text[], '{}'), $12, $13)
			RETURNING id, created_at`,
			q.TenantID, q.ReplyID, q.Items, q.Status, q.Comment, q.Resolver, tmpl, due, nullID(q.ByUserID),
			q.FromSuggestion, q.Edits, q.Text, pgvector.NewVector(q.Embedding)).Scan(&q.ID, &q.CreatedAt)
		if err != nil {
			return err
		}
		inScenario := rec.Action == nil
		if _, err := tx.Exec(ctx, `UPDATE item SET status = $3, resolver = $4, in_scenario = $5
			WHERE tenant_id = $1 AND number = ANY($2)`, q.TenantID, q.Items, q.Status, q.Resolver, inScenario); err != nil {
			return err
		}
		if a := rec.Action; a != nil {
			if err := checkTenantUser(ctx, tx, a.TenantID, a.AssigneeID); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO action (tenant_id, customer_id, reply_id, items, template, due, assignee_id)
				VALUES ($1, $2, $3, coalesce($4::text[], '{}'), $5, $6, $7)`,
				a.TenantID, a.CustomerID, q.ReplyID, a.Items, a.Template, a.Due, a.AssigneeID); err != nil {
				return err
			}
		}
		return insertAudit(ctx, tx, rec.Audit)
	})
	if err != nil {
		return q, fmt.Errorf("store: qualify reply %d: %w", q.ReplyID, err)
	}
	return q, nil
}

// nullID maps the zero id (no user, e.g. an import) to NULL.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// CurrentQualification returns the qualification in force for a reply.
func (db *DB) CurrentQualification(ctx context.Context, tenantID, replyID int64) (triage.Qualification, error) {
	var q triage.Qualification
	var tmpl string
	var due *time.Time
	err := db.pool.QueryRow(ctx, `SELECT id, tenant_id, reply_id, items, status, comment, resolver,
			follow_up_template, follow_up_due, coalesce(by_user_id, 0), from_suggestion_id, edits, text, created_at
		FROM qualification WHERE tenant_id = $1 AND reply_id = $2 AND superseded_at IS NULL`, tenantID, replyID).Scan(
		&q.ID, &q.TenantID, &q.ReplyID, &q.Items, &q.Status, &q.Comment, &q.Resolver, &tmpl, &due,
		&q.ByUserID, &q.FromSuggestion, &q.Edits, &q.Text, &q.CreatedAt)
	if err != nil {
		return q, fmt.Errorf("store: qualification of reply %d: %w", replyID, notFound(err))
	}
	if due != nil {
		q.FollowUp = &triage.FollowUp{Template: tmpl, Due: *due}
	}
	return q, nil
}
