package evals

import (
	"context"
	"fmt"
)

// CurvePoint is the outcome of a run trained on the first N history cases
// (plus the prior, if any).
type CurvePoint struct {
	N        int              `json:"n"`
	Accuracy float64          `json:"accuracy"`
	MacroF1  float64          `json:"macro_f1"`
	PerLang  map[string]Group `json:"per_lang"`
}

// Curve runs the cases once per history size in ns: a learning curve. Sizes
// beyond the history are capped to it.
func Curve(ctx context.Context, history, cases []Case, ns []int, opts Options) ([]CurvePoint, error) {
	out := make([]CurvePoint, 0, len(ns))
	for _, n := range ns {
		if n < 0 {
			return nil, fmt.Errorf("evals: curve size %d is negative", n)
		}
		n = min(n, len(history))
		o := opts
		o.Progress = nil
		rep, err := Run(ctx, history[:n], cases, o)
		if err != nil {
			return nil, fmt.Errorf("evals: curve at %d: %w", n, err)
		}
		out = append(out, CurvePoint{N: n, Accuracy: rep.Accuracy, MacroF1: rep.MacroF1, PerLang: rep.PerLang})
		if opts.Progress != nil {
			opts.Progress(len(out), len(ns))
		}
	}
	return out, nil
}
