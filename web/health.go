package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz says the process is up, for liveness probes.
func (s *server) healthz(c *gin.Context) { c.String(http.StatusOK, "ok") }

// readyz says the database answers, for readiness probes.
func (s *server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.logOf(c).WarnContext(ctx, "web: not ready", "err", err)
		c.String(http.StatusServiceUnavailable, tr(defaultLang, "unavailable.text"))
		return
	}
	c.String(http.StatusOK, "ok")
}
