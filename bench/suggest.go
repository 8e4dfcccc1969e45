package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// SuggestResult measures the suggestion path on a history of Size past
// qualifications in Postgres: the pgvector HNSW query against an exact scan,
// and a whole suggestion (embedding, neighbours, classifier, extraction).
type SuggestResult struct {
	Size        int     `json:"size"`
	LoadSeconds float64 `json:"load_seconds"` // copying the history in and building the HNSW index
	DiskBytes   int64   `json:"disk_bytes"`   // the scratch database, history and index
	IndexBytes  int64   `json:"index_bytes"`  // the HNSW index alone
	// Recall is the HNSW recall@10 against the exact scan over RecallQueries.
	Recall        float64     `json:"recall_at_10"`
	RecallQueries int         `json:"recall_queries"`
	HNSW          Percentiles `json:"hnsw"`
	Exact         Percentiles `json:"exact"`
	Speedup       float64     `json:"speedup"` // exact p50 / HNSW p50
	Suggest       Percentiles `json:"suggest"`
	// PerSec is whole suggestions per second with one caller per core.
	PerSec float64 `json:"suggest_per_s"`
	// TrainRows is how much of the history the classifier was trained on.
	TrainRows int `json:"train_rows"`
}

// SuggestOptions bounds RunSuggest.
type SuggestOptions struct {
	Queries   Budget        // the HNSW and whole-suggestion loops
	Exact     Budget        // the exact scans, slow on large histories
	Recall    int           // queries checked for recall (default 50)
	Load      time.Duration // throughput is measured this long (default 3s)
	TrainRows int           // classifier training rows (default 5 000)
}

// RunSuggest loads size synthetic qualifications into a scratch database of
// the cluster adminURL names, measures, then drops it.
func RunSuggest(ctx context.Context, adminURL string, size int, opts SuggestOptions) (SuggestResult, error) {
	if size <= 0 {
		return SuggestResult{}, fmt.Errorf("bench: suggest: a history of %d qualifications", size)
	}
	if opts.Recall <= 0 {
		opts.Recall = 50
	}
	if opts.Load <= 0 {
		opts.Load = 3 * time.Second
	}
	if opts.TrainRows <= 0 {
		opts.TrainRows = 5000
	}
	return withScratch(ctx, adminURL, func(sc *scratch) (SuggestResult, error) { return measureSuggest(ctx, sc, size, opts) })
}

// measureSuggest is RunSuggest on a scratch database.
func measureSuggest(ctx context.Context, sc *scratch, size int, opts SuggestOptions) (res SuggestResult, err error) {
	tn, err := sc.DB.InsertTenant(ctx, "bench", "Bench")
	if err != nil {
		return res, fmt.Errorf("bench: suggest: %w", err)
	}
	res.Size = size
	start := time.Now()
	statuses, texts, err := LoadHistory(ctx, sc.Pool, tn.ID, size)
	if err != nil {
		return res, err
	}
	res.LoadSeconds = time.Since(start).Seconds()
	if res.DiskBytes, err = sc.Size(ctx); err != nil {
		return res, err
	}
	if err := sc.Pool.QueryRow(ctx, `SELECT pg_relation_size('qualification_embedding')`).Scan(&res.IndexBytes); err != nil {
		return res, fmt.Errorf("bench: index size: %w", err)
	}

	rng := rand.New(rand.NewPCG(7, 7))
	queries := make([]string, 200)
	vecs := make([][]float32, len(queries))
	for i := range queries {
		queries[i] = SynthText(rng, Statuses[i%len(Statuses)])
		vecs[i], _ = suggest.HashEmbedder{}.Embed(ctx, queries[i])
	}
	hit, total := 0, 0
	for _, v := range vecs[:min(opts.Recall, len(vecs))] {
		found, err := sc.DB.Nearest(ctx, tn.ID, v, 10)
		if err != nil {
			return res, err
		}
		exact, err := ExactNearest(ctx, sc.Pool, tn.ID, v, 10)
		if err != nil {
			return res, err
		}
		hit += Hits(found, exact)
		total += len(exact)
		res.RecallQueries++
	}
	if total > 0 {
		res.Recall = float64(hit) / float64(total)
	}
	ds, _, err := opts.Queries.timed(func(i int) error {
		_, err := sc.DB.Nearest(ctx, tn.ID, vecs[i%len(vecs)], suggest.DefaultK)
		return err
	})
	if err != nil {
		return res, err
	}
	res.HNSW = percentiles(ds)
	ds, _, err = opts.Exact.timed(func(i int) error {
		_, err := ExactNearest(ctx, sc.Pool, tn.ID, vecs[i%len(vecs)], suggest.DefaultK)
		return err
	})
	if err != nil {
		return res, err
	}
	res.Exact = percentiles(ds)
	res.Speedup = res.Exact.P50 / res.HNSW.P50

	res.TrainRows = min(size, opts.TrainRows)
	hist := make([]suggest.LabelledText, res.TrainRows)
	for i := range hist {
		hist[i] = suggest.LabelledText{ID: int64(i + 1), Text: texts[i], Status: statuses[i]}
	}
	model, err := suggest.TrainModel(ctx, hist, suggest.HashEmbedder{}, suggest.ModelOptions{})
	if err != nil {
		return res, fmt.Errorf("bench: suggest: train: %w", err)
	}
	knn := suggest.KNN{Embedder: suggest.HashEmbedder{}, Index: sc.DB, Models: suggest.FixedModel{M: model}}
	input := func(i int) triage.SuggestInput {
		q := queries[i%len(queries)]
		return triage.SuggestInput{TenantID: tn.ID, Catalog: triage.DefaultCatalog(), Now: time.Now(),
			Reply: triage.Reply{Text: q, BodyClean: q}}
	}
	ds, _, err = opts.Queries.timed(func(i int) error {
		_, err := knn.Suggest(ctx, input(i))
		return err
	})
	if err != nil {
		return res, err
	}
	res.Suggest = percentiles(ds)
	res.PerSec, err = throughput(ctx, opts.Load, func(i int) error {
		_, err := knn.Suggest(ctx, input(i))
		return err
	})
	return res, err
}

// throughput calls f from one goroutine per core for d and returns the
// successful calls per second.
func throughput(ctx context.Context, d time.Duration, f func(i int) error) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu    sync.Mutex
		n     int
		first error
		wg    sync.WaitGroup
	)
	start := time.Now()
	for w := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := w; ctx.Err() == nil; i += runtime.GOMAXPROCS(0) {
				err := f(i)
				mu.Lock()
				if err == nil {
					n++
				} else if first == nil && ctx.Err() == nil {
					first = err
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return 0, first
	}
	return float64(n) / time.Since(start).Seconds(), nil
}
