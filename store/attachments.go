package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// insertAttachments stores a new reply's files in its transaction.
func insertAttachments(ctx context.Context, tx pgx.Tx, r triage.Reply, atts []triage.Attachment) error {
	if len(atts) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, a := range atts {
		data := a.Data
		if data == nil {
			data = []byte{}
		}
		b.Queue(`INSERT INTO attachment (tenant_id, reply_id, name, content_type, size, data, remittance, inline)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.TenantID, r.ID, a.Name, a.ContentType, len(data), data, a.Remittance, a.Inline)
	}
	return tx.SendBatch(ctx, b).Close()
}

// Attachments lists a reply's files, without their content.
func (db *DB) Attachments(ctx context.Context, tenantID, replyID int64) ([]triage.Attachment, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, content_type, size, remittance, inline FROM attachment
		WHERE tenant_id = $1 AND reply_id = $2 ORDER BY id`, tenantID, replyID)
	if err != nil {
		return nil, fmt.Errorf("store: attachments of reply %d: %w", replyID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Attachment, error) {
		var a triage.Attachment
		err := r.Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.Remittance, &a.Inline)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: attachments of reply %d: %w", replyID, err)
	}
	return out, nil
}

// Attachment returns one file of a reply with its content.
func (db *DB) Attachment(ctx context.Context, tenantID, replyID, id int64) (triage.Attachment, error) {
	var a triage.Attachment
	err := db.pool.QueryRow(ctx, `SELECT id, name, content_type, size, data, remittance, inline FROM attachment
		WHERE tenant_id = $1 AND reply_id = $2 AND id = $3`, tenantID, replyID, id).
		Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.Data, &a.Remittance, &a.Inline)
	if err != nil {
		return a, fmt.Errorf("store: attachment %d: %w", id, notFound(err))
	}
	return a, nil
}
