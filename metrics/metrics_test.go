package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/suggest/llm"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetrics(t *testing.T) {
	pending := 7
	var failing bool
	m := New(func(context.Context) (int, error) {
		if failing {
			return 0, errors.New("db down")
		}
		return pending, nil
	}, &llm.Stats{})
	m.Ingested("imap", true)
	m.Ingested("imap", true)
	m.Ingested("api", false)
	m.Unreadable()
	m.Suggested("knn", 800*time.Microsecond)
	m.Suggested("llm", 2*time.Second)
	m.Qualified(true, nil)
	m.Qualified(true, []string{"comment"})
	m.Qualified(true, []string{"status", "items"})
	m.Qualified(false, nil)
	out := scrape(t, m)
	for _, want := range []string{
		`triage_replies_ingested_total{outcome="new",source="imap"} 2`,
		`triage_replies_ingested_total{outcome="retry",source="api"} 1`,
		`triage_messages_unreadable_total 1`,
		`triage_suggestion_seconds_bucket{strategy="knn",le="0.001"} 1`,
		`triage_suggestion_seconds_bucket{strategy="llm",le="1"} 0`,
		`triage_suggestion_seconds_count{strategy="llm"} 1`,
		`triage_qualifications_total{suggestion="accepted"} 1`,
		`triage_qualifications_total{suggestion="edited"} 1`,
		`triage_qualifications_total{suggestion="rejected"} 1`,
		`triage_qualifications_total{suggestion="none"} 1`,
		`triage_queue_pending 7`,
		`triage_llm_calls_total 0`,
		`triage_llm_tokens_total{kind="prompt"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	failing = true
	if out := scrape(t, m); !strings.Contains(out, "triage_queue_pending -1") {
		t.Error("a failing queue count is not shown as -1")
	}
}
