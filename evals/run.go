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
	// Lang detects a text's language for the cases that do not say it, so
	// that they count in per-language accuracy (nil: they count as "").
	Lang func(text string) string
	// Prior is the history every tenant starts with (the starter corpus,
	// cleaned): it trains the model beside the history, fading as the
	// history grows, as in the server.
	Prior []suggest.LabelledText
	// Calendar places follow-ups on business days (default: French holidays).
	Calendar *triage.Calendar
	// Wrap builds the measured strategy on top of the offline one, for the
	// strategies that need more than history (llm, auto); nil for knn.
	Wrap func(knn triage.Suggester) (triage.Suggester, error)
	// Now is the day of cases without a received date (default: today).
	Now time.Time
	// ClassifierOnly drops the neighbours' vote: the TF-IDF softmax
	// classifier alone decides, a linear baseline to compare with.
	ClassifierOnly bool
	// Tenant is the tenant the cases are suggested for, which strategies
	// that look things up per tenant (the LLM's prompt) see (default 1).
	Tenant int64
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
// The status catalog is the set of statuses the history and the prior hold,
// with the default catalog's follow-ups for the codes it knows.
func Run(ctx context.Context, history, cases []Case, opts Options) (Report, error) {
	if opts.Strategy == "" {
		opts.Strategy = suggest.StrategyKNN
	}
	if opts.Strategy != suggest.StrategyKNN && opts.Wrap == nil {
		return Report{}, fmt.Errorf("evals: strategy %q needs an LLM configuration (offline, use %q)", opts.Strategy, suggest.StrategyKNN)
	}
	if opts.K <= 0 {
		opts.K = suggest.DefaultK
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Tenant == 0 {
		opts.Tenant = evalTenant
	}
	cal := triage.Calendar{Country: "FR"}
	if opts.Calendar != nil {
		cal = *opts.Calendar
	}
	start := time.Now()
	knn, model, err := learn(ctx, history, opts)
	if err != nil {
		return Report{}, err
	}
	var s triage.Suggester = knn
	if opts.Wrap != nil {
		if s, err = opts.Wrap(knn); err != nil {
			return Report{}, fmt.Errorf("evals: strategy %s: %w", opts.Strategy, err)
		}
	}
	rep := Report{Strategy: opts.Strategy, History: len(history), Prior: len(opts.Prior),
		TrainMS: ms(time.Since(start)), Model: describe(model)}
	cat := catalogOf(history, opts.Prior)
	sc := newScorer(len(cases))
	sc.lang = opts.Lang
	for i, c := range cases {
		now, err := c.ReceivedAt(opts.Now)
		if err != nil {
			return Report{}, err
		}
		in := triage.SuggestInput{TenantID: opts.Tenant, Catalog: cat, Now: now,
			Settings: triage.Settings{Calendar: cal},
			Reply:    triage.Reply{Subject: c.Subject, Text: c.Text, BodyClean: clean(opts.Clean, c.Text), Lang: c.Lang, ReceivedAt: now}}
		for _, n := range c.OpenItems {
			in.Items = append(in.Items, triage.Item{Number: n})
		}
		sg, err := s.Suggest(ctx, in)
		if err != nil {
			return Report{}, fmt.Errorf("evals: case %s: %w", c.ID, err)
		}
		lang := c.Lang
		if lang == "" && opts.Lang != nil {
			lang = opts.Lang(in.Reply.BodyClean)
		}
		sc.add(c, lang, now, sg)
		if opts.Progress != nil {
			opts.Progress(i+1, len(cases))
		}
	}
	sc.report(&rep)
	return rep, nil
}

// clean applies the cleaner, keeping the text when nothing is left of it.
func clean(f func(string) string, s string) string {
	if f != nil {
		if c := f(s); c != "" {
			return c
		}
	}
	return s
}

// learn files the history into a memory index and trains its model with
// the prior.
func learn(ctx context.Context, history []Case, opts Options) (suggest.KNN, *suggest.Model, error) {
	emb := suggest.HashEmbedder{}
	idx := &suggest.MemIndex{}
	labelled := make([]suggest.LabelledText, len(history))
	for i, h := range history {
		text := clean(opts.Clean, h.Text)
		vec, err := emb.Embed(ctx, text)
		if err != nil {
			return suggest.KNN{}, nil, fmt.Errorf("evals: embed history %s: %w", h.ID, err)
		}
		idx.Add(opts.Tenant, triage.Neighbour{QualificationID: int64(i + 1), Status: h.Status}, vec)
		labelled[i] = suggest.LabelledText{ID: int64(i + 1), Text: text, Status: h.Status}
	}
	model, err := suggest.TrainModel(ctx, labelled, emb, suggest.ModelOptions{K: opts.K, Prior: opts.Prior})
	if err != nil {
		return suggest.KNN{}, nil, fmt.Errorf("evals: train: %w", err)
	}
	if opts.ClassifierOnly && model.Classifier != nil {
		model.Blend.Alpha = 1
	}
	return suggest.KNN{Embedder: emb, Index: idx, Models: suggest.FixedModel{M: model}, K: opts.K}, model, nil
}

// catalogOf is the catalog of the statuses history and prior hold, sorted
// by code, with the default catalog's settings for the codes it knows.
func catalogOf(history []Case, prior []suggest.LabelledText) triage.Catalog {
	var codes []string
	for _, h := range history {
		codes = append(codes, h.Status)
	}
	for _, p := range prior {
		codes = append(codes, p.Status)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	def := triage.DefaultCatalog()
	cat := make(triage.Catalog, len(codes))
	for i, c := range codes {
		if st, ok := def.Find(c); ok {
			cat[i] = st
		} else {
			cat[i] = triage.Status{Code: c}
		}
	}
	return cat
}
