package evals

import "sort"

// ClassMetrics are the precision, recall and F1 of one status.
type ClassMetrics struct {
	Status    string  `json:"status"`
	Support   int     `json:"support"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Classification summarizes predicted against gold statuses.
type Classification struct {
	Cases     int                       `json:"cases"`
	Accuracy  float64                   `json:"accuracy"`
	MacroF1   float64                   `json:"macro_f1"`
	PerStatus []ClassMetrics            `json:"per_status"`
	Confusion map[string]map[string]int `json:"confusion"` // gold → predicted → count
}

// Classify computes accuracy, macro-F1 (over the statuses present in gold or
// predictions), per-status metrics and the confusion matrix.
func Classify(gold, pred []string) Classification {
	if len(gold) != len(pred) {
		panic("evals: gold and predictions differ in length")
	}
	m := Classification{Cases: len(gold), Confusion: map[string]map[string]int{}}
	tp, fp, fn, support := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	labels := map[string]bool{}
	correct := 0
	for i, g := range gold {
		p := pred[i]
		labels[g], labels[p] = true, true
		support[g]++
		if m.Confusion[g] == nil {
			m.Confusion[g] = map[string]int{}
		}
		m.Confusion[g][p]++
		if g == p {
			correct++
			tp[g]++
		} else {
			fp[p]++
			fn[g]++
		}
	}
	if len(gold) == 0 {
		return m
	}
	m.Accuracy = float64(correct) / float64(len(gold))
	names := make([]string, 0, len(labels))
	for l := range labels {
		names = append(names, l)
	}
	sort.Strings(names)
	var sumF1 float64
	for _, l := range names {
		c := ClassMetrics{Status: l, Support: support[l]}
		c.Precision = ratio(tp[l], tp[l]+fp[l])
		c.Recall = ratio(tp[l], tp[l]+fn[l])
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
		sumF1 += c.F1
		m.PerStatus = append(m.PerStatus, c)
	}
	m.MacroF1 = sumF1 / float64(len(names))
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
