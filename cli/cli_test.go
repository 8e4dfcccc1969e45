package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store/storetest"
)

// run runs the command with env vars and returns its exit code and output.
func runWithEnv(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Getenv: func(k string) string { return vars[k] }, Stdout: &out, Stderr: &errb}
	code := Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestUsageAndErrors(t *testing.T) {
	tests := []struct {
		args    []string
		vars    map[string]string
		code    int
		wantErr string
	}{
		{nil, nil, 2, "Usage: triage <command>"},
		{[]string{"help"}, nil, 0, "seed-demo"},
		{[]string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{[]string{"migrate"}, nil, 1, "DATABASE_URL is required"},
		{[]string{"migrate", "extra"}, nil, 2, `unexpected argument "extra"`},
		{[]string{"serve"}, map[string]string{"DATABASE_URL": "postgres://x@127.0.0.1:1/db"}, 1, "TRIAGE_SECRET_KEY must be at least 32 bytes"},
		{[]string{"form-link", "--tenant", "demo"}, nil, 2, "--tenant and --customer are required"},
		{[]string{"seed-demo", "--nope"}, nil, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, _, stderr := runWithEnv(t, tt.vars, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.wantErr) {
			t.Errorf("triage %v = %d %q, want %d and %q", tt.args, code, stderr, tt.code, tt.wantErr)
		}
	}
}

// TestSeedDemoAndFormLink seeds the demo on a fresh database, as make run
// does, and checks the data set is whole and the commands idempotent.
func TestSeedDemoAndFormLink(t *testing.T) {
	key := "0123456789abcdef0123456789abcdef"
	vars := map[string]string{"DATABASE_URL": storetest.URL(t), "TRIAGE_SECRET_KEY": key, "TRIAGE_LOG_LEVEL": "warn"}
	code, out, stderr := runWithEnv(t, vars, "seed-demo")
	if code != 0 {
		t.Fatalf("seed-demo = %d: %s", code, stderr)
	}
	// 40 customers, ~300 history, 30 pending replies, every one with its suggestion.
	for _, want := range []string{`demo tenant "demo": 40 customers`, "310 past qualifications", "30 pending replies, 30 suggestions"} {
		if !strings.Contains(out, want) {
			t.Errorf("seed-demo said %q, want %q", out, want)
		}
	}
	if code, out, _ := runWithEnv(t, vars, "seed-demo"); code != 0 || !strings.Contains(out, "already present") {
		t.Errorf("second seed-demo = %d %q", code, out)
	}
	code, out, stderr = runWithEnv(t, vars, "form-link", "--tenant", "demo", "--customer", "C10042", "--items", "F-2026-09405")
	if code != 0 || !strings.HasPrefix(out, "http://localhost:8080/form/v1.") {
		t.Fatalf("form-link = %d %q %s", code, out, stderr)
	}
	tok := strings.TrimSpace(strings.TrimPrefix(out, "http://localhost:8080/form/"))
	c, err := inbox.VerifyFormToken([]byte(key), tok, time.Now())
	if err != nil || len(c.Items) != 1 || c.Items[0] != "F-2026-09405" || time.Until(c.Expires) < 29*24*time.Hour {
		t.Errorf("form-link token: %+v %v", c, err)
	}
	code, out, _ = runWithEnv(t, vars, "api-token", "--tenant", "demo", "--name", "erp")
	if tok := strings.TrimSpace(out); code != 0 || inbox.HashAPIToken(tok) == "" {
		t.Errorf("api-token = %d %q, want a token", code, out)
	}
	if code, _, stderr := runWithEnv(t, vars, "api-token", "--tenant", "demo", "--name", "erp"); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Errorf("duplicate api-token = %d %q", code, stderr)
	}
	if code, out, _ := runWithEnv(t, vars, "api-token", "--tenant", "demo", "--name", "erp", "--revoke"); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("revoke = %d %q", code, out)
	}
	for _, bad := range [][]string{
		{"form-link", "--tenant", "nope", "--customer", "C10042"},
		{"form-link", "--tenant", "demo", "--customer", "C99999"},
		{"form-link", "--tenant", "demo", "--customer", "C10042", "--items", "F-0000"},
	} {
		if code, _, stderr := runWithEnv(t, vars, bad...); code != 1 || stderr == "" {
			t.Errorf("%v = %d %q, want a clear error", bad, code, stderr)
		}
	}
}
