package suggest

import "math"

// Blend mixes the classifier's probabilities with the neighbours' vote,
// p = Alpha·p_classifier + (1−Alpha)·p_vote, then calibrates the mixture
// with a temperature: q ∝ p^(1/Temperature). Both are fitted on held-out
// history (fitBlend), so that a confidence of 0.8 is right 80 % of the time.
type Blend struct {
	Alpha       float64 `json:"alpha"`
	Temperature float64 `json:"temperature"` // 1 keeps the mixture; > 1 softens it, < 1 sharpens it
}

// defaultBlend is used when the history is too small to fit one: an even
// mix, uncalibrated. With few examples the classifier is unsure and the
// vote of the closest past replies decides.
var defaultBlend = Blend{Alpha: 0.5, Temperature: 1}

// floorP keeps the logarithm of a zero probability finite.
const floorP = 1e-9

// apply returns the calibrated mixture of clf and vote over the statuses
// either names, most probable first; nil when both are empty. A side that
// is empty gives its weight to the other.
func (b Blend) apply(clf, vote []Share) []Share {
	alpha := b.Alpha
	switch {
	case len(clf) == 0 && len(vote) == 0:
		return nil
	case len(vote) == 0:
		alpha = 1
	case len(clf) == 0:
		alpha = 0
	}
	out := make([]Share, 0, len(clf)+len(vote))
	at := make(map[string]int, cap(out))
	for _, s := range clf {
		at[s.Status] = len(out)
		out = append(out, Share{Status: s.Status, P: alpha * s.P})
	}
	for _, s := range vote {
		if i, ok := at[s.Status]; ok {
			out[i].P += (1 - alpha) * s.P
		} else {
			at[s.Status] = len(out)
			out = append(out, Share{Status: s.Status, P: (1 - alpha) * s.P})
		}
	}
	if t := b.Temperature; t > 0 && t != 1 {
		var sum float64
		for i := range out {
			out[i].P = math.Exp(math.Log(out[i].P+floorP) / t)
			sum += out[i].P
		}
		for i := range out {
			out[i].P /= sum
		}
	}
	sortShares(out)
	return out
}

// heldOutCase is what a blend is fitted on: for a history case neither
// the classifier nor the vote learnt from, their probabilities over the
// statuses either names, and the index of its true status (-1 when neither
// names it).
type heldOutCase struct {
	clf, vote []float64
	status    int
}

// newHeldOutCase aligns the classifier's and the vote's distributions.
func newHeldOutCase(clf, vote []Share, status string) heldOutCase {
	c := heldOutCase{status: -1}
	at := make(map[string]int, len(clf)+len(vote))
	for _, s := range clf {
		at[s.Status] = len(c.clf)
		c.clf = append(c.clf, s.P)
	}
	c.vote = make([]float64, len(c.clf), len(c.clf)+len(vote))
	for _, s := range vote {
		if i, ok := at[s.Status]; ok {
			c.vote[i] += s.P
			continue
		}
		at[s.Status] = len(c.vote)
		c.clf = append(c.clf, 0)
		c.vote = append(c.vote, s.P)
	}
	if i, ok := at[status]; ok {
		c.status = i
	}
	if len(clf) == 0 {
		c.clf = nil
	}
	if len(vote) == 0 {
		c.vote = nil
	}
	return c
}

// mixture writes into out the uncalibrated blend of c at alpha (with apply's
// rule for an empty side) and returns it.
func (c heldOutCase) mixture(alpha float64, out []float64) []float64 {
	switch {
	case c.vote == nil:
		alpha = 1
	case c.clf == nil:
		alpha = 0
	}
	n := max(len(c.clf), len(c.vote))
	out = out[:0]
	for k := range n {
		var p float64
		if c.clf != nil {
			p += alpha * c.clf[k]
		}
		if c.vote != nil {
			p += (1 - alpha) * c.vote[k]
		}
		out = append(out, p)
	}
	return out
}

// fitBlend picks the Alpha (on a 0.05 grid) with the best held-out accuracy,
// ties going to the lower log-loss, then the Temperature minimizing log-loss.
func fitBlend(cases []heldOutCase) Blend {
	best, bestAcc, bestNLL := defaultBlend, -1.0, math.Inf(1)
	var buf []float64
	for i := 0; i <= 20; i++ {
		alpha := float64(i) / 20
		var acc, nll float64
		for _, c := range cases {
			buf = c.mixture(alpha, buf)
			top, sum := 0, 0.0
			for k, p := range buf {
				sum += p
				if p > buf[top] {
					top = k
				}
			}
			if c.status >= 0 && top == c.status && len(buf) > 0 {
				acc++
			}
			p := floorP
			if c.status >= 0 && sum > 0 {
				p = math.Max(buf[c.status]/sum, floorP)
			}
			nll -= math.Log(p)
		}
		if acc > bestAcc || (acc == bestAcc && nll < bestNLL) {
			best, bestAcc, bestNLL = Blend{Alpha: alpha, Temperature: 1}, acc, nll
		}
	}
	best.Temperature = fitTemperature(best.Alpha, cases)
	return best
}

// fitTemperature minimizes the held-out log-loss of the mixture at alpha
// over log T in [ln 1/20, ln 20] by golden-section search (the loss is
// unimodal in T for a fixed mixture).
func fitTemperature(alpha float64, cases []heldOutCase) float64 {
	logs := make([][]float64, 0, len(cases))
	gold := make([]int, 0, len(cases))
	var buf []float64
	for _, c := range cases {
		if c.status < 0 {
			continue // no temperature can help a status neither side names
		}
		buf = c.mixture(alpha, buf)
		l := make([]float64, len(buf))
		for k, p := range buf {
			l[k] = math.Log(p + floorP)
		}
		logs = append(logs, l)
		gold = append(gold, c.status)
	}
	if len(logs) == 0 {
		return 1
	}
	nllAt := func(logT float64) float64 {
		inv := math.Exp(-logT)
		var nll float64
		for i, l := range logs {
			m := l[0]
			for _, x := range l[1:] {
				m = math.Max(m, x)
			}
			var z float64
			for _, x := range l {
				z += math.Exp((x - m) * inv)
			}
			nll -= (l[gold[i]]-m)*inv - math.Log(z)
		}
		return nll
	}
	lo, hi := math.Log(1.0/20), math.Log(20)
	g := (math.Sqrt(5) - 1) / 2
	x1, x2 := hi-g*(hi-lo), lo+g*(hi-lo)
	f1, f2 := nllAt(x1), nllAt(x2)
	for range 30 {
		if f1 <= f2 {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - g*(hi-lo)
			f1 = nllAt(x1)
		} else {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + g*(hi-lo)
			f2 = nllAt(x2)
		}
	}
	return math.Exp((lo + hi) / 2)
}
