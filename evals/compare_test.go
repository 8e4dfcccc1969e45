package evals

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestMcNemar(t *testing.T) {
	tests := []struct {
		b, c int
		want float64
	}{
		{0, 0, 1},
		{0, 6, 2.0 / 64},         // 2 · C(6,0)/2^6
		{1, 6, 2 * 8.0 / 128},    // 2 · (C(7,0)+C(7,1))/2^7
		{5, 5, 1},                // capped at 1
		{2, 10, 2 * 79.0 / 4096}, // 2 · (1+12+66)/2^12
	}
	for _, tt := range tests {
		if got := McNemar(tt.b, tt.c); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("McNemar(%d, %d) = %v, want %v", tt.b, tt.c, got, tt.want)
		}
		if got := McNemar(tt.c, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("McNemar is not symmetric for (%d, %d): %v", tt.c, tt.b, got)
		}
	}
	// Large counts stay finite and tiny.
	if p := McNemar(100, 300); !(p > 0 && p < 1e-20) {
		t.Errorf("McNemar(100, 300) = %v", p)
	}
}

// preds builds predictions with ids c0…, gold "a", predicted "a" where right.
func preds(right []bool) []Prediction {
	out := make([]Prediction, len(right))
	for i, r := range right {
		p := "b"
		if r {
			p = "a"
		}
		out[i] = Prediction{ID: "c" + string(rune('0'+i/10)) + string(rune('0'+i%10)), Status: "a", Predicted: p}
	}
	return out
}

func TestCompare(t *testing.T) {
	// 40 cases: the baseline gets the first 20 right, the candidate the
	// first 20 plus 10 more (10 fixed, 0 broken): p = 2/1024.
	var base, cand []bool
	for i := range 40 {
		base = append(base, i < 20)
		cand = append(cand, i < 30)
	}
	c, err := Compare(preds(base), preds(cand), 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cases != 40 || c.Fixed != 10 || c.Broken != 0 || c.Baseline != 0.5 || c.Candidate != 0.75 ||
		math.Abs(c.Delta-0.25) > 1e-12 || math.Abs(c.PValue-2.0/1024) > 1e-12 || c.Verdict != Improved || !c.Promotable() {
		t.Fatalf("comparison %+v", c)
	}
	if !(c.DeltaCI[0] > 0 && c.DeltaCI[0] <= 0.25 && c.DeltaCI[1] >= 0.25) {
		t.Errorf("delta CI %v does not bracket 0.25 above 0", c.DeltaCI)
	}
	// The other way round it regresses and may not be promoted.
	r, _ := Compare(preds(cand), preds(base), 1)
	if r.Verdict != Regressed || r.Promotable() || r.Broken != 10 {
		t.Errorf("reverse comparison %+v", r)
	}
	// Two fixed, one broken: no significant change.
	n, _ := Compare(preds([]bool{false, false, true, true}), preds([]bool{true, true, false, true}), 1)
	if n.Verdict != NoSignificant || n.Fixed != 2 || n.Broken != 1 || n.PValue != 1 {
		t.Errorf("small comparison %+v", n)
	}
	var out bytes.Buffer
	if err := c.WriteText(&out); err != nil || !strings.Contains(out.String(), "verdict    IMPROVED") {
		t.Errorf("text %q, %v", out.String(), err)
	}
	if _, err := Compare(preds(base), []Prediction{{ID: "other", Status: "a"}}, 1); err == nil {
		t.Error("runs with no common case compared")
	}
}

func TestSummaryCheck(t *testing.T) {
	s := newScorer(4)
	s.lang = func(text string) string {
		if strings.Contains(text, "the") {
			return "en"
		}
		return "fr"
	}
	long := strings.Repeat("mot ", 80) // 320 characters
	for _, c := range []string{"", long, "the customer says the invoice was paid last week by transfer", "Le client dit avoir payé la facture la semaine dernière par virement"} {
		s.checkSummary(c, "fr")
	}
	if got := s.summary; got != (SummaryCheck{Cases: 4, TooLong: 1, Empty: 1, WrongLang: 1, LangChecks: 3}) {
		t.Errorf("summary check %+v", got)
	}
}

func TestSplit(t *testing.T) {
	var cases []Case
	for i := range 40 {
		st := "a"
		if i%4 == 0 {
			st = "b"
		}
		cases = append(cases, Case{ID: string(rune('A' + i)), Status: st})
	}
	dev, test := Split(cases, 0.5, 7)
	count := func(cs []Case, st string) (n int) {
		for _, c := range cs {
			if c.Status == st {
				n++
			}
		}
		return n
	}
	if len(dev)+len(test) != 40 || count(dev, "a") != 15 || count(dev, "b") != 5 || count(test, "b") != 5 {
		t.Errorf("split %d/%d: a %d, b %d in dev", len(dev), len(test), count(dev, "a"), count(dev, "b"))
	}
	dev2, _ := Split(cases, 0.5, 7)
	for i := range dev {
		if dev[i].ID != dev2[i].ID {
			t.Fatal("the same seed split differently")
		}
	}
}
