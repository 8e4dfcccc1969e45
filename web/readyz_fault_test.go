package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/logging"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
	"github.com/triage-ar/triage/web"
)

// syncBuffer is a log destination the server's goroutines share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines decodes the JSON log lines written so far.
func (s *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(s.b.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

// readyServer serves triage on db with pollers in the given states and JSON logs.
func readyServer(t *testing.T, db *store.DB, now time.Time, states []inbox.PollerState) (*httptest.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	log := slog.New(logging.Handler(slog.NewJSONHandler(logs, nil))) // as cli wires it
	base, _ := url.Parse("http://triage.test")
	cfg := &config.Config{BaseURL: base, SecretKey: []byte("an integration test secret key, 32+ bytes"), SessionTTL: time.Hour}
	h, err := web.New(web.Deps{Config: cfg, DB: db, Service: triage.NewService(db, fakeSuggester{}, fakeEmbedder{}, log), Log: log,
		Now: func() time.Time { return now }, Pollers: func() []inbox.PollerState { return states }, PollerGrace: 10 * time.Minute})
	must(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

func TestFaultReadyzNamesFailingPollers(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	connected := inbox.PollerState{MailboxID: 1, TenantID: 1, Mailbox: "relances@acme.fr", State: inbox.PollerConnected, Since: now.Add(-time.Hour)}
	standby := inbox.PollerState{MailboxID: 2, TenantID: 1, Mailbox: "ar@acme.com", State: inbox.PollerStandby, Since: now.Add(-time.Hour)}
	brief := inbox.PollerState{MailboxID: 3, TenantID: 2, Mailbox: "compta@globex.example", State: inbox.PollerBackingOff,
		Since: now.Add(-time.Minute), FailingSince: now.Add(-2 * time.Minute), LastError: "dial tcp 10.0.0.5:993: connection refused"}
	long := brief
	long.MailboxID, long.FailingSince = 4, now.Add(-11*time.Minute)
	db := storetest.New(t)
	never := inbox.PollerState{MailboxID: 5, TenantID: 2, Mailbox: "factures@globex.example", State: inbox.PollerStarting,
		Since: now.Add(-20 * time.Minute), FailingSince: now.Add(-20 * time.Minute)}
	for _, tt := range []struct {
		name    string
		states  []inbox.PollerState
		status  int
		failing string
	}{
		{"no mailbox", nil, http.StatusOK, "[]"},
		{"connected and standby", []inbox.PollerState{connected, standby}, http.StatusOK, "[]"},
		{"backing off within the grace", []inbox.PollerState{connected, brief}, http.StatusOK, "[]"},
		{"failing past the grace", []inbox.PollerState{connected, brief, long}, http.StatusServiceUnavailable, "[poller:4]"},
		{"never connected", []inbox.PollerState{never}, http.StatusServiceUnavailable, "[poller:5]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, logs := readyServer(t, db, now, tt.states)
			got := getJSON(t, srv.URL+"/readyz")
			if got.status != tt.status || fmt.Sprint(got.body["failing"]) != tt.failing || got.body["ready"] != (tt.status == http.StatusOK) {
				t.Errorf("readyz = %d %v, want %d failing %s", got.status, got.body, tt.status, tt.failing)
			}
			if db, _ := got.body["database"].(map[string]any); db["ok"] != true {
				t.Errorf("database = %v, want ok", got.body["database"])
			}
			if ps, _ := got.body["pollers"].([]any); len(ps) != len(tt.states) {
				t.Errorf("%d pollers in %v, want %d", len(ps), got.body["pollers"], len(tt.states))
			}
			raw, _ := json.Marshal(got.body)
			if strings.Contains(string(raw), "@") || strings.Contains(string(raw), "refused") {
				t.Errorf("the anonymous probe shows mailbox names or errors: %s", raw)
			}
			if tt.status != http.StatusOK {
				var warned bool
				for _, l := range logs.lines(t) {
					warned = warned || l["msg"] == "web: not ready: a mailbox poller keeps failing" && l["mailbox"] != nil
				}
				if !warned {
					t.Error("no log line names the failing mailbox")
				}
			}
		})
	}
}

func TestFaultRequestIDInEveryLogLine(t *testing.T) {
	now := time.Now()
	failing := inbox.PollerState{MailboxID: 7, TenantID: 1, Mailbox: "relances@acme.fr", State: inbox.PollerBackingOff,
		Since: now, FailingSince: now.Add(-time.Hour), LastError: "imap: BYE server shutting down"}
	db := storetest.New(t)
	srv, logs := readyServer(t, db, now, []inbox.PollerState{failing})
	for _, tt := range []struct {
		name, sent string
		kept       bool
	}{
		{"from the proxy", "req-7f3a9c2e.01", true},
		{"too long", strings.Repeat("a", 65), false},
		{"not an id", "x\" injected=1", false},
		{"none", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/readyz", nil)
			must(t, err)
			if tt.sent != "" {
				req.Header.Set("X-Request-ID", tt.sent)
			}
			resp, err := http.DefaultClient.Do(req)
			must(t, err)
			resp.Body.Close()
			id := resp.Header.Get("X-Request-Id")
			if tt.kept && id != tt.sent || !tt.kept && (id == "" || id == tt.sent) {
				t.Fatalf("sent %q, response id %q", tt.sent, id)
			}
			var msgs []string
			for _, l := range logs.lines(t) {
				if l["request_id"] == id {
					msgs = append(msgs, l["msg"].(string))
				}
			}
			if strings.Join(msgs, "|") != "web: not ready: a mailbox poller keeps failing|http request" {
				t.Errorf("log lines with request id %q: %q, want the warning and the request line", id, msgs)
			}
		})
	}
}

// TestFaultRequestIDInWorkflowLogs posts a reply through the API: the
// workflow's own log line of the request carries the request's id too.
func TestFaultRequestIDInWorkflowLogs(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	must(t, err)
	tok, hash := inbox.NewAPIToken()
	must(t, db.CreateAPIToken(ctx, tn.ID, "erp", hash))
	srv, logs := readyServer(t, db, time.Now(), nil)
	body := `{"from":"compta@boulangerie-martin.fr","subject":"RE: Relance F-2026-01187","text":"Bonjour, le virement partira vendredi."}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/replies", strings.NewReader(body))
	must(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-ID", "erp-batch-42.7")
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("API post = %d", resp.StatusCode)
	}
	var msgs []string
	for _, l := range logs.lines(t) {
		if l["request_id"] == "erp-batch-42.7" {
			msgs = append(msgs, l["msg"].(string))
		}
	}
	if !slices.Contains(msgs, "reply ingested") || !slices.Contains(msgs, "http request") {
		t.Errorf("log lines of the request: %q, want the workflow's \"reply ingested\" and the request line", msgs)
	}
}
