package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestAnonCSRFToken(t *testing.T) {
	cookie := strings.Repeat("ab", 32)
	tok := anonCSRFToken(testKey, cookie)
	if len(tok) != 64 || tok != anonCSRFToken(testKey, cookie) {
		t.Fatalf("token %q is not a stable hex SHA-256", tok)
	}
	if tok == anonCSRFToken(testKey, strings.Repeat("cd", 32)) {
		t.Error("two cookies share a token")
	}
	if tok == anonCSRFToken([]byte("another key another key another k"), cookie) {
		t.Error("the token does not depend on the key")
	}
	tests := []struct {
		name          string
		cookie, field string
		want          bool
	}{
		{"matching", cookie, tok, true},
		{"no cookie", "", anonCSRFToken(testKey, ""), false},
		{"no field", cookie, "", false},
		{"cookie value as field", cookie, cookie, false},
		{"other cookie's token", strings.Repeat("cd", 32), tok, false},
		{"upper-case hex", cookie, strings.ToUpper(tok), false},
		{"truncated", cookie, tok[:63], false},
	}
	for _, tt := range tests {
		if got := validAnonCSRF(testKey, tt.cookie, tt.field); got != tt.want {
			t.Errorf("%s: validAnonCSRF = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidSessionCSRF(t *testing.T) {
	tests := []struct {
		want, got string
		ok        bool
	}{
		{"abc123", "abc123", true},
		{"abc123", "abc124", false},
		{"abc123", "abc12", false},
		{"abc123", "", false},
		{"", "", false}, // a session without a token accepts nothing
	}
	for _, tt := range tests {
		if got := validSessionCSRF(tt.want, tt.got); got != tt.ok {
			t.Errorf("validSessionCSRF(%q, %q) = %v", tt.want, tt.got, got)
		}
	}
}

var csrfFieldPattern = regexp.MustCompile(`name="csrf" value="([0-9a-f]{64})"`)

func TestRequireAnonCSRF(t *testing.T) {
	s, r := newTestRouter(t)
	r.POST("/test-anon", s.requireAnonCSRF, func(c *gin.Context) { c.String(http.StatusOK, "passed") })

	page := do(r, http.MethodGet, "/login", nil)
	cookie := cookieNamed(page, csrfCookie)
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
		t.Fatalf("login page set CSRF cookie %+v", cookie)
	}
	m := csrfFieldPattern.FindStringSubmatch(page.Body.String())
	if m == nil {
		t.Fatal("login form has no csrf field")
	}
	field := m[1]
	if field != anonCSRFToken(testKey, cookie.Value) {
		t.Fatal("the form's token is not the HMAC of the cookie")
	}
	other := &http.Cookie{Name: csrfCookie, Value: strings.Repeat("0", 64)}
	tests := []struct {
		name    string
		form    url.Values
		cookies []*http.Cookie
		want    int
	}{
		{"cookie and token", url.Values{"csrf": {field}}, []*http.Cookie{cookie}, http.StatusOK},
		{"no token", url.Values{}, []*http.Cookie{cookie}, http.StatusForbidden},
		{"no cookie", url.Values{"csrf": {field}}, nil, http.StatusForbidden},
		{"another cookie", url.Values{"csrf": {field}}, []*http.Cookie{other}, http.StatusForbidden},
		{"token of another cookie", url.Values{"csrf": {anonCSRFToken(testKey, other.Value)}}, []*http.Cookie{cookie}, http.StatusForbidden},
	}
	for _, tt := range tests {
		w := do(r, http.MethodPost, "/test-anon", tt.form, tt.cookies...)
		if w.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.want)
		}
		if tt.want == http.StatusForbidden && !strings.Contains(w.Body.String(), "Action refusée") {
			t.Errorf("%s: the 403 page does not explain itself:\n%s", tt.name, w.Body)
		}
	}
}

func TestRequireAnonCSRFBodyTooLarge(t *testing.T) {
	s, r := newTestRouter(t)
	r.POST("/test-anon", s.requireAnonCSRF, func(c *gin.Context) { c.String(http.StatusOK, "passed") })
	w := do(r, http.MethodPost, "/test-anon", url.Values{"text": {strings.Repeat("x", maxBody)}})
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", w.Code)
	}
}

func TestRequireSessionCSRFNeedsSession(t *testing.T) {
	s, r := newTestRouter(t)
	r.POST("/test-session", s.requireSessionCSRF, func(c *gin.Context) { c.String(http.StatusOK, "passed") })
	if w := do(r, http.MethodPost, "/test-session", url.Values{"csrf": {""}}); w.Code != http.StatusForbidden {
		t.Errorf("status %d without a session, want 403", w.Code)
	}
}
