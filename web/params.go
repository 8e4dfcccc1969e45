package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// idParam reads the :id of the URL and answers 404 itself when it is not a
// positive integer: a malformed id is a page that does not exist.
func (s *server) idParam(c *gin.Context) (int64, bool) {
	id, ok := replyIDParam(c)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "notfound")
	}
	return id, ok
}
