package bench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pgvector/pgvector-go"

	"github.com/triage-ar/triage/triage"
)

// ExactNearest returns the similarities of the k qualifications in force
// nearest to vec by an exact scan, the index disabled: the reference the
// HNSW index is measured against.
func ExactNearest(ctx context.Context, pool *pgxpool.Pool, tenantID int64, vec []float32, k int) ([]float64, error) {
	var sims []float64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
			return err
		}
		rs, err := tx.Query(ctx, `SELECT 1 - (embedding <=> $2) FROM qualification WHERE tenant_id = $1 AND superseded_at IS NULL
			ORDER BY embedding <=> $2 LIMIT $3`, tenantID, pgvector.NewVector(vec), k)
		if err != nil {
			return err
		}
		sims, err = pgx.CollectRows(rs, pgx.RowTo[float64])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bench: exact nearest: %w", err)
	}
	return sims, nil
}

// Hits counts the neighbours found that are as close as the exact k-th:
// many rows tie at that distance in a history of look-alike replies, and
// any of them is a right answer. Recall@k is the sum of Hits over the sum
// of len(exact).
func Hits(found []triage.Neighbour, exact []float64) int {
	if len(exact) == 0 {
		return 0
	}
	n := 0
	for _, f := range found {
		if f.Similarity >= exact[len(exact)-1]-1e-9 {
			n++
		}
	}
	return min(n, len(exact))
}
