package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// sessionCookie holds the random session token; the database only knows
// its SHA-256, so a leaked session table cannot be replayed.
const sessionCookie = "triage_session"

// sessionID is the database key of a session token.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// newSessionToken returns a random 32-byte cookie token.
func newSessionToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// loadSession puts the request's live session, if any, in the context.
func (s *server) loadSession(c *gin.Context) {
	token, err := c.Cookie(sessionCookie)
	if err != nil || token == "" {
		c.Next()
		return
	}
	sess, err := s.db.SessionByID(c.Request.Context(), sessionID(token), s.cfg.SessionTTL)
	switch {
	case err == nil:
		c.Set(keySession, sess)
	case errors.Is(err, triage.ErrNotFound): // expired or logged out elsewhere
		s.clearCookie(c, sessionCookie)
	default:
		s.fail(c, err)
		return
	}
	c.Next()
}

// sessionOf returns the request's session, set by loadSession.
func sessionOf(c *gin.Context) (store.Session, bool) {
	v, ok := c.Get(keySession)
	if !ok {
		return store.Session{}, false
	}
	sess, ok := v.(store.Session)
	return sess, ok
}

// actorOf is the session user as the workflow sees it: the tenant always
// comes from the session, never from the request.
func actorOf(c *gin.Context) triage.Actor {
	sess, _ := sessionOf(c)
	return triage.Actor{TenantID: sess.User.TenantID, UserID: sess.User.ID, Role: sess.User.Role}
}

// requireRole lets through users with one of roles, sends anonymous
// visitors to the login page and refuses the others.
func (s *server) requireRole(roles ...triage.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		sess, ok := sessionOf(c)
		if !ok {
			c.Redirect(http.StatusSeeOther, "/login")
			c.Abort()
			return
		}
		if !slices.Contains(roles, sess.User.Role) {
			s.logOf(c).WarnContext(c.Request.Context(), "web: role refused", "user", sess.User.ID, "role", sess.User.Role)
			s.errorPage(c, http.StatusForbidden, "forbidden")
			return
		}
		c.Next()
	}
}

// setCookie writes an HttpOnly, SameSite=Lax cookie for the whole site,
// Secure when triage is served over HTTPS; maxAge 0 makes it last the browser session.
func (s *server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies(), SameSite: http.SameSiteLaxMode})
}

// clearCookie deletes a cookie.
func (s *server) clearCookie(c *gin.Context, name string) { s.setCookie(c, name, "", -1) }
