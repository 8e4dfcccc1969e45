package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pgvector/pgvector-go"

	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// Statuses are the labels of the synthetic history.
var Statuses = []string{"promise_to_pay", "already_paid", "payment_plan", "price_dispute", "invoice_copy", "out_of_office", "other"}

// SynthText makes a reply-like text: an intent phrase drawn from a few per
// status, among words from a large vocabulary that say nothing of it, so
// that the nearest rows are many and close, as in a real history.
func SynthText(rng *rand.Rand, status string) string {
	var b strings.Builder
	for range 6 + rng.IntN(20) {
		fmt.Fprintf(&b, "w%d ", rng.IntN(20000))
	}
	fmt.Fprintf(&b, "%s%d %s ", status, rng.IntN(4), status)
	for range rng.IntN(10) {
		fmt.Fprintf(&b, "w%d ", rng.IntN(20000))
	}
	return b.String()
}

// LoadHistory copies n synthetic qualified replies into a tenant's history
// of an empty database, with the HNSW index dropped during the copy and
// built after it, as a bulk import would. It returns the statuses and texts
// it wrote, row i having reply and qualification id i+1.
func LoadHistory(ctx context.Context, pool *pgxpool.Pool, tenantID int64, n int) (statuses, texts []string, err error) {
	if _, err := pool.Exec(ctx, `DROP INDEX qualification_embedding`); err != nil {
		return nil, nil, fmt.Errorf("bench: drop the HNSW index: %w", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	texts = make([]string, n)
	statuses = make([]string, n)
	for i := range n {
		statuses[i] = Statuses[rng.IntN(len(Statuses))]
		texts[i] = SynthText(rng, statuses[i])
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"reply"}, []string{"id", "tenant_id", "source", "received_at", "body_clean", "state"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			return []any{int64(i + 1), tenantID, string(triage.SourceAPI), at, texts[i], string(triage.StateQualified)}, nil
		}))
	if err != nil {
		return nil, nil, fmt.Errorf("bench: copy replies: %w", err)
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"qualification"}, []string{"tenant_id", "reply_id", "status", "text", "embedding"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			vec, err := suggest.HashEmbedder{}.Embed(ctx, texts[i])
			return []any{tenantID, int64(i + 1), statuses[i], texts[i], pgvector.NewVector(vec)}, err
		}))
	if err != nil {
		return nil, nil, fmt.Errorf("bench: copy qualifications: %w", err)
	}
	// The reply ids were given explicitly: move the sequence past them.
	_, err = pool.Exec(ctx, `SELECT setval('reply_id_seq', (SELECT max(id) FROM reply));
		SET maintenance_work_mem = '1GB';
		CREATE INDEX qualification_embedding ON qualification USING hnsw (embedding vector_cosine_ops);
		ANALYZE reply; ANALYZE qualification`)
	if err != nil {
		return nil, nil, fmt.Errorf("bench: index the history: %w", err)
	}
	return statuses, texts, nil
}
