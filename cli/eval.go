package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/triage-ar/triage/evals"
	"github.com/triage-ar/triage/suggest"
)

// runEval measures a suggestion strategy offline (DESIGN.md §6): it learns
// from a history file, suggests every case of a set and prints the metrics.
// It needs no database and no configuration.
func runEval(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "eval")
	history := fs.String("history", "", "JSONL file of past qualifications to learn from (required)")
	set := fs.String("set", "", "JSONL file of cases to suggest (required)")
	strategy := fs.String("strategy", suggest.StrategyKNN, "suggestion strategy")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	k := fs.Int("k", suggest.DefaultK, "neighbours that vote")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *history == "" || *set == "" {
		return fmt.Errorf("%w: --history and --set are required", errUsage)
	}
	if *k <= 0 {
		return fmt.Errorf("%w: --k must be positive", errUsage)
	}
	hist, err := readCases(*history)
	if err != nil {
		return err
	}
	cases, err := readCases(*set)
	if err != nil {
		return err
	}
	opts := evals.Options{Strategy: *strategy, K: *k, Clean: cleanText}
	if !*asJSON && isTerminal(env.Stderr) {
		opts.Progress = func(done, total int) {
			if done%100 == 0 || done == total {
				fmt.Fprintf(env.Stderr, "\r%d/%d cases", done, total)
			}
			if done == total {
				fmt.Fprintln(env.Stderr)
			}
		}
	}
	rep, err := evals.Run(ctx, hist, cases, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		return enc.Encode(rep)
	}
	return rep.WriteText(env.Stdout)
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
