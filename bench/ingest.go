package bench

import (
	"fmt"
	"time"

	"github.com/triage-ar/triage/bench/floor"
	"github.com/triage-ar/triage/inbox"
)

// IngestResult compares the MIME parse and normalization of a corpus with
// a bare go-message read of it, on one goroutine (one core).
type IngestResult struct {
	Messages      int     `json:"messages"` // in the corpus
	Bytes         int64   `json:"bytes"`
	ParsePerSec   float64 `json:"parse_msgs_per_s"`
	BarePerSec    float64 `json:"bare_msgs_per_s"`
	Ratio         float64 `json:"ratio"` // parse / bare throughput
	ParseFailures int     `json:"parse_failures"`
	BareFailures  int     `json:"bare_failures"` // messages go-message cannot open
	Seconds       float64 `json:"seconds"`
}

// RunIngest measures inbox.ParseMessage and the bare read over whole passes
// of the corpus, each within budget. A message the parser refuses counts as
// a failure, not as a stop: hostile messages belong to the corpus.
func RunIngest(corpus [][]byte, budget Budget) (IngestResult, error) {
	if len(corpus) == 0 {
		return IngestResult{}, fmt.Errorf("bench: ingest: empty corpus")
	}
	start := time.Now()
	res := IngestResult{Messages: len(corpus)}
	for _, raw := range corpus {
		res.Bytes += int64(len(raw))
	}
	lim := inbox.DefaultLimits()
	passes, took, _ := budget.loop(func(pass int) error {
		for _, raw := range corpus {
			if _, err := inbox.ParseMessage(raw, lim); err != nil && pass == 0 {
				res.ParseFailures++
			}
		}
		return nil
	})
	res.ParsePerSec = float64(passes*len(corpus)) / took.Seconds()
	passes, took, _ = budget.loop(func(pass int) error {
		for _, raw := range corpus {
			if err := floor.ReadMessage(raw); err != nil && pass == 0 {
				res.BareFailures++
			}
		}
		return nil
	})
	res.BarePerSec = float64(passes*len(corpus)) / took.Seconds()
	res.Ratio = res.ParsePerSec / res.BarePerSec
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
