package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/triage-ar/triage/evals"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/suggest"
)

// EvalResult is the offline evaluation of Cases cases, timed end to end.
type EvalResult struct {
	Cases       int     `json:"cases"`
	History     int     `json:"history"`  // built-in cases learnt from
	Distinct    int     `json:"distinct"` // distinct built-in cases the set cycles through
	Seconds     float64 `json:"seconds"`  // training and every suggestion
	CasesPerSec float64 `json:"cases_per_s"`
	Accuracy    float64 `json:"accuracy"`
	LatencyP50  float64 `json:"latency_p50_ms"`
	LatencyP99  float64 `json:"latency_p99_ms"`
}

// cleanText is the body cleaning every ingestion path applies.
func cleanText(body string) string { return inbox.CleanBody(body).Text }

// RunEval runs the offline evaluation (the code behind `triage eval`) on n
// cases: the built-in sets of every language are split in two, one half is
// the history and the other half is cycled through until n cases, so the
// work per case is that of real replies in French, English and more.
func RunEval(ctx context.Context, n int) (EvalResult, error) {
	var all []evals.Case
	for _, name := range evals.Builtin() {
		cs, err := evals.BuiltinCases(name)
		if err != nil {
			return EvalResult{}, fmt.Errorf("bench: eval: %w", err)
		}
		all = append(all, cs...)
	}
	hist, test := evals.Split(all, 0.5, 1)
	if n <= 0 || len(test) == 0 {
		return EvalResult{}, fmt.Errorf("bench: eval: %d cases from %d built-in ones", n, len(all))
	}
	cases := make([]evals.Case, n)
	for i := range cases {
		cases[i] = test[i%len(test)]
	}
	prior, err := suggest.StarterHistory(cleanText)
	if err != nil {
		return EvalResult{}, fmt.Errorf("bench: eval: %w", err)
	}
	start := time.Now()
	rep, err := evals.Run(ctx, hist, cases, evals.Options{K: suggest.DefaultK, Clean: cleanText, Lang: inbox.DetectLang, Prior: prior})
	if err != nil {
		return EvalResult{}, fmt.Errorf("bench: eval: %w", err)
	}
	took := time.Since(start)
	return EvalResult{Cases: rep.Cases, History: len(hist), Distinct: len(test), Seconds: took.Seconds(),
		CasesPerSec: float64(rep.Cases) / took.Seconds(), Accuracy: rep.Accuracy,
		LatencyP50: rep.LatencyMS.P50, LatencyP99: rep.LatencyMS.P99}, nil
}
