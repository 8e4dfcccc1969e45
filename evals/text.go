package evals

import (
	"bufio"
	"fmt"
	"io"
	"slices"
)

// maxMatrix is the largest number of statuses printed as a confusion
// matrix; beyond it the text lists the most frequent confusions instead.
const maxMatrix = 15

// topConfusions is how many confusions the list shows.
const topConfusions = 20

// WriteText prints the report for a terminal: the headline figures, then
// per-status metrics, the confusion matrix and the reliability table.
func (r Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "strategy %s: %d history cases, %d cases\n\n", r.Strategy, r.History, r.Cases)
	fmt.Fprintf(b, "accuracy   %.4f\n", r.Accuracy)
	fmt.Fprintf(b, "macro-F1   %.4f\n", r.MacroF1)
	fmt.Fprintf(b, "ECE        %.4f (%d bins)\n", r.ECE, len(r.Bins))
	fmt.Fprintf(b, "latency    p50 %.3f ms, p99 %.3f ms\n", r.LatencyMS.P50, r.LatencyMS.P99)
	fmt.Fprintf(b, "training   %.0f ms\n", r.TrainMS)
	if m := r.Model; m != nil {
		fitted := fmt.Sprintf("fitted on %d held-out cases", m.HeldOut)
		if m.HeldOut == 0 {
			fitted = "defaults: history too small to fit"
		}
		fmt.Fprintf(b, "model      %d statuses, %d features; blend alpha %.2f, temperature %.2f (%s)\n",
			m.Statuses, m.Features, m.Alpha, m.Temperature, fitted)
	}
	if it := r.Items; it != nil {
		fmt.Fprintf(b, "items      F1 %.4f (precision %.4f, recall %.4f; %d cases)\n", it.F1, it.Precision, it.Recall, it.Cases)
	}
	if f := r.FollowUp; f != nil {
		fmt.Fprintf(b, "follow-up  exact %.4f, within a day %.4f (%d cases, %d without)\n", f.Exact, f.Within1D, f.Cases, f.Missing)
	}
	if g := r.ItemStatuses; g != nil {
		fmt.Fprintf(b, "per item   %.4f (%d items of multi-intent cases)\n", g.Accuracy, g.Cases)
	}
	if sm := r.Summary; sm.Cases > 0 {
		fmt.Fprintf(b, "summaries  %d too long, %d empty, %d of %d in another language\n", sm.TooLong, sm.Empty, sm.WrongLang, sm.LangChecks)
	}
	if r.Tokens > 0 {
		fmt.Fprintf(b, "tokens     %d (cost %.4f)\n", r.Tokens, r.Cost)
	}
	writeGroups(b, "language", r.PerLang)
	writeGroups(b, "tag", r.PerTag)
	r.writeStatuses(b)
	r.writeConfusion(b)
	r.writeReliability(b)
	return b.Flush()
}

// writeGroups prints the accuracy of each group of cases, if any.
func writeGroups(b *bufio.Writer, title string, gs map[string]Group) {
	if len(gs) == 0 || (len(gs) == 1 && gs[""].Cases > 0) {
		return
	}
	width := len(title)
	for k := range gs {
		width = max(width, len(k))
	}
	fmt.Fprintf(b, "\n%-*s  cases  accuracy\n", width, title)
	for _, k := range sortedKeys(gs) {
		name := k
		if name == "" {
			name = "?"
		}
		fmt.Fprintf(b, "%-*s  %5d  %8.4f\n", width, name, gs[k].Cases, gs[k].Accuracy)
	}
}

func (r Report) writeStatuses(b *bufio.Writer) {
	width := len("status")
	for _, c := range r.PerStatus {
		width = max(width, len(c.Status))
	}
	fmt.Fprintf(b, "\n%-*s  support  precision  recall      F1\n", width, "status")
	for _, c := range r.PerStatus {
		fmt.Fprintf(b, "%-*s  %7d  %9.4f  %6.4f  %6.4f\n", width, c.Status, c.Support, c.Precision, c.Recall, c.F1)
	}
}

// labels are the statuses of the confusion matrix, sorted.
func (r Report) labels() []string {
	var ls []string
	for g, row := range r.Confusion {
		ls = append(ls, g)
		for p := range row {
			ls = append(ls, p)
		}
	}
	slices.Sort(ls)
	return slices.Compact(ls)
}

func (r Report) writeConfusion(b *bufio.Writer) {
	ls := r.labels()
	if len(ls) == 0 {
		return
	}
	if len(ls) > maxMatrix {
		r.writeTopConfusions(b, ls)
		return
	}
	width := 0
	for _, l := range ls {
		width = max(width, len(l))
	}
	fmt.Fprintf(b, "\nconfusion (rows: expected, columns: predicted, numbered as the rows)\n%*s", width+4, "")
	for i := range ls {
		fmt.Fprintf(b, " %4d", i+1)
	}
	b.WriteByte('\n')
	for i, g := range ls {
		fmt.Fprintf(b, "%2d  %-*s", i+1, width, g)
		for _, p := range ls {
			if n := r.Confusion[g][p]; n > 0 {
				fmt.Fprintf(b, " %4d", n)
			} else {
				b.WriteString("    .")
			}
		}
		b.WriteByte('\n')
	}
}

func (r Report) writeTopConfusions(b *bufio.Writer, ls []string) {
	type pair struct {
		gold, pred string
		n          int
	}
	var ps []pair
	for _, g := range ls {
		for _, p := range ls {
			if n := r.Confusion[g][p]; n > 0 && g != p {
				ps = append(ps, pair{g, p, n})
			}
		}
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return b.n - a.n })
	fmt.Fprintf(b, "\nmost frequent confusions (%d statuses: too many for a matrix)\n", len(ls))
	for _, p := range ps[:min(len(ps), topConfusions)] {
		fmt.Fprintf(b, "%5d  %s -> %s\n", p.n, p.gold, p.pred)
	}
}

func (r Report) writeReliability(b *bufio.Writer) {
	fmt.Fprintf(b, "\nreliability\nconfidence   cases  mean conf  accuracy\n")
	for _, bin := range r.Bins {
		rng := fmt.Sprintf("%.1f-%.1f", bin.Lo, bin.Hi)
		if bin.Cases == 0 {
			fmt.Fprintf(b, "%-10s  %6d  %9s  %8s\n", rng, 0, "-", "-")
			continue
		}
		fmt.Fprintf(b, "%-10s  %6d  %9.4f  %8.4f\n", rng, bin.Cases, bin.Confidence, bin.Accuracy)
	}
}
