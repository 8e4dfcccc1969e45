package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pgvector/pgvector-go"
	pgxvec "github.com/pgvector/pgvector-go/pgx"

	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// benchStatuses are the labels of the synthetic history.
var benchStatuses = []string{"promise_to_pay", "already_paid", "payment_plan", "price_dispute", "invoice_copy", "out_of_office", "other"}

// benchText makes a reply-like text: an intent phrase drawn from a few per
// status, among words from a large vocabulary that say nothing of it.
func benchText(rng *rand.Rand, status string) string {
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

// BenchmarkNearest measures the nearest-qualification query of suggestions
// on a history of TRIAGE_BENCH_ROWS rows (default 100 000), through the HNSW
// index and by exact scan, and reports the HNSW recall@10 against the exact
// scan. Loading and indexing the rows takes minutes: it runs with -bench only.
//
//	go test -run XXX -bench Nearest -benchtime 200x ./store/
func BenchmarkNearest(b *testing.B) {
	rows := 100000
	if s := os.Getenv("TRIAGE_BENCH_ROWS"); s != "" {
		var err error
		if rows, err = strconv.Atoi(s); err != nil || rows <= 0 {
			b.Fatalf("TRIAGE_BENCH_ROWS=%q", s)
		}
	}
	db, url := storetest.NewWithURL(b)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "bench", "Bench")
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	cfg.AfterConnect = pgxvec.RegisterTypes
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	start := time.Now()
	if err := loadHistory(ctx, pool, tn.ID, rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d rows loaded and indexed in %s", rows, time.Since(start).Round(time.Second))

	rng := rand.New(rand.NewPCG(7, 7))
	queries := make([][]float32, 200)
	for i := range queries {
		queries[i], _ = suggest.HashEmbedder{}.Embed(ctx, benchText(rng, benchStatuses[i%len(benchStatuses)]))
	}
	// exact returns the similarities of the 10 nearest rows by exact scan.
	exact := func(vec []float32) []float64 {
		var sims []float64
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
				return err
			}
			rs, err := tx.Query(ctx, `SELECT 1 - (embedding <=> $2) FROM qualification WHERE tenant_id = $1 AND superseded_at IS NULL
				ORDER BY embedding <=> $2 LIMIT 10`, tn.ID, pgvector.NewVector(vec))
			if err != nil {
				return err
			}
			sims, err = pgx.CollectRows(rs, pgx.RowTo[float64])
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		return sims
	}
	b.Run("hnsw", func(b *testing.B) {
		// Recall@10 counts an HNSW neighbour as found when it is as close as
		// the exact 10th: many rows tie at that distance in a history of
		// look-alike replies, and any of them is a right answer.
		var hit, total int
		for _, q := range queries[:50] {
			ns, err := db.Nearest(ctx, tn.ID, q, 10)
			if err != nil {
				b.Fatal(err)
			}
			want := exact(q)
			for _, n := range ns {
				if len(want) > 0 && n.Similarity >= want[len(want)-1]-1e-9 {
					hit++
				}
			}
			total += len(want)
		}
		i := 0
		for b.Loop() {
			if _, err := db.Nearest(ctx, tn.ID, queries[i%len(queries)], suggest.DefaultK); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(hit)/float64(total), "recall@10")
	})
	b.Run("exact", func(b *testing.B) {
		i := 0
		for b.Loop() {
			exact(queries[i%len(queries)])
			i++
		}
	})
}

// loadHistory copies n synthetic qualified replies in, with the HNSW index
// dropped during the copy and built after it, as a bulk import would.
func loadHistory(ctx context.Context, pool *pgxpool.Pool, tenantID int64, n int) error {
	if _, err := pool.Exec(ctx, `DROP INDEX qualification_embedding`); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	texts := make([]string, n)
	statuses := make([]string, n)
	for i := range n {
		statuses[i] = benchStatuses[rng.IntN(len(benchStatuses))]
		texts[i] = benchText(rng, statuses[i])
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"reply"}, []string{"id", "tenant_id", "source", "received_at", "body_clean", "state"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			return []any{int64(i + 1), tenantID, string(triage.SourceAPI), at, texts[i], string(triage.StateQualified)}, nil
		}))
	if err != nil {
		return fmt.Errorf("copy replies: %w", err)
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"qualification"}, []string{"tenant_id", "reply_id", "status", "text", "embedding"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			vec, err := suggest.HashEmbedder{}.Embed(ctx, texts[i])
			return []any{tenantID, int64(i + 1), statuses[i], texts[i], pgvector.NewVector(vec)}, err
		}))
	if err != nil {
		return fmt.Errorf("copy qualifications: %w", err)
	}
	_, err = pool.Exec(ctx, `SET maintenance_work_mem = '2GB';
		CREATE INDEX qualification_embedding ON qualification USING hnsw (embedding vector_cosine_ops);
		ANALYZE reply; ANALYZE qualification`)
	return err
}
