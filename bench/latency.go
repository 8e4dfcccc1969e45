package bench

import (
	"slices"
	"time"

	"github.com/triage-ar/triage/evals"
)

// Percentiles summarizes durations in milliseconds, by nearest rank.
type Percentiles struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// percentiles computes the nearest-rank percentiles of ds.
func percentiles(ds []time.Duration) Percentiles {
	if len(ds) == 0 {
		return Percentiles{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p int) float64 { return float64(evals.Percentile(s, p)) / float64(time.Millisecond) }
	return Percentiles{N: len(s), P50: at(50), P95: at(95), P99: at(99), Max: at(100)}
}

// Budget bounds a measuring loop by a count and a duration, whichever ends
// first; at least one round always runs.
type Budget struct {
	Max int
	For time.Duration
}

// loop calls f until the budget is spent or f fails, and returns how many
// calls succeeded and the time they took together.
func (b Budget) loop(f func(i int) error) (int, time.Duration, error) {
	start := time.Now()
	i := 0
	for ; i == 0 || (i < b.Max && time.Since(start) < b.For); i++ {
		if err := f(i); err != nil {
			return i, time.Since(start), err
		}
	}
	return i, time.Since(start), nil
}

// timed is loop that also records each call's duration.
func (b Budget) timed(f func(i int) error) ([]time.Duration, time.Duration, error) {
	var ds []time.Duration
	_, total, err := b.loop(func(i int) error {
		t := time.Now()
		err := f(i)
		ds = append(ds, time.Since(t))
		return err
	})
	return ds, total, err
}
