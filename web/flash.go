package web

import (
	"strings"

	"github.com/gin-gonic/gin"
)

// flashCookie carries the message key confirming the previous action to the
// page the browser is redirected to. Only keys travel, never text, so a
// forged cookie can at most show another known message.
const flashCookie = "triage_flash"

// setFlash queues the message "flash."+key for the next page.
func (s *server) setFlash(c *gin.Context, key string) {
	s.setCookie(c, flashCookie, key, 60)
}

// takeFlash returns the queued message, if any, and clears it.
func (s *server) takeFlash(c *gin.Context, lang string) string {
	key, err := c.Cookie(flashCookie)
	if err != nil || key == "" {
		return ""
	}
	s.clearCookie(c, flashCookie)
	msg := tr(lang, "flash."+key)
	if strings.HasPrefix(msg, "flash.") { // unknown key
		return ""
	}
	return msg
}
