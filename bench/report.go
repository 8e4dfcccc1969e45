package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
)

// The targets of the capabilities' issue.
const (
	TargetSuggestP50MS = 5.0 // suggestion p50 at TargetSuggestSize past qualifications
	TargetSuggestSize  = 100000
	TargetQueueP95MS   = 50.0 // queue page p95 with TargetQueuePending pending replies
	TargetQueuePending = 100000
)

// TargetResult is one target checked against a run.
type TargetResult struct {
	Name  string  `json:"name"`
	Limit float64 `json:"limit_ms"`
	Value float64 `json:"value_ms"`
	Pass  bool    `json:"pass"`
}

// targets checks the targets whose figure the run measured at their size.
func (r Report) targets() []TargetResult {
	out := []TargetResult{}
	for _, s := range r.Suggest {
		if s.Size == TargetSuggestSize {
			out = append(out, TargetResult{Name: "suggestion p50 at 100k", Limit: TargetSuggestP50MS,
				Value: s.Suggest.P50, Pass: s.Suggest.P50 <= TargetSuggestP50MS})
		}
	}
	if q := r.Queue; q != nil && q.Pending == TargetQueuePending {
		out = append(out, TargetResult{Name: "queue page p95 at 100k pending", Limit: TargetQueueP95MS,
			Value: q.Queue.P95, Pass: q.Queue.P95 <= TargetQueueP95MS})
		// A filter is the same page to the collector: the same target.
		for _, v := range q.Views {
			out = append(out, TargetResult{Name: "queue page p95 at 100k pending, " + v.Name, Limit: TargetQueueP95MS,
				Value: v.Page.P95, Pass: v.Page.P95 <= TargetQueueP95MS})
		}
	}
	return out
}

// target returns the mark of the named target, or "" if it was not checked.
func (r Report) target(name string) string {
	for _, t := range r.Targets {
		if t.Name == name {
			if t.Pass {
				return fmt.Sprintf("≤ %g ms: pass", t.Limit)
			}
			return fmt.Sprintf("≤ %g ms: FAIL", t.Limit)
		}
	}
	return ""
}

// WriteTable prints the run as one table: figure, value, ratio, target.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cols ...string) { fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cols[0], cols[1], cols[2], cols[3]) }
	row("figure", "value", "ratio", "target")
	if g := r.Ingest; g != nil {
		row(fmt.Sprintf("ingest: parse+normalize, 1 core (%d msgs)", g.Messages), fmt.Sprintf("%.0f msgs/s", g.ParsePerSec),
			fmt.Sprintf("%.2f× bare go-message (%.0f msgs/s)", g.Ratio, g.BarePerSec), "")
	}
	if g := r.IMAP; g != nil {
		g.writeRows(row)
	}
	for _, s := range r.Suggest {
		n := humanSize(s.Size)
		row("suggest "+n+": HNSW recall@10", fmt.Sprintf("%.3f", s.Recall), fmt.Sprintf("over %d queries", s.RecallQueries), "")
		row("suggest "+n+": HNSW query p50/p99", fmt.Sprintf("%.2f / %.2f ms", s.HNSW.P50, s.HNSW.P99),
			fmt.Sprintf("%.1f× faster than exact (p50 %.2f ms)", s.Speedup, s.Exact.P50), "")
		row("suggest "+n+": suggestion p50/p99", fmt.Sprintf("%.2f / %.2f ms", s.Suggest.P50, s.Suggest.P99),
			fmt.Sprintf("%.0f suggestions/s on %d cores", s.PerSec, r.CPUs), r.target("suggestion p50 at "+n))
		row("suggest "+n+": load+index, disk", fmt.Sprintf("%.0f s, %s", s.LoadSeconds, humanBytes(s.DiskBytes)),
			fmt.Sprintf("HNSW index %s", humanBytes(s.IndexBytes)), "")
	}
	if q := r.Queue; q != nil {
		n := humanSize(q.Pending)
		row("queue page p95/p99 ("+n+" pending)", fmt.Sprintf("%.1f / %.1f ms", q.Queue.P95, q.Queue.P99),
			fmt.Sprintf("p50 %.1f ms, %d requests", q.Queue.P50, q.Queue.N), r.target("queue page p95 at "+n+" pending"))
		row("reply page p95/p99 ("+n+" pending)", fmt.Sprintf("%.1f / %.1f ms", q.Reply.P95, q.Reply.P99),
			fmt.Sprintf("p50 %.1f ms, %d requests", q.Reply.P50, q.Reply.N), "")
		for _, v := range q.Views {
			row("queue page p95/p99, "+v.Name+" ("+n+" pending)", fmt.Sprintf("%.1f / %.1f ms", v.Page.P95, v.Page.P99),
				fmt.Sprintf("p50 %.1f ms, %d requests", v.Page.P50, v.Page.N), r.target("queue page p95 at "+n+" pending, "+v.Name))
		}
		for _, l := range q.Load {
			row(fmt.Sprintf("queue page p95/p99, %d clients (%s pending)", l.Clients, n), fmt.Sprintf("%.1f / %.1f ms", l.Page.P95, l.Page.P99),
				fmt.Sprintf("p50 %.1f ms, %d requests, %.0f pages/s", l.Page.P50, l.Page.N, l.PerSec), "")
		}
	}
	if e := r.Eval; e != nil {
		row(fmt.Sprintf("eval: %d cases offline", e.Cases), fmt.Sprintf("%.1f s", e.Seconds),
			fmt.Sprintf("%.0f cases/s, accuracy %.3f", e.CasesPerSec, e.Accuracy), "")
	}
	return tw.Flush()
}

// WriteJSON saves the report to path, creating its directory.
func (r Report) WriteJSON(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

// humanSize writes 10000 as 10k and 1000000 as 1M.
func humanSize(n int) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// humanBytes writes a size in MB or GB.
func humanBytes(n int64) string {
	if n >= 1e9 {
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}
