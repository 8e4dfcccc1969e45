package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// problem is what the error page shows: a title and a sentence.
type problem struct {
	Title string
	Text  string
}

// errorPage aborts the request with the error page of a message key
// ("notfound" shows notfound.title and notfound.text), in French unless the
// request asked for English (customers on the web form).
func (s *server) errorPage(c *gin.Context, status int, key string) {
	s.errorPageIn(c, status, key, requestLang(c), "")
}

// requestLang is the fr|en choice of a request's lang parameter, posted or
// in the URL, French by default. It never parses the body itself.
func requestLang(c *gin.Context) string {
	v := c.Query("lang")
	if c.Request.PostForm != nil && c.Request.PostForm.Get("lang") != "" {
		v = c.Request.PostForm.Get("lang")
	}
	return formLang(v, defaultLang)
}

// errorPageIn is errorPage in a customer's language, with the supplier's
// name in the header when it is known.
func (s *server) errorPageIn(c *gin.Context, status int, key, lang, tenant string) {
	v := view{Lang: lang, Tenant: tenant, Title: tr(lang, key+".title"),
		Page: problem{Title: tr(lang, key+".title"), Text: tr(lang, key+".text")}}
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
	default:
		s.logOf(c).ErrorContext(c.Request.Context(), "web: request failed", "err", err)
		s.errorPage(c, http.StatusInternalServerError, "internal")
	}
}
