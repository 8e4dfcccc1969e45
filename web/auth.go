package web

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// maxLoginLen bounds the login field before it reaches the database or a rate-limit key.
const maxLoginLen = 200

// dummyHash is compared against when the login is unknown, so that an
// unknown login takes as long as a wrong password and logins cannot be enumerated.
var dummyHash = sync.OnceValue(func() []byte {
	h, err := bcrypt.GenerateFromPassword([]byte("triage: no such user"), bcrypt.DefaultCost)
	if err != nil {
		panic("web: dummy bcrypt hash: " + err.Error())
	}
	return h
})

// loginPage is the login form.
type loginPage struct {
	Login string
	Error string
}

func (s *server) loginPage(c *gin.Context) {
	if _, ok := sessionOf(c); ok {
		c.Redirect(http.StatusSeeOther, "/")
		return
	}
	s.renderLogin(c, http.StatusOK, loginPage{})
}

func (s *server) renderLogin(c *gin.Context, status int, p loginPage) {
	s.render(c, status, "login", view{Title: tr(langOf(c), "login.title"), CSRF: s.anonCSRF(c), Page: p})
}

// login checks a login and password and opens a session. Unknown logins and
// wrong passwords get the same message, after the same bcrypt work.
func (s *server) login(c *gin.Context) {
	ctx := c.Request.Context()
	f := postForm(c)
	login := strings.TrimSpace(f.Get("login"))
	password := f.Get("password")
	if len(login) > maxLoginLen {
		login = login[:maxLoginLen]
	}
	key := c.ClientIP() + "\x00" + strings.ToLower(login)
	now := s.now()
	if s.logins.Blocked(key, now) || s.loginAddr.Blocked(c.ClientIP(), now) {
		s.logOf(c).WarnContext(ctx, "web: login rate limited", "login", login)
		s.errorPage(c, http.StatusTooManyRequests, "ratelimit")
		return
	}
	user, hash, err := s.db.UserByLogin(ctx, login)
	switch {
	case errors.Is(err, triage.ErrNotFound):
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
	case err != nil:
		s.fail(c, err)
		return
	default:
		err = bcrypt.CompareHashAndPassword(hash, []byte(password))
	}
	if err != nil {
		s.logins.Add(key, now)
		s.loginAddr.Add(c.ClientIP(), now)
		s.logOf(c).InfoContext(ctx, "web: login failed", "login", login, "err", err)
		s.renderLogin(c, http.StatusUnauthorized, loginPage{Login: login, Error: tr(langOf(c), "login.failed")})
		return
	}
	token := newSessionToken()
	sess := store.Session{ID: sessionID(token), User: user, CSRF: randomHex(32), Expires: now.Add(s.cfg.SessionTTL)}
	if err := s.db.CreateSession(ctx, sess); err != nil {
		s.fail(c, err)
		return
	}
	s.logins.Reset(key)
	if old, err := c.Cookie(sessionCookie); err == nil && old != "" {
		// A new login replaces whatever session this browser had.
		if err := s.db.DeleteSession(ctx, sessionID(old)); err != nil {
			s.logOf(c).WarnContext(ctx, "web: end previous session", "err", err)
		}
	}
	s.setCookie(c, sessionCookie, token, 0)
	s.logOf(c).InfoContext(ctx, "web: login", "tenant", user.TenantID, "user", user.ID)
	c.Redirect(http.StatusSeeOther, "/")
}

// logout ends the session on the server, not only in the browser.
func (s *server) logout(c *gin.Context) {
	sess, _ := sessionOf(c)
	if err := s.db.DeleteSession(c.Request.Context(), sess.ID); err != nil {
		s.fail(c, err)
		return
	}
	s.clearCookie(c, sessionCookie)
	c.Redirect(http.StatusSeeOther, "/login")
}
