package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"
)

// EmbedRow is a qualification's text, to embed again.
type EmbedRow struct {
	ID   int64
	Text string
}

// QualificationTexts returns up to limit qualifications of a tenant with an
// id above after, in id order: the pages a backfill walks through.
func (db *DB) QualificationTexts(ctx context.Context, tenantID, after int64, limit int) ([]EmbedRow, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, text FROM qualification
		WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`, tenantID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: qualification texts: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[EmbedRow])
	if err != nil {
		return nil, fmt.Errorf("store: qualification texts: %w", err)
	}
	return out, nil
}

// CountQualifications returns how many qualifications a tenant has, in
// force or superseded: what a backfill has to go through.
func (db *DB) CountQualifications(ctx context.Context, tenantID int64) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM qualification WHERE tenant_id = $1`, tenantID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count qualifications: %w", err)
	}
	return n, nil
}

// SetEmbeddings replaces the embeddings of qualifications (ids[i] gets
// vecs[i]) in one transaction, so that a page is either all new or all old.
func (db *DB) SetEmbeddings(ctx context.Context, tenantID int64, ids []int64, vecs [][]float32) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("store: set embeddings: %d ids for %d vectors", len(ids), len(vecs))
	}
	err := db.tx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i, id := range ids {
			b.Queue(`UPDATE qualification SET embedding = $3 WHERE tenant_id = $1 AND id = $2`,
				tenantID, id, pgvector.NewVector(vecs[i]))
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("store: set embeddings: %w", err)
	}
	return nil
}
