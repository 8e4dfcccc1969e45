package store_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"

	"github.com/triage-ar/triage/bench"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
)

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
	if _, _, err := bench.LoadHistory(ctx, pool, tn.ID, rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d rows loaded and indexed in %s", rows, time.Since(start).Round(time.Second))

	rng := rand.New(rand.NewPCG(7, 7))
	queries := make([][]float32, 200)
	for i := range queries {
		queries[i], _ = suggest.HashEmbedder{}.Embed(ctx, bench.SynthText(rng, bench.Statuses[i%len(bench.Statuses)]))
	}
	// exact returns the similarities of the 10 nearest rows by exact scan.
	exact := func(vec []float32) []float64 {
		sims, err := bench.ExactNearest(ctx, pool, tn.ID, vec, 10)
		if err != nil {
			b.Fatal(err)
		}
		return sims
	}
	b.Run("hnsw", func(b *testing.B) {
		// Recall@10 counts ties with the exact 10th as found (bench.Hits).
		var hit, total int
		for _, q := range queries[:50] {
			ns, err := db.Nearest(ctx, tn.ID, q, 10)
			if err != nil {
				b.Fatal(err)
			}
			want := exact(q)
			hit += bench.Hits(ns, want)
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
