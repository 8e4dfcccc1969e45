package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/triage-ar/triage/bench/floor"
	"github.com/triage-ar/triage/inbox/dovecottest"
	"github.com/triage-ar/triage/suggest"
)

// Sections are the parts of a run, in the order they run.
var Sections = []string{"ingest", "imap", "suggest", "queue", "eval"}

// Options chooses what a run measures and how much.
type Options struct {
	Sections    []string // among Sections; empty runs them all
	DatabaseURL string   // the cluster the scratch databases are made in (imap, suggest, queue)
	Corpus      string   // directory of .eml files (ingest)
	Sizes       []int    // history sizes (suggest)
	Pending     int      // pending replies (queue)
	EvalCases   int      // cases (eval)
	// IMAPMessages is the backlog appended to Dovecot (imap).
	IMAPMessages int
	// Quick shrinks every loop's budget, for tests.
	Quick bool
	// Progress receives one line as each step starts; nil discards.
	Progress io.Writer
}

// Report is one run's results; a section not run is nil.
type Report struct {
	Started time.Time       `json:"started"`
	Commit  string          `json:"commit,omitempty"`
	GoOS    string          `json:"goos"`
	GoArch  string          `json:"goarch"`
	CPUs    int             `json:"cpus"`
	Seconds float64         `json:"seconds"`
	Ingest  *IngestResult   `json:"ingest,omitempty"`
	IMAP    *IMAPResult     `json:"imap,omitempty"`
	Suggest []SuggestResult `json:"suggest,omitempty"`
	Queue   *QueueResult    `json:"queue,omitempty"`
	Eval    *EvalResult     `json:"eval,omitempty"`
	Targets []TargetResult  `json:"targets"`
	Options map[string]any  `json:"options"`
}

// budgets are the loops' bounds: a full run, or a quick one for tests.
func (o Options) budgets() (queries, exact, pages Budget, load time.Duration) {
	if o.Quick {
		return Budget{Max: 20, For: time.Second}, Budget{Max: 5, For: time.Second}, Budget{Max: 10, For: time.Second}, 200 * time.Millisecond
	}
	return Budget{Max: 2000, For: 10 * time.Second}, Budget{Max: 100, For: 10 * time.Second}, Budget{Max: 1000, For: 15 * time.Second}, 3 * time.Second
}

// imapBudget bounds the imap section: appending, the raw reads and the
// poller's run together.
func (o Options) imapBudget() time.Duration {
	if o.Quick {
		return 2 * time.Minute
	}
	return 20 * time.Minute
}

// Run measures the chosen sections.
func Run(ctx context.Context, o Options) (Report, error) {
	for _, s := range o.Sections {
		if !slices.Contains(Sections, s) {
			return Report{}, fmt.Errorf("bench: unknown section %q (want %v)", s, Sections)
		}
	}
	if len(o.Sections) == 0 {
		o.Sections = Sections
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	queries, exact, pages, load := o.budgets()
	rep := Report{Started: time.Now().UTC(), GoOS: runtime.GOOS, GoArch: runtime.GOARCH, CPUs: runtime.NumCPU(),
		Options: map[string]any{"sections": o.Sections, "sizes": o.Sizes, "pending": o.Pending, "eval_cases": o.EvalCases,
			"imap_messages": o.IMAPMessages, "quick": o.Quick}}
	// Without Dovecot, the imap section only reports that it was skipped.
	needDB := slices.Contains(o.Sections, "suggest") || slices.Contains(o.Sections, "queue") ||
		slices.Contains(o.Sections, "imap") && dovecottest.Installed()
	if needDB && o.DatabaseURL == "" {
		return rep, fmt.Errorf("bench: the imap, suggest and queue sections need a database URL")
	}
	for _, s := range o.Sections {
		var err error
		switch s {
		case "ingest":
			fmt.Fprintf(o.Progress, "ingest: parsing %s\n", o.Corpus)
			var corpus [][]byte
			if corpus, err = floor.LoadCorpus(o.Corpus); err == nil {
				var r IngestResult
				r, err = RunIngest(corpus, Budget{Max: 1000, For: pages.For / 3})
				rep.Ingest = &r
			}
		case "imap":
			fmt.Fprintf(o.Progress, "imap: %d messages through Dovecot, raw UID FETCH then triage's poller\n", o.IMAPMessages)
			var r IMAPResult
			if r, err = RunIMAP(ctx, o.DatabaseURL, o.IMAPMessages, o.imapBudget()); err == nil {
				rep.IMAP = &r
			}
		case "suggest":
			for _, n := range o.Sizes {
				fmt.Fprintf(o.Progress, "suggest: loading and indexing %d past qualifications (%s)\n", n, Cost(n))
				var r SuggestResult
				if r, err = RunSuggest(ctx, o.DatabaseURL, n, SuggestOptions{Queries: queries, Exact: exact, Load: load}); err != nil {
					break
				}
				rep.Suggest = append(rep.Suggest, r)
			}
		case "queue":
			fmt.Fprintf(o.Progress, "queue: %d pending replies, then the pages\n", o.Pending)
			var r QueueResult
			if r, err = RunQueue(ctx, o.DatabaseURL, o.Pending, pages); err == nil {
				rep.Queue = &r
			}
		case "eval":
			fmt.Fprintf(o.Progress, "eval: %d cases\n", o.EvalCases)
			var r EvalResult
			if r, err = RunEval(ctx, o.EvalCases); err == nil {
				rep.Eval = &r
			}
		}
		if err != nil {
			return rep, err
		}
	}
	rep.Targets = rep.targets()
	rep.Seconds = time.Since(rep.Started).Seconds()
	return rep, nil
}

// Cost is an estimate of what a history of n rows needs in Postgres, from
// the dimension of the embeddings: each vector is stored in the table and
// again in the HNSW graph, and the reply and its texts take about 2 kB
// (measured: 1.46 GB at 100 000 rows).
func Cost(n int) string {
	const perRow = 2*(suggest.Dim*4+8) + 2000 // bytes
	return "about " + humanBytes(int64(n)*perRow) + " of disk"
}
