package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"github.com/triage-ar/triage/triage"
)

// langOf is the language of a request's pages: the logged-in user's, else
// the lang parameter of public pages, else the browser's Accept-Language,
// French by default.
func langOf(c *gin.Context) string {
	if sess, ok := sessionOf(c); ok && triage.IsLang(sess.User.Lang) {
		return sess.User.Lang
	}
	if v := c.Query("lang"); triage.IsLang(v) {
		return v
	}
	if c.Request.PostForm != nil {
		if v := c.Request.PostForm.Get("lang"); triage.IsLang(v) {
			return v
		}
	}
	return acceptLang(c.GetHeader("Accept-Language"))
}

// langMatcher picks the closest supported language, French first.
var langMatcher = language.NewMatcher([]language.Tag{language.French, language.English})

// acceptLang reads an Accept-Language header: "en-GB,en;q=0.9" is English,
// anything unreadable or unsupported is French.
func acceptLang(header string) string {
	if lang, ok := matchAcceptLang(header); ok {
		return lang
	}
	return defaultLang
}

// matchAcceptLang returns the supported language an Accept-Language header
// asks for, if it asks for one.
func matchAcceptLang(header string) (string, bool) {
	if strings.TrimSpace(header) == "" {
		return "", false
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return "", false
	}
	_, i, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return "", false
	}
	return triage.Langs[i], true
}

// localPath accepts a path of this site to send the browser back to: an
// absolute path with its query, never another host ("//evil", "/\evil") or
// scheme.
func localPath(raw string) (string, bool) {
	if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") ||
		strings.ContainsAny(raw, "\\\r\n\t") {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "", false
	}
	return u.RequestURI(), true
}

// setLang switches the user's pages to the posted language (the user menu)
// and goes back to the page the menu was on.
func (s *server) setLang(c *gin.Context) {
	f := postForm(c)
	lang := f.Get("lang")
	if !triage.IsLang(lang) {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	a := actorOf(c)
	if err := s.db.SetUserLang(c.Request.Context(), a.TenantID, a.UserID, lang); err != nil {
		s.fail(c, err)
		return
	}
	back, ok := localPath(f.Get("return"))
	if !ok {
		back = "/queue"
	}
	c.Redirect(http.StatusSeeOther, back)
}
