package suggest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/triage-ar/triage/suggest/cues"
)

// Example is one labelled text a classifier learns from.
type Example struct {
	Text  string
	Label string
	// Weight scales the example's say in training: a collector's correction
	// of a wrong suggestion may count more than a confirmation. 0 means 1.
	Weight float64
}

// TrainOptions tune the classifier. The zero value means the defaults,
// chosen on the CLINC150 validation split.
type TrainOptions struct {
	Epochs int     // passes over the examples (default 8)
	Rate   float64 // AdaGrad base learning rate (default 0.5)
	L2     float64 // ridge penalty applied at each update of a weight (default 1e-4)
	// MinDF drops features seen in fewer texts (default 1: keep all; 2 from 5 000 examples).
	MinDF int
	Seed  uint64 // shuffling seed: the same examples and seed give the same model (default 1)
	// Lexicon gives the cue features (nil: the embedded lexicons).
	Lexicon *cues.Lexicon
}

func (o TrainOptions) withDefaults(n int) TrainOptions {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.Rate <= 0 {
		o.Rate = 0.5
	}
	if o.L2 < 0 {
		o.L2 = 0
	} else if o.L2 == 0 {
		o.L2 = 1e-4
	}
	if o.MinDF <= 0 {
		o.MinDF = 1
		if n >= 5000 {
			o.MinDF = 2
		}
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// ErrOneLabel is returned when examples hold fewer than two labels: there is
// nothing to tell apart.
var ErrOneLabel = errors.New("suggest: a classifier needs at least two labels")

// TrainClassifier fits a softmax classifier on examples with row-wise
// AdaGrad and L2 regularization, in a deterministic order. It checks ctx
// between epochs.
func TrainClassifier(ctx context.Context, examples []Example, opts TrainOptions) (*Classifier, error) {
	opts = opts.withDefaults(len(examples))
	labels := make([]string, 0, 16)
	for _, e := range examples {
		labels = append(labels, e.Label)
	}
	slices.Sort(labels)
	labels = slices.Compact(labels)
	if len(labels) < 2 {
		return nil, ErrOneLabel
	}
	feats := defaultFeatures
	feats.Lexicon = opts.Lexicon
	docs := make([]terms, len(examples))
	for i, e := range examples {
		feats.extract(e.Text, &docs[i])
	}
	vocab := fitVocabulary(docs, opts.MinDF, feats)
	xs := make([]sparse, len(examples))
	ys := make([]int, len(examples))
	ws := make([]float64, len(examples))
	for i, e := range examples {
		xs[i] = vocab.vectorize(&docs[i])
		ys[i], _ = slices.BinarySearch(labels, e.Label)
		ws[i] = e.Weight
		if ws[i] <= 0 {
			ws[i] = 1
		}
	}
	c := &Classifier{labels: labels, vocab: vocab,
		w: make([]float32, vocab.size()*len(labels)), b: make([]float32, len(labels))}
	if err := c.fit(ctx, xs, ys, ws, opts); err != nil {
		return nil, err
	}
	return c, nil
}

// fit runs the epochs of AdaGrad. Each feature row keeps one accumulator of
// squared gradients (not one per class): rare features keep large steps,
// frequent ones settle, at a fraction of the memory.
func (c *Classifier) fit(ctx context.Context, xs []sparse, ys []int, ws []float64, opts TrainOptions) error {
	n := len(c.labels)
	acc := make([]float64, c.vocab.size())
	accB := make([]float64, n)
	p := make([]float64, n)
	g := make([]float32, n)
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	const eps = 1e-2 // keeps the first steps finite
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("suggest: train: %w", err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := xs[i]
			c.scores(x, p)
			softmax(p)
			p[ys[i]]--
			var gg float64
			for k := range p {
				p[k] *= ws[i]
				g[k] = float32(p[k])
				gg += p[k] * p[k]
				accB[k] += p[k] * p[k]
				c.b[k] -= float32(opts.Rate * p[k] / math.Sqrt(accB[k]+eps))
			}
			for j, row := range x.idx {
				xv := float64(x.val[j])
				acc[row] += xv * xv * gg
				lr := opts.Rate / math.Sqrt(acc[row]+eps)
				decay := float32(1 - lr*opts.L2)
				step := float32(lr * xv)
				w := c.w[int(row)*n : int(row)*n+n]
				for k, gk := range g[:len(w)] {
					w[k] = w[k]*decay - step*gk
				}
			}
		}
	}
	return nil
}
