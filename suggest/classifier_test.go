package suggest

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

func train(t *testing.T, ex []Example, opts TrainOptions) *Classifier {
	t.Helper()
	c, err := TrainClassifier(context.Background(), ex, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func top(c *Classifier, text string) (string, float64) {
	p := c.Predict(text)
	best := 0
	for k := range p {
		if p[k] > p[best] {
			best = k
		}
	}
	return c.Labels()[best], p[best]
}

func TestClassifierLearns(t *testing.T) {
	c := train(t, examplesOf(synthHistory(260, nil, 1)), TrainOptions{})
	if len(c.Labels()) != len(intents) || !slices.IsSorted(c.Labels()) {
		t.Fatalf("labels = %q", c.Labels())
	}
	tests := []struct{ text, want string }{
		{"Bonjour, la facture 1187 a été payée par virement hier.", "already_paid"},
		{"Hi, the price on invoice F-2025-00871 is wrong", "price_dispute"},
		{"Merci de m'envoyer une copie de la facture", "invoice_copy"},
		{"Je suis absent jusqu'au 3 mai", "out_of_office"},
		{"Could we pay this in monthly instalments?", "payment_plan"},
	}
	for _, tt := range tests {
		got, p := top(c, tt.text)
		if got != tt.want {
			t.Errorf("%q: %s (%.2f), want %s", tt.text, got, p, tt.want)
		}
		var sum float64
		for _, x := range c.Predict(tt.text) {
			sum += x
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%q: probabilities sum to %v", tt.text, sum)
		}
	}
}

func TestClassifierDeterministic(t *testing.T) {
	ex := examplesOf(synthHistory(130, nil, 2))
	a, b := train(t, ex, TrainOptions{Seed: 3}), train(t, ex, TrainOptions{Seed: 3})
	if !slices.Equal(a.w, b.w) || !slices.Equal(a.b, b.b) {
		t.Error("the same examples and seed gave different weights")
	}
	if c := train(t, ex, TrainOptions{Seed: 4}); slices.Equal(a.w, c.w) {
		t.Error("another seed gave the same weights: the examples were not shuffled")
	}
}

func TestClassifierWeights(t *testing.T) {
	// The same text under two labels: the heavier example wins.
	base := []Example{{Text: "payé hier", Label: "paid"}, {Text: "prix faux", Label: "price"}}
	tests := []struct {
		wPaid, wPrice float64
		want          string
	}{
		{1, 3, "price"},
		{3, 1, "paid"},
	}
	for _, tt := range tests {
		ex := append(slices.Clone(base), Example{Text: "nous contestons", Label: "paid", Weight: tt.wPaid},
			Example{Text: "nous contestons", Label: "price", Weight: tt.wPrice})
		if got, _ := top(train(t, ex, TrainOptions{}), "nous contestons"); got != tt.want {
			t.Errorf("weights paid %v, price %v: %s, want %s", tt.wPaid, tt.wPrice, got, tt.want)
		}
	}
}

func TestClassifierOneLabel(t *testing.T) {
	for _, ex := range [][]Example{nil, {{Text: "payé", Label: "already_paid"}, {Text: "réglé", Label: "already_paid"}}} {
		if _, err := TrainClassifier(context.Background(), ex, TrainOptions{}); !errors.Is(err, ErrOneLabel) {
			t.Errorf("%d examples of one label: %v, want ErrOneLabel", len(ex), err)
		}
	}
}

func TestClassifierCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TrainClassifier(ctx, examplesOf(synthHistory(30, nil, 1)), TrainOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled training: %v", err)
	}
}
