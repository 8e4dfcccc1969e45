package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
)

// apiCall posts body to the replies API with a token and returns the status
// and the decoded JSON answer.
func (f *fixture) apiCall(token, contentType, idem, body string) (int, map[string]any) {
	f.t.Helper()
	return f.apiDo(http.MethodPost, "/api/v1/replies", token, contentType, idem, body)
}

// apiDo sends any API request and returns the status and the decoded answer.
func (f *fixture) apiDo(method, path, token, contentType, idem, body string) (int, map[string]any) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	must(f.t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", contentType)
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	resp, err := http.DefaultClient.Do(req)
	must(f.t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		f.t.Fatalf("API answered %d with non-JSON %q", resp.StatusCode, b)
	}
	return resp.StatusCode, out
}

func (f *fixture) apiToken(tenantID int64, name string) string {
	f.t.Helper()
	tok, hash := inbox.NewAPIToken()
	must(f.t, f.db.CreateAPIToken(context.Background(), tenantID, name, hash))
	return tok
}

func TestAPIPostReply(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok := f.apiToken(f.acme.ID, "erp")

	// Authentication.
	for _, bad := range []string{"", "trg_short", "trg_" + strings.Repeat("A", 43)} {
		if st, p := f.apiCall(bad, "application/json", "", `{"text":"x"}`); st != http.StatusUnauthorized || p["title"] == nil {
			t.Errorf("token %q: %d %v", bad, st, p)
		}
	}

	// A structured reply, matched by customer code, stored once whatever the retries.
	body := `{"from":"compta@boulangerie-martin.fr","subject":"Facture F-2026-01187","customer_code":"C10042",
		"text":"Bonjour, le virement pour la F-2026-01187 partira vendredi.","items":["F-2026-01187"]}`
	st, first := f.apiCall(tok, "application/json", "erp-msg-000123", body)
	if st != http.StatusCreated || first["state"] != "pending" || first["customer_id"] != float64(f.customer.ID) {
		t.Fatalf("create: %d %v", st, first)
	}
	st, again := f.apiCall(tok, "application/json", "erp-msg-000123", body)
	if st != http.StatusOK || again["id"] != first["id"] {
		t.Errorf("retry: %d %v, want 200 and reply %v", st, again, first["id"])
	}
	r, err := f.db.Reply(ctx, f.acme.ID, int64(first["id"].(float64)))
	if err != nil || r.Source != "api" || r.Lang != "fr" || len(r.ItemRefs) != 1 {
		t.Errorf("stored reply = %+v, %v", r, err)
	}

	// Matching by sender address when no customer code is given.
	st, bySender := f.apiCall(tok, "application/json", "", `{"from":"Boulangerie <COMPTA@boulangerie-martin.fr>","text":"payé hier"}`)
	if st != http.StatusCreated || bySender["customer_id"] != float64(f.customer.ID) {
		t.Errorf("sender match: %d %v", st, bySender)
	}

	// A raw message, parsed like a mailbox's.
	raw, err := os.ReadFile("../inbox/testdata/eml/" + firstEML(t))
	must(t, err)
	if st, p := f.apiCall(tok, "message/rfc822", "", string(raw)); st != http.StatusCreated || p["id"] == nil {
		t.Errorf("raw message: %d %v", st, p)
	}

	// Validation errors are problem details naming the field.
	tests := []struct {
		ct, idem, body, field string
		status                int
	}{
		{"application/json", "", `{"text":""}`, "text", http.StatusUnprocessableEntity},
		{"application/json", "", `{"text":"x","customer_code":"G1"}`, "customer_code", http.StatusUnprocessableEntity}, // another tenant's customer
		{"application/json", "", `{"text":"x","received_at":"2999-01-01T00:00:00Z"}`, "received_at", http.StatusUnprocessableEntity},
		{"application/json", "bad key!", `{"text":"x"}`, "Idempotency-Key", http.StatusUnprocessableEntity},
		{"application/json", "", `{"text":"x","colour":"red"}`, "body", http.StatusBadRequest},
		{"application/json", "", `{"text":`, "body", http.StatusBadRequest},
		{"message/rfc822", "", "\x00\x01 not a message", "body", http.StatusUnprocessableEntity},
		{"text/plain", "", "hello", "Content-Type", http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		st, p := f.apiCall(tok, tt.ct, tt.idem, tt.body)
		if st != tt.status || p["field"] != tt.field || p["status"] != float64(tt.status) {
			t.Errorf("%s %q: %d %v, want %d naming %s", tt.ct, tt.body, st, p, tt.status, tt.field)
		}
	}

	// A revoked token is refused.
	must(t, f.db.RevokeAPIToken(ctx, f.acme.ID, "erp"))
	if st, _ := f.apiCall(tok, "application/json", "", `{"text":"x"}`); st != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", st)
	}
}

// firstEML names a plain French reply of the parser's test corpus.
func firstEML(t *testing.T) string {
	t.Helper()
	ents, err := os.ReadDir("../inbox/testdata/eml")
	must(t, err)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".eml") {
			return e.Name()
		}
	}
	t.Fatal("no .eml in inbox/testdata/eml")
	return ""
}
