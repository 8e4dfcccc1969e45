package bench_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triage-ar/triage/bench"
	"github.com/triage-ar/triage/store/storetest"
)

// TestRunTiny runs every section at tiny sizes against the test cluster and
// checks the report's JSON shape and that its figures are sane. It asserts
// no timing: only that what was measured was measured.
func TestRunTiny(t *testing.T) {
	admin := os.Getenv(storetest.EnvURL)
	if admin == "" {
		t.Skipf("%s is not set: run `make test`, which starts the local Postgres", storetest.EnvURL)
	}
	const size, pending, cases, backlog = 300, 120, 40, 50
	rep, err := bench.Run(context.Background(), bench.Options{DatabaseURL: admin, Corpus: filepath.Join("..", "inbox", "testdata", "eml"),
		Sizes: []int{size}, Pending: pending, EvalCases: cases, IMAPMessages: backlog, Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "results", "run.json")
	if err := rep.WriteJSON(out); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the report is not JSON: %v", err)
	}
	for _, k := range []string{"started", "cpus", "ingest", "imap", "suggest", "queue", "eval", "targets", "options"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("the JSON report has no %q", k)
		}
	}
	var back bench.Report
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}

	g := back.Ingest
	if g == nil || g.Messages == 0 || g.ParsePerSec <= 0 || g.BarePerSec <= 0 || g.Ratio <= 0 {
		t.Errorf("ingest = %+v", g)
	}
	checkIMAP(t, back.IMAP, backlog)
	if len(back.Suggest) != 1 {
		t.Fatalf("suggest has %d sizes, want 1", len(back.Suggest))
	}
	s := back.Suggest[0]
	if s.Size != size || s.RecallQueries == 0 || s.TrainRows != size || s.DiskBytes <= 0 || s.IndexBytes <= 0 {
		t.Errorf("suggest counts = %+v", s)
	}
	if s.Recall < 0 || s.Recall > 1 || s.Recall == 0 {
		t.Errorf("recall@10 = %v, want in (0, 1]", s.Recall)
	}
	for name, p := range map[string]bench.Percentiles{"hnsw": s.HNSW, "exact": s.Exact, "suggest": s.Suggest} {
		if p.N == 0 || p.P50 <= 0 || p.P50 > p.P95 || p.P95 > p.P99 || p.P99 > p.Max {
			t.Errorf("%s percentiles = %+v", name, p)
		}
	}
	if s.PerSec <= 0 || s.Speedup <= 0 {
		t.Errorf("suggest rates = %v/s, speedup %v", s.PerSec, s.Speedup)
	}
	q := back.Queue
	if q == nil || q.Pending != pending || q.Queue.N == 0 || q.Reply.N == 0 || q.Queue.P95 <= 0 || q.Reply.P95 <= 0 {
		t.Fatalf("queue = %+v", q)
	}
	if q.QueueBytes < 1000 {
		t.Errorf("the queue page is %d bytes: not the real page", q.QueueBytes)
	}
	if len(q.Views) != 4 {
		t.Errorf("queue views = %+v, want the 4 filters", q.Views)
	}
	for _, v := range q.Views {
		if v.Page.N == 0 || v.Page.P95 <= 0 || v.Bytes < 1000 {
			t.Errorf("queue view %q = %+v", v.Name, v)
		}
	}
	if len(q.Load) != 2 || q.Load[0].Clients != 4 || q.Load[1].Clients != 16 {
		t.Errorf("queue load = %+v, want 4 then 16 clients", q.Load)
	}
	for _, l := range q.Load {
		// Quick budgets stop at 10 requests, whatever the concurrency.
		if l.Page.N == 0 || l.Page.N > 10 || l.Page.P95 <= 0 || l.PerSec <= 0 {
			t.Errorf("queue load at %d clients = %+v", l.Clients, l)
		}
	}
	e := back.Eval
	if e == nil || e.Cases != cases || e.Seconds <= 0 || e.CasesPerSec <= 0 || e.Accuracy < 0 || e.Accuracy > 1 {
		t.Errorf("eval = %+v", e)
	}
	if len(back.Targets) != 0 {
		t.Errorf("targets at tiny sizes = %+v, want none checked", back.Targets)
	}

	var table strings.Builder
	if err := back.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bare go-message", "recall@10", "faster than exact", "queue page p95", "reply page p95", "search an invoice", "16 clients", "eval: 40 cases"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}

// TestRunRejects checks the errors of a misconfigured run.
func TestRunRejects(t *testing.T) {
	tests := []struct {
		name string
		o    bench.Options
		want string
	}{
		{"unknown section", bench.Options{Sections: []string{"ingest", "letters"}}, `unknown section "letters"`},
		{"no database", bench.Options{Sections: []string{"queue"}, Pending: 10}, "need a database URL"},
		{"empty corpus", bench.Options{Sections: []string{"ingest"}, Corpus: t.TempDir()}, "no .eml file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bench.Run(context.Background(), tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v, want an error with %q", err, tt.want)
			}
		})
	}
}
