package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"github.com/triage-ar/triage/triage"
)

// InsertHistory imports a reply that was already qualified elsewhere (an
// earlier tool, a demo) with its qualification, in one transaction and
// without a suggestion job: it only feeds the history suggestions learn from.
func (db *DB) InsertHistory(ctx context.Context, r triage.NewReply, q triage.Qualification) (int64, error) {
	var replyID int64
	err := db.tx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO reply (tenant_id, source, message_id, from_addr, subject, received_at,
				text, body_clean, lang, auto_reply, customer_id, item_refs, state, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::text[], '{}'), 'qualified', $6, $6)
			RETURNING id`,
			r.TenantID, r.Source, r.MessageID, r.From, r.Subject, r.ReceivedAt, r.Text, r.BodyClean, r.Lang,
			r.AutoReply, r.CustomerID, r.ItemRefs).Scan(&replyID)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO qualification (tenant_id, reply_id, items, status, comment, resolver,
				by_user_id, text, embedding, created_at)
			VALUES ($1, $2, coalesce($3::text[], '{}'), $4, $5, $6, $7, $8, $9, $10)`,
			r.TenantID, replyID, q.Items, q.Status, q.Comment, q.Resolver, nullID(q.ByUserID), q.Text,
			pgvector.NewVector(q.Embedding), r.ReceivedAt)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: insert history: %w", err)
	}
	return replyID, nil
}
