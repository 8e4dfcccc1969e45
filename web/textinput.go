package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// Requests are text: a NUL byte or invalid UTF-8 in a query string or a
// posted field is no search anyone typed, and the store refuses both in
// text columns. They are answered 400 before any handler sees them, rather
// than failing deep in a query as a 500.

// rejectUnreadableQuery answers 400 to a request whose query string holds a
// NUL byte or invalid UTF-8.
func (s *server) rejectUnreadableQuery(c *gin.Context) {
	if textValues(c.Request.URL.Query()) {
		c.Next()
		return
	}
	s.logOf(c).WarnContext(c.Request.Context(), "web: unreadable query string", "path", c.Request.URL.Path)
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		apiProblem(c, http.StatusBadRequest, "the query string holds a NUL byte or invalid UTF-8", "", "")
		return
	}
	s.errorPage(c, http.StatusBadRequest, "badrequest")
}

// textValues reports whether every key and value is valid UTF-8 without a
// NUL byte.
func textValues(v url.Values) bool {
	for k, vs := range v {
		if !isText(k) {
			return false
		}
		for _, s := range vs {
			if !isText(s) {
				return false
			}
		}
	}
	return true
}

func isText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
