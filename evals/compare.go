package evals

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Verdicts of a comparison.
const (
	Improved      = "IMPROVED"
	Regressed     = "REGRESSED"
	NoSignificant = "NO SIGNIFICANT CHANGE"
)

// Significance is the p-value under which a change counts.
const Significance = 0.05

// bootstrapRounds is how many resamples give the confidence intervals.
const bootstrapRounds = 2000

// Comparison is a candidate run against a baseline on the same cases.
type Comparison struct {
	Cases     int     `json:"cases"` // cases both runs suggested
	Baseline  float64 `json:"baseline_accuracy"`
	Candidate float64 `json:"candidate_accuracy"`
	// Delta is candidate minus baseline accuracy, with its 95 % bootstrap interval.
	Delta   float64    `json:"delta"`
	DeltaCI [2]float64 `json:"delta_ci95"`
	// MacroF1Delta is the same for macro-F1.
	MacroF1Delta   float64    `json:"macro_f1_delta"`
	MacroF1DeltaCI [2]float64 `json:"macro_f1_delta_ci95"`
	// Fixed and Broken count the cases the candidate gets right and the
	// baseline wrong, and the reverse: McNemar's discordant pairs.
	Fixed  int `json:"fixed"`
	Broken int `json:"broken"`
	// PValue is McNemar's exact two-sided test on the discordant pairs.
	PValue  float64 `json:"p_value"`
	Verdict string  `json:"verdict"`
}

// Promotable reports whether the candidate may replace the baseline: it did
// not regress significantly.
func (c Comparison) Promotable() bool { return c.Verdict != Regressed }

// Compare pairs the predictions of two runs by case id. Cases only one run
// has are left out; with none in common it is an error.
func Compare(baseline, candidate []Prediction, seed uint64) (Comparison, error) {
	byID := make(map[string]Prediction, len(baseline))
	for _, p := range baseline {
		byID[p.ID] = p
	}
	var gold, bp, cp []string
	for _, c := range candidate {
		b, ok := byID[c.ID]
		if !ok || b.Status != c.Status {
			continue
		}
		gold, bp, cp = append(gold, c.Status), append(bp, b.Predicted), append(cp, c.Predicted)
	}
	if len(gold) == 0 {
		return Comparison{}, fmt.Errorf("evals: the two runs have no case in common")
	}
	out := Comparison{Cases: len(gold)}
	for i := range gold {
		br, cr := bp[i] == gold[i], cp[i] == gold[i]
		switch {
		case cr && !br:
			out.Fixed++
		case br && !cr:
			out.Broken++
		}
	}
	base, cand := Classify(gold, bp), Classify(gold, cp)
	out.Baseline, out.Candidate = base.Accuracy, cand.Accuracy
	out.Delta, out.MacroF1Delta = cand.Accuracy-base.Accuracy, cand.MacroF1-base.MacroF1
	out.DeltaCI, out.MacroF1DeltaCI = bootstrap(gold, bp, cp, seed)
	out.PValue = McNemar(out.Fixed, out.Broken)
	switch {
	case out.PValue < Significance && out.Fixed > out.Broken:
		out.Verdict = Improved
	case out.PValue < Significance && out.Broken > out.Fixed:
		out.Verdict = Regressed
	default:
		out.Verdict = NoSignificant
	}
	return out, nil
}

// McNemar returns the exact two-sided p-value of McNemar's test for b and
// c discordant pairs: twice the binomial(b+c, 1/2) tail of the smaller count.
func McNemar(b, c int) float64 {
	n := b + c
	if n == 0 {
		return 1
	}
	k := min(b, c)
	// Sum C(n,i)/2^n for i ≤ k in log space: n may be in the thousands.
	var sum float64
	lgN, _ := math.Lgamma(float64(n + 1))
	for i := 0; i <= k; i++ {
		lgI, _ := math.Lgamma(float64(i + 1))
		lgNI, _ := math.Lgamma(float64(n - i + 1))
		sum += math.Exp(lgN - lgI - lgNI - float64(n)*math.Ln2)
	}
	return math.Min(1, 2*sum)
}

// bootstrap resamples the cases with replacement and returns the 95 %
// intervals of the accuracy and macro-F1 deltas.
func bootstrap(gold, bp, cp []string, seed uint64) (acc, f1 [2]float64) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	n := len(gold)
	g, b, c := make([]string, n), make([]string, n), make([]string, n)
	da := make([]float64, bootstrapRounds)
	df := make([]float64, bootstrapRounds)
	for r := range bootstrapRounds {
		for i := range n {
			j := rng.IntN(n)
			g[i], b[i], c[i] = gold[j], bp[j], cp[j]
		}
		bs, cs := Classify(g, b), Classify(g, c)
		da[r], df[r] = cs.Accuracy-bs.Accuracy, cs.MacroF1-bs.MacroF1
	}
	return interval(da), interval(df)
}

// interval returns the 2.5th and 97.5th percentiles of xs (sorted in place).
func interval(xs []float64) [2]float64 {
	slices.Sort(xs)
	at := func(p float64) float64 { return xs[min(len(xs)-1, int(p*float64(len(xs))))] }
	return [2]float64{at(0.025), at(0.975)}
}
