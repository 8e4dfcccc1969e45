package evals

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func readCases(t *testing.T, path string) []Case {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func tinyRun(t *testing.T) Report {
	t.Helper()
	// The language detector is the CLI's, so that both print the same.
	rep, err := Run(context.Background(), readCases(t, "testdata/tiny-history.jsonl"), readCases(t, "testdata/tiny-set.jsonl"), Options{Lang: inbox.DetectLang})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// maskTimings replaces the figures of the lines that depend on the machine
// (latency, training time) with "#", so that outputs compare across runs.
func maskTimings(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "latency ") || strings.HasPrefix(l, "training ") {
			lines[i] = strings.Fields(l)[0] + " #"
		}
	}
	return strings.Join(lines, "\n")
}

// TestRunGolden pins the text report of a tiny FR/EN history and set; the
// CLI prints the same (cli/eval_test.go compares with the same file).
// Regenerate with: go test ./evals -run TestRunGolden -update
func TestRunGolden(t *testing.T) {
	rep := tinyRun(t)
	var out bytes.Buffer
	if err := rep.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	got := maskTimings(out.String())
	const golden = "testdata/tiny.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("report differs from %s:\n%s", golden, got)
	}
}

func TestRunReport(t *testing.T) {
	rep := tinyRun(t)
	if rep.Cases != 14 || rep.History != 40 || len(rep.Predictions) != 14 || rep.Strategy != "knn" {
		t.Errorf("report counts: %d cases, %d history, %d predictions, %q", rep.Cases, rep.History, len(rep.Predictions), rep.Strategy)
	}
	// The one status the history never saw cannot be predicted.
	if p := rep.Predictions[12]; p.ID != "c13" || p.Status != "quality_dispute" || p.Predicted == "quality_dispute" {
		t.Errorf("unseen status: %+v", p)
	}
	if rep.Accuracy < 0.7 {
		t.Errorf("accuracy %.3f on the tiny set", rep.Accuracy)
	}
	if rep.Model == nil || rep.Model.Statuses != 5 || rep.Model.HeldOut != 0 {
		t.Errorf("model = %+v, want 5 statuses and the default blend", rep.Model)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"cases", "accuracy", "macro_f1", "latency_ms", "per_status", "confusion", "ece", "reliability", "history", "strategy"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON report lacks %q: %s", k, b)
		}
	}
	lat, _ := m["latency_ms"].(map[string]any)
	if _, ok := lat["p50"]; !ok {
		t.Errorf("latency_ms lacks p50: %v", lat)
	}
	if _, ok := lat["p99"]; !ok {
		t.Errorf("latency_ms lacks p99: %v", lat)
	}
}

func TestRunStrategies(t *testing.T) {
	h := readCases(t, "testdata/tiny-history.jsonl")
	if _, err := Run(context.Background(), h, h[:1], Options{Strategy: "llm"}); err == nil || !strings.Contains(err.Error(), "needs an LLM configuration") {
		t.Errorf("llm strategy: %v", err)
	}
	// No history: every case gets the fallback, with no confidence.
	rep, err := Run(context.Background(), nil, h[:3], Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Predictions {
		if p.Predicted != "other" || p.Confidence != 0 {
			t.Errorf("cold start prediction %+v", p)
		}
	}
}
