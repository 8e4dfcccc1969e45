package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/triage-ar/triage/evals"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// runEval measures a suggestion strategy offline (DESIGN.md §6): it learns
// from a history file, suggests every case of a set and prints the metrics.
// It needs no database and no configuration.
func runEval(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "eval")
	history := fs.String("history", "", "JSONL file of past qualifications to learn from (required unless --curve starts at 0)")
	set := fs.String("set", "", "JSONL file of cases to suggest (required)")
	strat := fs.String("strategy", suggest.StrategyKNN, "suggestion strategy: knn, or llm and auto with TRIAGE_LLM_* set")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	k := fs.Int("k", suggest.DefaultK, "neighbours that vote")
	starter := fs.String("starter", "auto", "learn from the built-in starter corpus too: on, off, or auto (on when the history uses the default status codes)")
	predictions := fs.String("predictions", "", "write one JSON line per case to this file")
	curve := fs.String("curve", "", "comma-separated history sizes, e.g. 0,50,100,250,1000: train on the first N history cases and print accuracy per N")
	baseline := fs.String("baseline", "", "JSON report of an earlier run (--json) to compare with, case by case")
	classifierOnly := fs.Bool("classifier-only", false, "drop the neighbours' vote: the TF-IDF classifier alone, a linear baseline")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *set == "" || (*history == "" && *curve == "") {
		return fmt.Errorf("%w: --history and --set are required", errUsage)
	}
	if *k <= 0 {
		return fmt.Errorf("%w: --k must be positive", errUsage)
	}
	sizes, err := parseSizes(*curve)
	if err != nil {
		return err
	}
	var hist []evals.Case
	if *history != "" {
		if hist, err = readCases(*history); err != nil {
			return err
		}
	}
	cases, err := readCases(*set)
	if err != nil {
		return err
	}
	opts := evals.Options{Strategy: *strat, K: *k, Clean: cleanText, Lang: inbox.DetectLang, ClassifierOnly: *classifierOnly}
	if opts.Prior, err = starterPrior(*starter, hist); err != nil {
		return err
	}
	if *strat != suggest.StrategyKNN {
		// The LLM comes from the environment, as for the server
		// (TRIAGE_LLM_*); nothing else of the configuration is needed.
		cfg, log, err := loadConfig(env)
		if err != nil {
			return err
		}
		cfg.Strategy = *strat
		opts.Wrap = func(knn triage.Suggester) (triage.Suggester, error) { return strategy(cfg, knn, nil, nil, nil, log) }
	}
	if !*asJSON && isTerminal(env.Stderr) {
		opts.Progress = progress(env.Stderr, "cases")
	}
	if sizes != nil {
		return runCurve(ctx, env, hist, cases, sizes, opts, *asJSON)
	}
	rep, err := evals.Run(ctx, hist, cases, opts)
	if err != nil {
		return err
	}
	if *predictions != "" {
		if err := writePredictions(*predictions, rep.Predictions); err != nil {
			return err
		}
	}
	var cmp *evals.Comparison
	if *baseline != "" {
		c, err := compareWith(*baseline, rep)
		if err != nil {
			return err
		}
		cmp = &c
	}
	if *asJSON {
		out := struct {
			evals.Report
			Comparison *evals.Comparison `json:"comparison,omitempty"`
		}{rep, cmp}
		return json.NewEncoder(env.Stdout).Encode(out)
	}
	if err := rep.WriteText(env.Stdout); err != nil {
		return err
	}
	if cmp != nil {
		return cmp.WriteText(env.Stdout)
	}
	return nil
}

// runCurve prints the learning curve.
func runCurve(ctx context.Context, env *Env, hist, cases []evals.Case, sizes []int, opts evals.Options, asJSON bool) error {
	if opts.Progress != nil {
		opts.Progress = progress(env.Stderr, "history sizes")
	}
	pts, err := evals.Curve(ctx, hist, cases, sizes, opts)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(env.Stdout).Encode(struct {
			Cases int                `json:"cases"`
			Prior int                `json:"prior"`
			Curve []evals.CurvePoint `json:"curve"`
		}{len(cases), len(opts.Prior), pts})
	}
	fmt.Fprintf(env.Stdout, "learning curve: %d cases, %d starter cases besides the history\n\n", len(cases), len(opts.Prior))
	return evals.WriteCurve(env.Stdout, pts)
}

// starterPrior returns the cleaned starter corpus when mode asks for it.
func starterPrior(mode string, hist []evals.Case) ([]suggest.LabelledText, error) {
	switch mode {
	case "off":
		return nil, nil
	case "on", "auto":
	default:
		return nil, fmt.Errorf("%w: --starter must be on, off or auto", errUsage)
	}
	prior, err := suggest.StarterHistory(cleanText)
	if err != nil {
		return nil, err
	}
	if mode == "auto" {
		known := map[string]bool{}
		for _, p := range prior {
			known[p.Status] = true
		}
		for _, h := range hist {
			if !known[h.Status] {
				return nil, nil // the history has labels of its own: the starter would only add noise
			}
		}
	}
	return prior, nil
}

// parseSizes reads --curve.
func parseSizes(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%w: --curve: %q is not a history size", errUsage, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// compareWith compares rep with the run saved in path.
func compareWith(path string, rep evals.Report) (evals.Comparison, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return evals.Comparison{}, err
	}
	var base evals.Report
	if err := json.Unmarshal(b, &base); err != nil {
		return evals.Comparison{}, fmt.Errorf("%s: not a report written by triage eval --json: %w", path, err)
	}
	if len(base.Predictions) == 0 {
		return evals.Comparison{}, fmt.Errorf("%s: the report has no predictions to compare with", path)
	}
	return evals.Compare(base.Predictions, rep.Predictions, 1)
}

// writePredictions writes the per-case JSONL file.
func writePredictions(path string, ps []evals.Prediction) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := evals.WritePredictions(f, ps); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progress draws "done/total what" on a terminal.
func progress(w io.Writer, what string) func(done, total int) {
	return func(done, total int) {
		if done%100 == 0 || done == total || total < 100 {
			fmt.Fprintf(w, "\r%d/%d %s", done, total, what)
		}
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// readCases reads a JSONL eval file.
func readCases(path string) ([]evals.Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cs, err := evals.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cs, nil
}

// isTerminal reports whether w is a character device (a terminal), where
// progress may be drawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
