package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestNewChecksDeps(t *testing.T) {
	if _, err := New(Deps{}); err == nil || !strings.HasPrefix(err.Error(), "web: ") {
		t.Errorf("New without config = %v", err)
	}
	if _, err := New(Deps{Config: testConfig()}); err == nil {
		t.Error("New without a database succeeded")
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	_, r := newTestRouter(t)
	for _, path := range []string{"/healthz", "/login", "/no-such-page", "/queue"} {
		w := do(r, http.MethodGet, path, nil)
		h := w.Header()
		if got := h.Get("Content-Security-Policy"); got != contentSecurityPolicy || strings.Contains(got, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestHealthzAndNotFound(t *testing.T) {
	_, r := newTestRouter(t)
	if w := do(r, http.MethodGet, "/healthz", nil); w.Code != http.StatusOK || w.Body.String() != "ok" {
		t.Errorf("healthz = %d %q", w.Code, w.Body)
	}
	w := do(r, http.MethodGet, "/no-such-page", nil)
	if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "Page introuvable") {
		t.Errorf("404 page = %d\n%s", w.Code, w.Body)
	}
}

func TestStaffPagesNeedLogin(t *testing.T) {
	_, r := newTestRouter(t)
	for _, tt := range []struct{ method, path string }{
		{http.MethodGet, "/"}, {http.MethodGet, "/queue"}, {http.MethodGet, "/replies/1"},
		{http.MethodPost, "/replies/1/qualify"}, {http.MethodPost, "/replies/1/validate"},
		{http.MethodPost, "/replies/1/delete"}, {http.MethodPost, "/logout"},
	} {
		var body url.Values
		if tt.method == http.MethodPost {
			body = url.Values{}
		}
		w := do(r, tt.method, tt.path, body)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Errorf("%s %s = %d → %q, want 303 → /login", tt.method, tt.path, w.Code, w.Header().Get("Location"))
		}
	}
}

func TestStaticAssets(t *testing.T) {
	s, r := newTestRouter(t)
	for _, name := range []string{"app.css", "queue.js"} {
		u, err := s.assets.url(name)
		if err != nil {
			t.Fatal(err)
		}
		if u == "/static/"+name || !strings.HasPrefix(u, "/static/") {
			t.Errorf("%s is served without a content hash: %s", name, u)
		}
		w := do(r, http.MethodGet, u, nil)
		if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") || w.Body.Len() == 0 {
			t.Errorf("%s: %d %v", u, w.Code, w.Header())
		}
		ct := w.Header().Get("Content-Type")
		if (name == "app.css" && !strings.HasPrefix(ct, "text/css")) || (name == "queue.js" && !strings.Contains(ct, "javascript")) {
			t.Errorf("%s: Content-Type %q", u, ct)
		}
	}
	if _, err := s.assets.url("nope.css"); err == nil {
		t.Error("url of a missing file succeeded")
	}
	if w := do(r, http.MethodGet, "/static/app.0000000000.css", nil); w.Code != http.StatusNotFound {
		t.Errorf("stale hash = %d, want 404", w.Code)
	}
	page := do(r, http.MethodGet, "/login", nil).Body.String()
	if css, _ := s.assets.url("app.css"); !strings.Contains(page, `href="`+css+`"`) {
		t.Error("pages do not link the hashed stylesheet")
	}
}

func TestPanicsBecome500(t *testing.T) {
	_, r := newTestRouter(t)
	r.GET("/boom", func(c *gin.Context) { panic("secret detail in a panic") })
	w := do(r, http.MethodGet, "/boom", nil)
	body := w.Body.String()
	if w.Code != http.StatusInternalServerError || !strings.Contains(body, "Une erreur inattendue") {
		t.Errorf("panic page = %d\n%s", w.Code, body)
	}
	if strings.Contains(body, "secret detail") || strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
		t.Errorf("the 500 page leaks the panic:\n%s", body)
	}
	if w.Header().Get("Content-Security-Policy") == "" {
		t.Error("the 500 page lost the security headers")
	}
}

func TestFormURL(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"https://triage.example.com", "https://triage.example.com/form/v1.abc.def"},
		{"https://example.com/triage/", "https://example.com/triage/form/v1.abc.def"},
		{"http://localhost:8080?x=1", "http://localhost:8080/form/v1.abc.def"},
	} {
		u, _ := url.Parse(tt.base)
		if got := FormURL(u, "v1.abc.def"); got != tt.want {
			t.Errorf("FormURL(%s) = %s, want %s", tt.base, got, tt.want)
		}
	}
}

func TestQueueReturnStaysOnTheQueue(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		ok   bool
	}{
		{"/queue?mine=1", "/queue?mine=1", true},
		{"/queue?mine=0&after=1700000000000000000_12", "/queue?after=1700000000000000000_12&mine=0", true},
		{"/queue?after=junk", "/queue?mine=0", true},
		{"", "", false},
		{"https://evil.example/queue", "", false},
		{"//evil.example/queue", "", false},
		{"/replies/3", "", false},
	}
	for _, tt := range tests {
		got, ok := queueReturn(tt.raw)
		if got != tt.want || ok != tt.ok {
			t.Errorf("queueReturn(%q) = %q %v, want %q %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := parseCursor("1763367120123456000_42")
	if c == nil || c.ID != 42 || c.ReceivedAt.UnixNano() != 1763367120123456000 {
		t.Fatalf("parseCursor = %+v", c)
	}
	if got := formatCursor(c.ReceivedAt, c.ID); got != "1763367120123456000_42" {
		t.Errorf("formatCursor = %s", got)
	}
	for _, bad := range []string{"", "12", "a_1", "1_b", "1_0", "1_-3"} {
		if parseCursor(bad) != nil {
			t.Errorf("parseCursor(%q) accepted", bad)
		}
	}
}
