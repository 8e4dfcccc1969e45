package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"github.com/triage-ar/triage/triage"
)

// efSearch is the HNSW candidate list size: above the default 40 so that
// k neighbours survive the tenant filter with good recall.
const efSearch = 100

// Nearest returns the k qualifications in force closest to vec (cosine) in
// the tenant's history. It uses the HNSW index with pgvector 0.8's iterative
// scans, so the tenant filter does not starve the result.
func (db *DB) Nearest(ctx context.Context, tenantID int64, vec []float32, k int) ([]triage.Neighbour, error) {
	var out []triage.Neighbour
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
			fmt.Sprint(efSearch)); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, status, 1 - (embedding <=> $2), comment FROM qualification
			WHERE tenant_id = $1 AND superseded_at IS NULL
			ORDER BY embedding <=> $2 LIMIT $3`, tenantID, pgvector.NewVector(vec), k)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Neighbour, error) {
			var n triage.Neighbour
			err := r.Scan(&n.QualificationID, &n.Status, &n.Similarity, &n.Comment)
			return n, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: nearest qualifications: %w", err)
	}
	return out, nil
}
