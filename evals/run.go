package evals

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// Options tune a run. The zero value runs the knn strategy with its defaults.
type Options struct {
	// Strategy is the suggestion strategy to measure (default suggest.StrategyKNN).
	Strategy string
	// K is how many neighbours vote (default suggest.DefaultK).
	K int
	// Clean isolates the customer's words from a text, as ingestion does for
	// the server (nil: texts are taken as they are).
	Clean func(text string) string
	// Progress, when set, is called after each case.
	Progress func(done, total int)
}

// evalTenant is the tenant id the history is filed under in memory.
const evalTenant = 1

// Bins is the number of confidence bins of the calibration table.
const Bins = 10

// Run replays cases against a strategy that learnt from history, offline:
// the history goes into an in-memory exact index and a model trained the way
// the server trains a tenant's, then each case is suggested by the same code
// as in the server, one at a time so that latencies are those of one request.
// The status catalog is the set of statuses the history holds.
func Run(ctx context.Context, history, cases []Case, opts Options) (Report, error) {
	if opts.Strategy == "" {
		opts.Strategy = suggest.StrategyKNN
	}
	if opts.Strategy != suggest.StrategyKNN {
		return Report{}, fmt.Errorf("evals: strategy %q is not available offline (use %q)", opts.Strategy, suggest.StrategyKNN)
	}
	if opts.K <= 0 {
		opts.K = suggest.DefaultK
	}
	clean := func(s string) string {
		if opts.Clean != nil {
			if c := opts.Clean(s); c != "" {
				return c
			}
		}
		return s
	}
	emb := suggest.HashEmbedder{}
	start := time.Now()
	knn, model, err := learn(ctx, history, emb, opts.K, clean)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Strategy: opts.Strategy, History: len(history), TrainMS: ms(time.Since(start)), Model: describe(model)}
	cat := catalogOf(history)
	now := time.Now()
	gold := make([]string, len(cases))
	pred := make([]string, len(cases))
	conf := make([]float64, len(cases))
	right := make([]bool, len(cases))
	lat := make([]time.Duration, len(cases))
	for i, c := range cases {
		in := triage.SuggestInput{TenantID: evalTenant, Catalog: cat, Now: now,
			Reply: triage.Reply{Subject: c.Subject, Text: c.Text, BodyClean: clean(c.Text), Lang: c.Lang}}
		sg, err := knn.Suggest(ctx, in)
		if err != nil {
			return Report{}, fmt.Errorf("evals: case %s: %w", c.ID, err)
		}
		gold[i], pred[i], conf[i], lat[i] = c.Status, sg.Status, sg.Confidence, sg.Latency
		right[i] = sg.Status == c.Status
		rep.Predictions = append(rep.Predictions, Prediction{ID: c.ID, Lang: c.Lang, Status: c.Status,
			Predicted: sg.Status, Confidence: sg.Confidence, LatencyMS: ms(sg.Latency)})
		if opts.Progress != nil {
			opts.Progress(i+1, len(cases))
		}
	}
	rep.Classification = Classify(gold, pred)
	rep.Calibration = Calibrate(conf, right, Bins)
	rep.LatencyMS = Latencies(lat)
	return rep, nil
}

// learn files the history into a memory index and trains its model.
func learn(ctx context.Context, history []Case, emb suggest.Embedder, k int, clean func(string) string) (suggest.KNN, *suggest.Model, error) {
	idx := &suggest.MemIndex{}
	labelled := make([]suggest.LabelledText, len(history))
	for i, h := range history {
		text := clean(h.Text)
		vec, err := emb.Embed(ctx, text)
		if err != nil {
			return suggest.KNN{}, nil, fmt.Errorf("evals: embed history %s: %w", h.ID, err)
		}
		idx.Add(evalTenant, triage.Neighbour{QualificationID: int64(i + 1), Status: h.Status}, vec)
		labelled[i] = suggest.LabelledText{ID: int64(i + 1), Text: text, Status: h.Status}
	}
	model, err := suggest.TrainModel(ctx, labelled, emb, suggest.ModelOptions{K: k})
	if err != nil {
		return suggest.KNN{}, nil, fmt.Errorf("evals: train: %w", err)
	}
	return suggest.KNN{Embedder: emb, Index: idx, Models: suggest.FixedModel{M: model}, K: k}, model, nil
}

// catalogOf is the catalog of the statuses history holds, sorted by code.
func catalogOf(history []Case) triage.Catalog {
	var codes []string
	for _, h := range history {
		codes = append(codes, h.Status)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	cat := make(triage.Catalog, len(codes))
	for i, c := range codes {
		cat[i] = triage.Status{Code: c}
	}
	return cat
}
