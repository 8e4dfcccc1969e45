package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/microcosm-cc/bluemonday"

	"github.com/triage-ar/triage/inbox"
)

// originalPolicy keeps what makes an email readable (paragraphs, lists,
// tables, emphasis, links) and drops everything else: scripts, styles,
// forms, event handlers, and every image, so that opening a reply never
// tells the sender it was read (remote images are tracking pixels).
var originalPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()
	p.AllowAttrs("href").OnElements("a")
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true) // with rel="noopener"
	p.AllowElements("p", "br", "div", "span", "b", "i", "u", "strong", "em", "small", "sub", "sup", "s",
		"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "center", "font")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	return p
}()

// originalCSP confines the sanitized original: no script, no remote
// anything, shown only inside triage's own pages.
const originalCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox"

// original serves the HTML body of a reply's message, sanitized, for the
// sandboxed frame of the reply page.
func (s *server) original(c *gin.Context) {
	raw, _, ok := s.rawOf(c)
	if !ok {
		return
	}
	html := ""
	if len(raw) > 0 {
		if m, err := inbox.ParseMessage(raw, inbox.DefaultLimits()); err == nil {
			html = m.HTML
		}
	}
	if html == "" {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	doc := `<!doctype html><meta charset="utf-8"><style>body{font:14px/1.45 system-ui,sans-serif;color:#1f2933;margin:.5rem}` +
		`table{border-collapse:collapse}td,th{border:1px solid #d5dbe1;padding:2px 6px}blockquote{border-left:3px solid #d5dbe1;margin-left:0;padding-left:.75rem;color:#52606d}</style>` +
		originalPolicy.Sanitize(html)
	c.Header("Content-Security-Policy", originalCSP)
	c.Header("X-Frame-Options", "SAMEORIGIN")
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(doc))
}

// rawMessage lets a collector download the message exactly as received.
func (s *server) rawMessage(c *gin.Context) {
	raw, id, ok := s.rawOf(c)
	if !ok {
		return
	}
	if len(raw) == 0 {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	c.Header("Content-Disposition", `attachment; filename="reponse-`+strconv.FormatInt(id, 10)+`.eml"`)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "message/rfc822", raw)
}

// rawOf reads the message of the URL's reply, answering the errors itself.
func (s *server) rawOf(c *gin.Context) (raw []byte, id int64, ok bool) {
	id, ok = replyIDParam(c)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return nil, 0, false
	}
	raw, err := s.db.RawMessage(c.Request.Context(), actorOf(c).TenantID, id)
	if err != nil {
		s.fail(c, err)
		return nil, 0, false
	}
	return raw, id, true
}
