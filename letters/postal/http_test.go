package postal

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI is a postal REST API: it keeps letters by idempotency key, and
// can be told to fail the next requests.
type fakeAPI struct {
	t       *testing.T
	mu      sync.Mutex
	byKey   map[string]string // idempotency key → letter id
	letters map[string]sendRequest
	events  map[string]string // letter id → JSON of GET
	// fail, when set, answers the next POST instead of the API.
	fail func(w http.ResponseWriter, r *http.Request) bool
}

func newFakeAPI(t *testing.T) (*fakeAPI, *HTTP) {
	t.Helper()
	api := &fakeAPI{t: t, byKey: map[string]string{}, letters: map[string]sendRequest{}, events: map[string]string{}}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	h, err := NewHTTP(srv.URL+"/v1/", "s3cret-token", srv.Client())
	if err != nil {
		t.Fatalf("NewHTTP: %v", err)
	}
	h.now = func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) }
	return api, h
}

func (a *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer s3cret-token" {
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	a.mu.Lock()
	fail := a.fail
	a.fail = nil
	a.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/letters":
		var req sendRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		key := r.Header.Get("Idempotency-Key")
		a.mu.Lock()
		id, ok := a.byKey[key]
		if !ok {
			id = fmt.Sprintf("L-%04d", len(a.byKey)+1)
			a.byKey[key] = id
			a.letters[id] = req
		}
		a.mu.Unlock()
		if fail != nil && fail(w, r) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"id": %q, "status": "queued"}`, id)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/letters/"):
		a.mu.Lock()
		body, ok := a.events[strings.TrimPrefix(r.URL.Path, "/v1/letters/")]
		a.mu.Unlock()
		if !ok {
			http.Error(w, `{"error":"no such letter"}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, body)
	default:
		http.NotFound(w, r)
	}
}

func (a *fakeAPI) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.letters)
}

func TestHTTPSend(t *testing.T) {
	api, h := newFakeAPI(t)
	m := testMail(t, "triage-1-42")
	r, err := h.Send(t.Context(), m)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	want := Receipt{Provider: "http", Ref: "L-0001", Status: StatusQueued, At: time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)}
	if r != want {
		t.Errorf("receipt %+v, want %+v", r, want)
	}
	got := api.letters["L-0001"]
	pdf, err := base64.StdEncoding.DecodeString(got.PDF)
	if err != nil || !slices.Equal(pdf, m.PDF) {
		t.Errorf("the API received another PDF (%v)", err)
	}
	if got.ID != "triage-1-42" || got.Kind != "registered" || got.Pages != 1 || got.Recipient.Name != "Boulangerie Dupré SARL" ||
		!slices.Equal(got.Recipient.Lines, []string{"Mme Hélène Dupré", "8, avenue Jean-Jaurès", "13001 Marseille"}) {
		t.Errorf("request %+v", got)
	}
}

// TestHTTPSendRetryAfterDroppedAnswer: the API records the letter but the
// connection drops before the answer. The retry with the same key gets
// the same letter, not a second one.
func TestHTTPSendRetryAfterDroppedAnswer(t *testing.T) {
	api, h := newFakeAPI(t)
	api.fail = func(w http.ResponseWriter, r *http.Request) bool {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return false
		}
		conn.Close()
		return true
	}
	m := testMail(t, "triage-1-42")
	_, err := h.Send(t.Context(), m)
	if !errors.Is(err, ErrTemporary) {
		t.Fatalf("Send with a dropped answer: err = %v, want ErrTemporary", err)
	}
	r, err := h.Send(t.Context(), m)
	if err != nil || r.Ref != "L-0001" {
		t.Fatalf("retry = %+v, %v; want L-0001", r, err)
	}
	if n := api.count(); n != 1 {
		t.Errorf("%d letters at the API, want 1", n)
	}
}

func TestHTTPSendErrors(t *testing.T) {
	tests := []struct {
		name       string
		answer     func(w http.ResponseWriter)
		temporary  bool
		retryAfter time.Duration
		want       string
	}{
		{"validation refused", func(w http.ResponseWriter) {
			http.Error(w, `{"error": "adresse incomplète : code postal manquant"}`, http.StatusUnprocessableEntity)
		}, false, 0, "422 Unprocessable Entity: {\"error\": \"adresse incomplète : code postal manquant\"}"},
		{"forbidden", func(w http.ResponseWriter) { http.Error(w, "forbidden", http.StatusForbidden) }, false, 0, "403"},
		{"rate limited", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "120")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}, true, 2 * time.Minute, "429"},
		{"unavailable until a date", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", time.Date(2026, 3, 10, 9, 35, 0, 0, time.UTC).Format(http.TimeFormat))
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		}, true, 5 * time.Minute, "503"},
		{"server error", func(w http.ResponseWriter) { http.Error(w, "boom", http.StatusInternalServerError) }, true, 0, "500"},
		{"bad json", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html>Bienvenue</html>")
		}, true, 0, "not the expected JSON"},
		{"no id", func(w http.ResponseWriter) { fmt.Fprint(w, `{"status": "queued"}`) }, true, 0, "invalid reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, h := newFakeAPI(t)
			api.fail = func(w http.ResponseWriter, r *http.Request) bool { tt.answer(w); return true }
			_, err := h.Send(t.Context(), testMail(t, "triage-1-42"))
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if errors.Is(err, ErrTemporary) != tt.temporary {
				t.Errorf("err = %v: temporary %v, want %v", err, !tt.temporary, tt.temporary)
			}
			if got := RetryAfter(err); got != tt.retryAfter {
				t.Errorf("RetryAfter = %s, want %s", got, tt.retryAfter)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "triage-1-42") {
				t.Errorf("err = %v, want it to say %q and name the mail", err, tt.want)
			}
		})
	}
}

func TestHTTPSendTimeout(t *testing.T) {
	api, h := newFakeAPI(t)
	release := make(chan struct{})
	api.fail = func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-release:
		}
		return true
	}
	defer close(release)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := h.Send(ctx, testMail(t, "triage-1-42"))
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTemporary) {
		t.Fatalf("Send past its deadline: err = %v, want DeadlineExceeded and ErrTemporary", err)
	}
}

func TestHTTPTrack(t *testing.T) {
	api, h := newFakeAPI(t)
	api.events["L-0001"] = `{"id": "L-0001", "status": "acknowledged", "events": [
		{"status": "sent", "at": "2026-03-10T16:00:00Z", "detail": "remis à La Poste"},
		{"status": "acknowledged", "at": "2026-03-12T10:12:00+01:00", "detail": "AR signé"}]}`
	api.events["L-0002"] = `{"id": "L-0002", "status": "queued"}`
	api.events["L-0003"] = `{"id": "L-0003", "status": "lost_in_space"}`
	refs := []string{"L-0001", "L-0002", "L-0003", "L-0404"}
	got, err := h.Track(t.Context(), refs)
	if err == nil || !strings.Contains(err.Error(), "L-0404") || !strings.Contains(err.Error(), "404") ||
		!strings.Contains(err.Error(), `unknown status "lost_in_space"`) {
		t.Errorf("Track: err = %v, want the unknown letter and the unknown status named", err)
	}
	want := []Event{
		{Ref: "L-0001", Status: StatusSent, At: time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC), Detail: "remis à La Poste"},
		{Ref: "L-0001", Status: StatusAcknowledged, At: time.Date(2026, 3, 12, 10, 12, 0, 0, time.FixedZone("", 3600)), Detail: "AR signé"},
		{Ref: "L-0002", Status: StatusQueued, At: time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)},
	}
	if len(got) != len(want) {
		t.Fatalf("events\n%+v\nwant\n%+v", got, want)
	}
	for i := range want {
		if got[i].Ref != want[i].Ref || got[i].Status != want[i].Status || !got[i].At.Equal(want[i].At) || got[i].Detail != want[i].Detail {
			t.Errorf("event %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// nothing new the second time
	got, _ = h.Track(t.Context(), []string{"L-0001", "L-0002"})
	if len(got) != 0 {
		t.Errorf("second Track: %+v, want nothing new", got)
	}
	api.mu.Lock()
	api.events["L-0002"] = `{"id": "L-0002", "status": "returned", "events": [{"status": "returned", "at": "2026-03-15T08:00:00Z", "detail": "NPAI"}]}`
	api.mu.Unlock()
	got, err = h.Track(t.Context(), []string{"L-0001", "L-0002"})
	if err != nil || len(got) != 1 || got[0].Status != StatusReturned || got[0].Detail != "NPAI" {
		t.Errorf("Track after a return = %+v, %v", got, err)
	}
}

func TestNewHTTP(t *testing.T) {
	tests := []struct{ url, token string }{
		{"", "t"}, {"ftp://postal.example", "t"}, {"https://", "t"}, {"postal.example/api", "t"}, {"https://postal.example", ""},
	}
	for _, tt := range tests {
		if _, err := NewHTTP(tt.url, tt.token, nil); err == nil {
			t.Errorf("NewHTTP(%q, %q) accepted", tt.url, tt.token)
		}
	}
	if _, err := NewHTTP("https://api.postal.example/v2", "t", nil); err != nil {
		t.Errorf("NewHTTP of a valid URL: %v", err)
	}
}
