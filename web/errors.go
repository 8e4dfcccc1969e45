package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// problem is what the error page shows: a title and a sentence.
type problem struct {
	Title string
	Text  string
}

// errorPage aborts the request with the error page of a message key
// ("notfound" shows error.notfound.title and error.notfound.text) in the
// request's language (see langOf).
func (s *server) errorPage(c *gin.Context, status int, key string) {
	s.errorPageIn(c, status, key, langOf(c), "")
}

// errorPageIn is errorPage in a customer's language, with the supplier's
// name in the header when it is known.
func (s *server) errorPageIn(c *gin.Context, status int, key, lang, tenant string) {
	v := view{Lang: lang, Tenant: tenant, Title: tr(lang, "error."+key+".title"),
		Page: problem{Title: tr(lang, "error."+key+".title"), Text: tr(lang, "error."+key+".text")}}
	s.render(c, status, "error", v)
	c.Abort()
}

// fail answers a handler's error: the domain's sentinel errors become their
// page, anything else is logged and shown as a 500 without details.
func (s *server) fail(c *gin.Context, err error) {
	switch {
	case errors.Is(err, triage.ErrNotFound):
		s.errorPage(c, http.StatusNotFound, "notfound")
	case errors.Is(err, triage.ErrConflict):
		s.errorPage(c, http.StatusConflict, "conflict")
	case errors.Is(err, triage.ErrForbidden):
		s.errorPage(c, http.StatusForbidden, "forbidden")
	case store.Unavailable(err):
		s.logOf(c).WarnContext(c.Request.Context(), "web: database unavailable", "err", err)
		c.Header("Retry-After", "5")
		s.errorPage(c, http.StatusServiceUnavailable, "unavailable")
	default:
		s.logOf(c).ErrorContext(c.Request.Context(), "web: request failed", "err", err)
		s.errorPage(c, http.StatusInternalServerError, "internal")
	}
}
