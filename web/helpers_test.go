package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/config"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func testConfig() *config.Config {
	base, _ := url.Parse("http://localhost:8080")
	return &config.Config{BaseURL: base, SecretKey: testKey, SessionTTL: time.Hour, FormLinkTTL: time.Hour}
}

// newTestRouter builds the routes without a database: only handlers that
// never reach it may be exercised.
func newTestRouter(t *testing.T) (*server, *gin.Engine) {
	t.Helper()
	s, err := newServer(Deps{Config: testConfig()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.router()
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

func do(h http.Handler, method, target string, body url.Values, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	var req *http.Request
	if body != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(body.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func cookieNamed(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}
