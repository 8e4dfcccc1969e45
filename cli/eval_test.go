package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

const (
	tinyHistory = "../evals/testdata/tiny-history.jsonl"
	tinySet     = "../evals/testdata/tiny-set.jsonl"
	tinyGolden  = "../evals/testdata/tiny.golden" // written by the evals tests (-update)
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	env := &Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &errb}
	code = Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// maskTimings replaces the machine-dependent figures with "#", as the
// golden file has them.
func maskTimings(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "latency ") || strings.HasPrefix(l, "training ") {
			lines[i] = strings.Fields(l)[0] + " #"
		}
	}
	return strings.Join(lines, "\n")
}

func TestEvalText(t *testing.T) {
	code, out, errs := runCLI("eval", "--history", tinyHistory, "--set", tinySet, "--starter", "off")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if errs != "" {
		t.Errorf("stderr is not a terminal, yet: %q", errs)
	}
	want, err := os.ReadFile(tinyGolden)
	if err != nil {
		t.Fatal(err)
	}
	if got := maskTimings(out); got != string(want) {
		t.Errorf("eval output differs from %s:\n%s", tinyGolden, got)
	}
}

func TestEvalJSON(t *testing.T) {
	code, out, errs := runCLI("eval", "--history", tinyHistory, "--set", tinySet, "--json", "--k", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n"); n != 0 {
		t.Errorf("--json printed %d lines, want one object", n+1)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, k := range []string{"cases", "accuracy", "macro_f1", "latency_ms", "per_status", "confusion", "ece"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	lat, _ := rep["latency_ms"].(map[string]any)
	for _, k := range []string{"p50", "p99"} {
		if _, ok := lat[k].(float64); !ok {
			t.Errorf("latency_ms.%s missing: %v", k, lat)
		}
	}
	if rep["cases"] != 14.0 {
		t.Errorf("cases = %v", rep["cases"])
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"eval", "--set", tinySet}, 2, "--history and --set are required"},
		{[]string{"eval", "--history", tinyHistory, "--set", tinySet, "--k", "0"}, 2, "--k must be positive"},
		{[]string{"eval", "--history", "nope.jsonl", "--set", tinySet}, 1, "nope.jsonl"},
		{[]string{"eval", "--history", tinyHistory, "--set", tinySet, "--strategy", "llm"}, 1, "needs TRIAGE_LLM_BASE_URL"},
		{[]string{"eval", "--history", tinyHistory, "--set", tinyGolden}, 1, "line 1"},
		{[]string{"eval", "--history", tinyHistory, "--set", tinySet, "--starter", "maybe"}, 2, "--starter must be on, off or auto"},
		{[]string{"eval", "--history", tinyHistory, "--set", tinySet, "--curve", "0,x"}, 2, `--curve: "x"`},
		{[]string{"eval", "--history", tinyHistory, "--set", tinySet, "--baseline", tinySet}, 1, "not a report written by triage eval --json"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("%q: exit %d, %q; want %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}

// TestEvalPredictionsBaseline writes predictions and a JSON report, then
// compares a second run with it: the same run compares as no change.
func TestEvalPredictionsBaseline(t *testing.T) {
	dir := t.TempDir()
	preds, base := dir+"/p.jsonl", dir+"/base.json"
	code, out, errs := runCLI("eval", "--history", tinyHistory, "--set", tinySet, "--json", "--predictions", preds)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if err := os.WriteFile(base, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(preds)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 14 {
		t.Fatalf("%d prediction lines, want 14", len(lines))
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "lang", "status", "predicted", "confidence"} {
		if _, ok := p[k]; !ok {
			t.Errorf("prediction line lacks %q: %s", k, lines[0])
		}
	}
	code, out, errs = runCLI("eval", "--history", tinyHistory, "--set", tinySet, "--baseline", base)
	if code != 0 || !strings.Contains(out, "verdict    NO SIGNIFICANT CHANGE") || !strings.Contains(out, "0 fixed, 0 broken") {
		t.Errorf("exit %d, %s\n%s", code, errs, out)
	}
}

// TestEvalCurve: the starter alone (history size 0) already knows the
// statuses, and the curve has one line per size.
func TestEvalCurve(t *testing.T) {
	code, out, errs := runCLI("eval", "--history", tinyHistory, "--set", tinySet, "--curve", "0,5,1000", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Cases int
		Prior int
		Curve []struct {
			N        int
			Accuracy float64
			PerLang  map[string]struct{ Cases int } `json:"per_lang"`
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Cases != 14 || res.Prior < 300 || len(res.Curve) != 3 || res.Curve[2].N != 40 {
		t.Fatalf("curve %+v", res)
	}
	if res.Curve[0].Accuracy < 0.5 || res.Curve[0].PerLang["fr"].Cases != 9 {
		t.Errorf("starter only: %+v", res.Curve[0])
	}
}

// TestEvalLLM runs `triage eval --strategy llm` against an OpenAI-compatible
// test server that always answers "price_dispute": every case gets it, and
// the tokens are counted.
func TestEvalLLM(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		answer := `{"status":"price_dispute","comment":"Le client conteste le prix.","items":[],"item_statuses":null,"follow_up_date":null,"confidence":0.8}`
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"id": "x", "object": "chat.completion", "model": "test",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": answer}}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}})
	}))
	defer srv.Close()
	vars := map[string]string{"TRIAGE_LLM_BASE_URL": srv.URL + "/v1", "TRIAGE_LLM_MODEL": "test", "TRIAGE_LOG_LEVEL": "error"}
	code, out, errs := runWithEnv(t, vars, "eval", "--history", tinyHistory, "--set", tinySet, "--strategy", "llm", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Strategy    string
		Tokens      int
		Predictions []struct{ Predicted string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Strategy != "llm" || rep.Tokens != 14*120 || calls.Load() != 14 {
		t.Errorf("strategy %s, %d tokens, %d calls", rep.Strategy, rep.Tokens, calls.Load())
	}
	for _, p := range rep.Predictions {
		if p.Predicted != "price_dispute" {
			t.Errorf("prediction %q, want the LLM's price_dispute", p.Predicted)
		}
	}
}
