package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// safeInline are the types a browser may show as they are; anything else
// (HTML, SVG, scripts…) is served as bytes to save, never rendered in
// triage's origin.
var safeInline = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true, "text/plain": true,
}

// attachment serves a reply's file for download, to the reply's tenant only.
func (s *server) attachment(c *gin.Context) {
	replyID, ok := replyIDParam(c)
	id, err := strconv.ParseInt(c.Param("aid"), 10, 64)
	if !ok || err != nil || id <= 0 {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	a, err := s.db.Attachment(c.Request.Context(), actorOf(c).TenantID, replyID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	ct := a.ContentType
	if !safeInline[ct] {
		ct = "application/octet-stream"
	}
	if ct == "text/plain" {
		ct += "; charset=utf-8"
	}
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' || r == '/' {
			return '_'
		}
		return r
	}, a.Name)
	if name == "" {
		name = "piece-jointe"
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Data(http.StatusOK, ct, a.Data)
}
