package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/logging"
)

// Context keys of values the middleware hands to handlers.
const (
	keyLog     = "web.log"
	keySession = "web.session"
)

// contentSecurityPolicy allows nothing inline: the only script is a static
// file, and forms may only post back to triage.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestLog gives each request an id (kept from X-Request-Id when a proxy
// set a sane one), puts it in the request's context, where the logger
// finds it for every line logged with that context, the workflow's
// included (see logging.Handler), and logs one line when the request ends.
func (s *server) requestLog(c *gin.Context) {
	start := time.Now()
	id := c.GetHeader("X-Request-Id")
	if !requestIDPattern.MatchString(id) {
		id = randomHex(8)
	}
	c.Header("X-Request-Id", id)
	c.Request = c.Request.WithContext(logging.WithRequestID(c.Request.Context(), id))
	c.Set(keyLog, s.log)
	c.Next()
	route := c.FullPath() // the pattern, so form-link tokens stay out of the logs
	if route == "" {
		route = "unmatched"
	}
	attrs := []any{"method", c.Request.Method, "route", route, "status", c.Writer.Status(),
		"duration_ms", time.Since(start).Milliseconds(), "ip", c.ClientIP()}
	if sess, ok := sessionOf(c); ok {
		attrs = append(attrs, "tenant", sess.User.TenantID, "user", sess.User.ID)
	}
	s.log.InfoContext(c.Request.Context(), "http request", attrs...)
}

// logOf returns the request's logger.
func (s *server) logOf(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(keyLog); ok {
		return l.(*slog.Logger)
	}
	return s.log
}

// securityHeaders sets the headers every response carries, error pages included.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

// recoverPanic logs a panicking handler with its stack and shows a 500 page;
// the stack never reaches the browser.
func (s *server) recoverPanic(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v) // net/http's way to abort a response silently
		}
		s.logOf(c).ErrorContext(c.Request.Context(), "web: handler panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if c.Writer.Written() {
			c.Abort()
			return
		}
		s.errorPage(c, http.StatusInternalServerError, "internal")
	}()
	c.Next()
}

// limitBody caps request bodies; parsing a larger form then fails and the
// CSRF check answers 413.
// API routes carry whole messages and get apiMaxBody instead, the customer
// form a file and gets formMaxBody.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil {
			limit := n
			switch {
			case strings.HasPrefix(c.Request.URL.Path, "/api/"):
				limit = apiMaxBody
			case strings.HasPrefix(c.Request.URL.Path, "/form/"):
				limit = formMaxBody // the customer may attach a file
			case c.Request.URL.Path == "/admin/evals":
				limit = maxEvalUpload + maxBody // an eval set may be uploaded
			case c.Request.URL.Path == "/admin/letterhead":
				limit = letterheadMaxBody // the letterhead's logo may be uploaded
			}
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

// randomHex returns n random bytes, hex-encoded.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand documents it)
	return hex.EncodeToString(b)
}
