package suggest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/triage-ar/triage/triage"
)

// Model is a tenant's status model: a classifier trained on its history,
// blended with the vote of the nearest past qualifications and calibrated.
// It is immutable and safe for concurrent use.
type Model struct {
	// Classifier is nil when the history holds fewer than two statuses: the
	// vote of the neighbours alone decides.
	Classifier *Classifier
	Blend      Blend
	Examples   int       // history cases it learnt from
	Prior      int       // prior (starter) cases it learnt from besides
	PriorW     float64   // the weight each prior case had
	LastID     int64     // largest qualification id among them
	HeldOut    int       // history cases the blend was fitted on; 0 when it is the default
	TrainedAt  time.Time // when training ended

	read int // history rows read, texts or not: what Models compares with the store's count
}

// Distribution returns the calibrated probability of each status for a
// reply's text given its neighbours' vote, most probable first; nil when
// neither the classifier nor the vote knows any status. allow (nil: all)
// restricts the classifier to the statuses that may be proposed, e.g. the
// tenant's catalog. A nil model gives the vote as it is.
func (m *Model) Distribution(text string, vote []Share, allow func(string) bool) []Share {
	if m == nil {
		return vote
	}
	return m.Blend.apply(m.classifierShares(text, allow), vote)
}

// classifierShares returns the classifier's distribution over the statuses
// allow accepts, renormalized; nil without a classifier.
func (m *Model) classifierShares(text string, allow func(string) bool) []Share {
	if m.Classifier == nil {
		return nil
	}
	p := m.Classifier.Predict(text)
	var out []Share
	var sum float64
	for k, l := range m.Classifier.Labels() {
		if allow == nil || allow(l) {
			out = append(out, Share{Status: l, P: p[k]})
			sum += p[k]
		}
	}
	if sum == 0 {
		return nil
	}
	for i := range out {
		out[i].P /= sum
	}
	return out
}

// ModelOptions tune TrainModel. The zero value means the defaults.
type ModelOptions struct {
	Train TrainOptions
	// K is how many neighbours vote, as in KNN (default DefaultK).
	K int
	// CorrectionWeight is the weight of a corrected qualification (default 2).
	CorrectionWeight float64
	// MinHeldOut is the smallest held-out split worth fitting a blend on
	// (default 30 cases); smaller histories use an even, uncalibrated mix.
	MinHeldOut int
	// Now stamps TrainedAt (default time.Now).
	Now func() time.Time
	// Prior is history every tenant starts with: the starter corpus, cleaned
	// like replies are. It trains the classifier beside the tenant's own
	// cases, each prior case weighing PriorScale/(PriorScale+n) for a tenant
	// with n cases, so that it fades as the tenant's history grows. It never
	// votes (the index holds the tenant's qualifications only) and is never
	// held out: the blend is fitted on the tenant's own cases.
	Prior []LabelledText
	// PriorScale is the history size at which a prior case weighs half as
	// much as a tenant's case (default 300, chosen on the English eval set).
	PriorScale float64
}

// Held-out split: a fifth of each status with at least minPerStatus cases,
// at most maxHeldOut cases in all.
const (
	heldOutShare = 0.2
	minPerStatus = 5
	maxHeldOut   = 2000
)

// TrainModel trains a tenant's model on its history. emb must be the
// embedder of the index the model's votes will come from: the blend is
// fitted on votes computed the same way, on a held-out fifth of the history
// (per status), before the classifier is trained again on all of it.
func TrainModel(ctx context.Context, history []LabelledText, emb Embedder, opts ModelOptions) (*Model, error) {
	if opts.K <= 0 {
		opts.K = DefaultK
	}
	if opts.CorrectionWeight <= 0 {
		opts.CorrectionWeight = 2
	}
	if opts.MinHeldOut <= 0 {
		opts.MinHeldOut = 30
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PriorScale <= 0 {
		opts.PriorScale = 300
	}
	m := &Model{Blend: Blend{Alpha: 0, Temperature: 1}}
	examples := make([]Example, 0, len(history))
	for _, h := range history {
		m.LastID = max(m.LastID, h.ID)
		if h.Text == "" || h.Status == "" {
			continue
		}
		e := Example{Text: h.Text, Label: h.Status, Weight: 1}
		if h.Corrected {
			e.Weight = opts.CorrectionWeight
		}
		examples = append(examples, e)
	}
	m.Examples, m.read = len(examples), len(history)
	prior := priorExamples(opts.Prior, opts.PriorScale/(opts.PriorScale+float64(len(examples))))
	if len(prior) > 0 {
		m.Prior, m.PriorW = len(prior), prior[0].Weight
	}
	train, held := splitHeldOut(examples, opts.Train.Seed)
	var wg sync.WaitGroup
	var clfErr error
	wg.Go(func() { m.Classifier, clfErr = TrainClassifier(ctx, concat(examples, prior), opts.Train) })
	if len(held) >= opts.MinHeldOut {
		cases, err := heldOutCases(ctx, train, prior, held, emb, opts)
		if err != nil {
			wg.Wait()
			return nil, err
		}
		m.Blend, m.HeldOut = fitBlend(cases), len(held)
	}
	wg.Wait()
	switch {
	case errors.Is(clfErr, ErrOneLabel):
		m.Classifier, m.Blend, m.HeldOut = nil, Blend{Alpha: 0, Temperature: 1}, 0
	case clfErr != nil:
		return nil, clfErr
	case m.HeldOut == 0:
		m.Blend = defaultBlend
		if m.Prior > 0 {
			// A few cases vote noisily while the classifier also knows the
			// prior: trust it as much as the prior still weighs.
			m.Blend.Alpha += (1 - m.Blend.Alpha) * m.PriorW
		}
	}
	m.TrainedAt = opts.Now()
	return m, nil
}

// splitHeldOut sets aside a fifth of each status's examples (statuses with
// fewer than minPerStatus keep them all), chosen by a seeded shuffle.
func splitHeldOut(examples []Example, seed uint64) (train, held []Example) {
	share := heldOutShare
	if n := float64(len(examples)); n*share > maxHeldOut {
		share = maxHeldOut / n
	}
	byLabel := make(map[string][]int)
	var labels []string
	for i, e := range examples {
		if byLabel[e.Label] == nil {
			labels = append(labels, e.Label)
		}
		byLabel[e.Label] = append(byLabel[e.Label], i)
	}
	slices.Sort(labels)
	rng := rand.New(rand.NewPCG(seed, 0x5bd1e995))
	isHeld := make([]bool, len(examples))
	for _, l := range labels {
		idx := byLabel[l]
		if len(idx) < minPerStatus {
			continue
		}
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx[:int(float64(len(idx))*share)] {
			isHeld[i] = true
		}
	}
	for i, e := range examples {
		if isHeld[i] {
			held = append(held, e)
		} else {
			train = append(train, e)
		}
	}
	return train, held
}

// priorExamples turns prior history into examples of weight w.
func priorExamples(prior []LabelledText, w float64) []Example {
	out := make([]Example, 0, len(prior))
	for _, p := range prior {
		if p.Text != "" && p.Status != "" {
			out = append(out, Example{Text: p.Text, Label: p.Status, Weight: w})
		}
	}
	return out
}

// concat returns a new slice holding a then b.
func concat(a, b []Example) []Example {
	return append(append(make([]Example, 0, len(a)+len(b)), a...), b...)
}

// heldOutCases trains a classifier on train and prior and scores every
// held-out case with it and with the vote of its nearest train cases.
func heldOutCases(ctx context.Context, train, prior, held []Example, emb Embedder, opts ModelOptions) ([]heldOutCase, error) {
	clf, err := TrainClassifier(ctx, concat(train, prior), opts.Train)
	if errors.Is(err, ErrOneLabel) {
		clf = nil
	} else if err != nil {
		return nil, err
	}
	idx := &MemIndex{}
	for i, e := range train {
		vec, err := emb.Embed(ctx, e.Text)
		if err != nil {
			return nil, fmt.Errorf("suggest: embed history: %w", err)
		}
		idx.Add(0, triage.Neighbour{QualificationID: int64(i + 1), Status: e.Label}, vec)
	}
	held1 := &Model{Classifier: clf}
	cases := make([]heldOutCase, 0, len(held))
	for _, e := range held {
		vec, err := emb.Embed(ctx, e.Text)
		if err != nil {
			return nil, fmt.Errorf("suggest: embed history: %w", err)
		}
		ns, _ := idx.Nearest(ctx, 0, vec, opts.K)
		cases = append(cases, newHeldOutCase(held1.classifierShares(e.Text, nil), VoteShares(ns, nil), e.Label))
	}
	return cases, ctx.Err()
}
