package evals

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WritePredictions writes one JSON line per case: id, lang, gold status,
// predicted status, confidence and what else was suggested.
func WritePredictions(w io.Writer, ps []Prediction) error {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("evals: predictions: %w", err)
		}
	}
	return b.Flush()
}

// WriteCurve prints a learning curve: accuracy per history size, overall
// and per language.
func WriteCurve(w io.Writer, pts []CurvePoint) error {
	b := bufio.NewWriter(w)
	var langs []string
	seen := map[string]bool{}
	for _, p := range pts {
		for _, l := range sortedKeys(p.PerLang) {
			if !seen[l] {
				seen[l] = true
				langs = append(langs, l)
			}
		}
	}
	fmt.Fprintf(b, "%8s  %8s  %8s", "history", "accuracy", "macro-F1")
	for _, l := range langs {
		fmt.Fprintf(b, "  %6s", strings.ToUpper(l))
	}
	fmt.Fprintln(b)
	for _, p := range pts {
		fmt.Fprintf(b, "%8d  %8.4f  %8.4f", p.N, p.Accuracy, p.MacroF1)
		for _, l := range langs {
			if g, ok := p.PerLang[l]; ok {
				fmt.Fprintf(b, "  %6.4f", g.Accuracy)
			} else {
				fmt.Fprintf(b, "  %6s", "-")
			}
		}
		fmt.Fprintln(b)
	}
	return b.Flush()
}

// WriteText prints a comparison and its verdict.
func (c Comparison) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "\nagainst the baseline, on %d common cases\n", c.Cases)
	fmt.Fprintf(b, "accuracy   %.4f → %.4f  (Δ %+.4f, 95%% CI [%+.4f, %+.4f])\n", c.Baseline, c.Candidate, c.Delta, c.DeltaCI[0], c.DeltaCI[1])
	fmt.Fprintf(b, "macro-F1   Δ %+.4f, 95%% CI [%+.4f, %+.4f]\n", c.MacroF1Delta, c.MacroF1DeltaCI[0], c.MacroF1DeltaCI[1])
	fmt.Fprintf(b, "McNemar    %d fixed, %d broken, p = %.4g\n", c.Fixed, c.Broken, c.PValue)
	fmt.Fprintf(b, "verdict    %s\n", c.Verdict)
	return b.Flush()
}
