package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/suggest"
)

// maxHistory bounds the qualifications a tenant's status model learns from:
// the most recent ones, enough for any classifier and a few seconds of training.
const maxHistory = 50000

// QualifiedTexts returns the text and status of the tenant's qualifications
// in force (not superseded), oldest first, at most the maxHistory most
// recent. Corrected tells the collector changed the suggested status.
// It implements suggest.History with QualifiedCount.
func (db *DB) QualifiedTexts(ctx context.Context, tenantID int64) ([]suggest.LabelledText, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, text, status, created_at, corrected FROM (
			SELECT id, text, status, created_at, from_suggestion_id IS NOT NULL AND 'status' = ANY(edits) AS corrected
			FROM qualification WHERE tenant_id = $1 AND superseded_at IS NULL
			ORDER BY created_at DESC, id DESC LIMIT $2) recent
		ORDER BY created_at, id`, tenantID, maxHistory)
	if err != nil {
		return nil, fmt.Errorf("store: qualified texts: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (suggest.LabelledText, error) {
		var t suggest.LabelledText
		err := r.Scan(&t.ID, &t.Text, &t.Status, &t.CreatedAt, &t.Corrected)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: qualified texts: %w", err)
	}
	return out, nil
}

// QualifiedCount returns how many qualifications of the tenant are in force
// (counted up to maxHistory, as QualifiedTexts reads them) and the largest
// id among them: a change of either means the history changed.
func (db *DB) QualifiedCount(ctx context.Context, tenantID int64) (count int, lastID int64, err error) {
	err = db.pool.QueryRow(ctx, `SELECT least(count(*), $2), coalesce(max(id), 0) FROM qualification
		WHERE tenant_id = $1 AND superseded_at IS NULL`, tenantID, maxHistory).Scan(&count, &lastID)
	if err != nil {
		return 0, 0, fmt.Errorf("store: count qualifications: %w", err)
	}
	return count, lastID, nil
}
