package evals

import (
	"slices"
	"sort"
)

// Group is the accuracy of the cases sharing a language or a tag.
type Group struct {
	Cases    int     `json:"cases"`
	Accuracy float64 `json:"accuracy"`
}

// ItemScore measures the items suggested against the labelled ones,
// micro-averaged over the cases whose items are labelled.
type ItemScore struct {
	Cases     int     `json:"cases"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// FollowUpScore measures the follow-up dates suggested against the labelled
// ones, over the cases that have one.
type FollowUpScore struct {
	Cases    int     `json:"cases"`
	Exact    float64 `json:"exact"`     // share of dates right to the day
	Within1D float64 `json:"within_1d"` // share at most one day off
	Missing  int     `json:"missing"`   // cases with no follow-up suggested
}

// groups tallies accuracy by key; a case may count in several groups.
type groups map[string]*[2]int // key → {cases, right}

func (g groups) add(key string, right bool) {
	c := g[key]
	if c == nil {
		c = new([2]int)
		g[key] = c
	}
	c[0]++
	if right {
		c[1]++
	}
}

func (g groups) result() map[string]Group {
	if len(g) == 0 {
		return nil
	}
	out := make(map[string]Group, len(g))
	for k, c := range g {
		out[k] = Group{Cases: c[0], Accuracy: ratio(c[1], c[0])}
	}
	return out
}

// sortedKeys returns a map's keys in order, for stable text output.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// itemTally accumulates true positives, false positives and false negatives.
type itemTally struct{ cases, tp, fp, fn int }

func (t *itemTally) add(gold, pred []string) {
	t.cases++
	for _, p := range pred {
		if slices.Contains(gold, p) {
			t.tp++
		} else {
			t.fp++
		}
	}
	for _, g := range gold {
		if !slices.Contains(pred, g) {
			t.fn++
		}
	}
}

func (t itemTally) result() *ItemScore {
	if t.cases == 0 {
		return nil
	}
	s := &ItemScore{Cases: t.cases, Precision: ratio(t.tp, t.tp+t.fp), Recall: ratio(t.tp, t.tp+t.fn)}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// followTally accumulates follow-up date comparisons, in days off.
type followTally struct{ cases, exact, near, missing int }

func (t *followTally) add(daysOff int, suggested bool) {
	t.cases++
	switch {
	case !suggested:
		t.missing++
	case daysOff == 0:
		t.exact++
		t.near++
	case daysOff == 1 || daysOff == -1:
		t.near++
	}
}

func (t followTally) result() *FollowUpScore {
	if t.cases == 0 {
		return nil
	}
	return &FollowUpScore{Cases: t.cases, Exact: ratio(t.exact, t.cases), Within1D: ratio(t.near, t.cases), Missing: t.missing}
}

// SummaryCheck counts the suggested comments that break the rules: over
// the length limit, or in another language than the reply.
type SummaryCheck struct {
	Cases      int `json:"cases"`
	TooLong    int `json:"too_long"`
	Empty      int `json:"empty"`
	WrongLang  int `json:"wrong_lang"`
	LangChecks int `json:"lang_checked"` // comments long enough to tell their language
}
