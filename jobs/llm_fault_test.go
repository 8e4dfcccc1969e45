package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/suggest/llm"
	"github.com/triage-ar/triage/triage"
)

// failingLLM is an OpenAI-compatible server that fails in a different way
// on each request, in order, and counts them.
type failingLLM struct {
	mu   sync.Mutex
	n    int
	srv  *httptest.Server
	hang chan struct{}
}

// malformed is a chat completion whose message is not the JSON asked for.
var malformed = func() string {
	b, _ := json.Marshal(map[string]any{"id": "c", "object": "chat.completion", "model": "m",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": `{"status": "promise_to_pay", "comment": "Nous paierons le 20`}}},
		"usage": map[string]any{"prompt_tokens": 900, "completion_tokens": 12, "total_tokens": 912}})
	return string(b)
}()

func startFailingLLM(t *testing.T) *failingLLM {
	t.Helper()
	f := &failingLLM{hang: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		f.mu.Lock()
		f.n++
		n := f.n
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch n {
		case 1, 2: // a truncated answer, then a truncated repair
			io.WriteString(w, malformed)
		case 3: // no answer before the call's deadline
			select {
			case <-r.Context().Done():
			case <-f.hang:
			}
		case 4: // rate limited, for longer than the call may wait
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded"}}`)
		default: // down
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"error":{"message":"internal error","type":"server_error"}}`)
		}
	}))
	t.Cleanup(func() { close(f.hang); f.srv.Close() })
	return f
}

func (f *failingLLM) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// TestFaultLLMFailuresStillSuggest runs the suggestion jobs of six replies
// through the LLM strategy while its server answers malformed JSON, times
// out, rate-limits and fails: each reply still gets a stored suggestion,
// from knn, every job completes, and the circuit breaker stops calling the
// server after three failures in a row.
func TestFaultLLMFailuresStillSuggest(t *testing.T) {
	db, dbURL := storetest.NewWithURL(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	tn, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	must(t, err)
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = tn.ID
		must(t, db.UpsertStatus(ctx, st, i))
	}
	cid, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: "C10042", Name: "Boulangerie Martin SARL",
		Lang: "fr", Emails: []string{"compta@boulangerie-martin.fr"}})
	must(t, err)
	due := triage.Day(time.Now()).AddDate(0, 0, -20)
	must(t, db.InsertItem(ctx, triage.Item{TenantID: tn.ID, CustomerID: cid, Kind: triage.ItemInvoice, Number: "F-2026-01187",
		Currency: "EUR", Issued: due.AddDate(0, 0, -30), Due: due, Amount: 1245.60, OpenAmount: 1245.60}))

	server := startFailingLLM(t)
	stats := &llm.Stats{}
	client, err := llm.NewClient(llm.Config{BaseURL: server.srv.URL + "/v1", Model: "gpt-test", Timeout: 500 * time.Millisecond,
		MaxRetries: 1, Schema: llm.SchemaJSONObject}, llm.Options{Stats: stats})
	must(t, err)
	models := suggest.NewModels(db, suggest.HashEmbedder{}, suggest.ModelsOptions{Log: log})
	t.Cleanup(models.Close)
	knn := suggest.KNN{Embedder: suggest.HashEmbedder{}, Index: db, Models: models}
	strategy := &llm.Strategy{Client: client, Base: knn, Breaker: &llm.Breaker{Threshold: 3, Cooldown: time.Hour},
		Stats: stats, Logger: log}
	svc := triage.NewService(db, strategy, suggest.HashEmbedder{}, log)

	texts := []string{
		"Bonjour, la facture F-2026-01187 sera réglée le 20 mars par virement.",
		"Hello, we dispute invoice F-2026-01187: the agreed discount is missing.",
		"Nous avons déjà payé cette facture le 2 mars, voir la remise jointe.",
		"Please send us a copy of invoice F-2026-01187, we cannot find it.",
		"Le responsable des paiements est absent jusqu'au 15, merci de patienter.",
		"We will pay F-2026-01187 at the end of the month.",
	}
	replies := make([]triage.Reply, len(texts))
	for i, text := range texts {
		replies[i], err = svc.Ingest(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceIMAP, CustomerID: &cid,
			MessageID: fmt.Sprintf("<llm-fault-%d@boulangerie-martin.fr>", i), From: "compta@boulangerie-martin.fr",
			Subject: "RE: Relance F-2026-01187", Text: text, ReceivedAt: time.Now()})
		must(t, err)
	}
	w := &jobs.Worker{DB: db, Service: svc, Log: log}
	if n, err := w.Drain(ctx); err != nil || n != len(texts) {
		t.Fatalf("drained %d jobs, %v; want %d", n, err, len(texts))
	}

	for i, r := range replies {
		sg, err := db.LatestSuggestion(ctx, tn.ID, r.ID)
		if err != nil {
			t.Errorf("reply %d: no suggestion stored: %v", i, err)
			continue
		}
		if sg.Strategy != "knn" || sg.Status == "" {
			t.Errorf("reply %d: suggestion %s/%q, want a knn one", i, sg.Strategy, sg.Status)
		}
	}
	conn, err := pgx.Connect(ctx, dbURL)
	must(t, err)
	defer conn.Close(ctx)
	var unfinished int
	must(t, conn.QueryRow(ctx, `SELECT count(*) FROM job WHERE tenant_id = $1 AND (done_at IS NULL OR dead)`, tn.ID).Scan(&unfinished))
	if unfinished != 0 {
		t.Errorf("%d jobs not done", unfinished)
	}
	// Requests: the answer and its repair, the timeout, the 429 (not
	// waited for), the 500 and its retry; then the breaker is open.
	if n := server.requests(); n != 6 {
		t.Errorf("%d requests to the LLM server, want 6", n)
	}
	st := stats.Snapshot()
	want := map[string]int64{llm.ReasonInvalid: 1, llm.ReasonTransport: 3, llm.ReasonBreakerOpen: 2}
	for reason, n := range want {
		if st.Fallbacks[reason] != n {
			t.Errorf("fallbacks %v, want %v", st.Fallbacks, want)
			break
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
