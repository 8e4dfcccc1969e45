package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// CSRF protection. Every state-changing form carries a hidden "csrf" field:
//   - for a logged-in user, the random token stored with the session;
//   - on anonymous forms (login, customer web form), a double-submit token:
//     a random triage_csrf cookie, and in the form the HMAC of that cookie
//     under the server's secret, which another site can neither read nor forge.
const (
	csrfField  = "csrf"
	csrfCookie = "triage_csrf"
)

// anonCSRFToken derives the form token of an anonymous CSRF cookie.
func anonCSRFToken(key []byte, cookie string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf\x00"))
	m.Write([]byte(cookie))
	return hex.EncodeToString(m.Sum(nil))
}

// validAnonCSRF reports whether field is the token of a non-empty cookie.
func validAnonCSRF(key []byte, cookie, field string) bool {
	if cookie == "" || field == "" {
		return false
	}
	return hmac.Equal([]byte(anonCSRFToken(key, cookie)), []byte(field))
}

// validSessionCSRF compares a posted token with the session's, in constant time.
func validSessionCSRF(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// anonCSRF returns the token an anonymous form must carry, setting the
// cookie first if the browser has none.
func (s *server) anonCSRF(c *gin.Context) string {
	v, err := c.Cookie(csrfCookie)
	if err != nil || len(v) != 64 {
		v = randomHex(32)
		s.setCookie(c, csrfCookie, v, 0)
	}
	return anonCSRFToken(s.cfg.SecretKey, v)
}

// requireAnonCSRF guards anonymous POSTs with the double-submit token.
func (s *server) requireAnonCSRF(c *gin.Context) {
	if !s.parseForm(c) {
		return
	}
	cookie, _ := c.Cookie(csrfCookie)
	if !validAnonCSRF(s.cfg.SecretKey, cookie, postForm(c).Get(csrfField)) {
		s.logOf(c).WarnContext(c.Request.Context(), "web: anonymous CSRF check failed", "has_cookie", cookie != "")
		s.errorPage(c, http.StatusForbidden, "csrf")
		return
	}
	c.Next()
}

// requireSessionCSRF guards a logged-in user's POSTs with the session's token.
func (s *server) requireSessionCSRF(c *gin.Context) {
	if !s.parseForm(c) {
		return
	}
	sess, ok := sessionOf(c)
	if !ok || !validSessionCSRF(sess.CSRF, postForm(c).Get(csrfField)) {
		s.logOf(c).WarnContext(c.Request.Context(), "web: session CSRF check failed")
		s.errorPage(c, http.StatusForbidden, "csrf")
		return
	}
	c.Next()
}

// postForm returns the posted form, parsing it if no middleware did; a
// parse error was already answered by the CSRF middleware of every POST route.
func postForm(c *gin.Context) url.Values {
	c.Request.ParseForm()
	return c.Request.PostForm
}

// parseForm reads the posted form, answering 413 when it is over the body
// limit and 400 when it cannot be parsed or a field is not text (see
// textValues); it reports whether to go on.
func (s *server) parseForm(c *gin.Context) bool {
	var err error
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt == "multipart/form-data" {
		// Files beyond a megabyte go to temporary files, which net/http
		// removes when the request ends.
		err = c.Request.ParseMultipartForm(1 << 20)
	} else {
		err = c.Request.ParseForm()
	}
	if err == nil && textValues(c.Request.PostForm) {
		return true
	}
	if err == nil {
		err = errors.New("a field holds a NUL byte or invalid UTF-8")
	}
	s.logOf(c).WarnContext(c.Request.Context(), "web: unreadable form", "err", err)
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		s.errorPage(c, http.StatusRequestEntityTooLarge, "toolarge")
	} else {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
	}
	return false
}
