package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// flashCookie carries the message confirming the previous action to the
// page the browser is redirected to: a message key, then up to four
// numbers (counts for bulk actions, the reply an undo restores), separated
// by ":". Only keys and numbers travel, never text, so a forged cookie can
// at most show another known message.
const flashCookie = "triage_flash"

// maxFlashArgs bounds the numbers a flash carries.
const maxFlashArgs = 4

// flash is a confirmation shown once.
type flash struct {
	Text string
	// Undo is the reply a deletion can be undone on, 0 for none.
	Undo int64
}

// setFlash queues the message "flash."+key for the next page, with its numbers.
func (s *server) setFlash(c *gin.Context, key string, args ...int64) {
	v := key
	for _, a := range args {
		v += ":" + strconv.FormatInt(a, 10)
	}
	s.setCookie(c, flashCookie, v, 60)
}

// takeFlash returns the queued message, if any, and clears it.
func (s *server) takeFlash(c *gin.Context, lang string) *flash {
	v, err := c.Cookie(flashCookie)
	if err != nil || v == "" {
		return nil
	}
	s.clearCookie(c, flashCookie)
	return parseFlash(v, lang)
}

// parseFlash reads a flash cookie's value; nil when it is not a known key
// with the numbers its message takes.
func parseFlash(v, lang string) *flash {
	parts := strings.Split(v, ":")
	if len(parts) > 1+maxFlashArgs {
		return nil
	}
	args := make([]any, 0, len(parts)-1)
	for _, p := range parts[1:] {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 {
			return nil
		}
		args = append(args, n)
	}
	msg := tr(lang, "flash."+parts[0])
	if strings.HasPrefix(msg, "flash.") {
		return nil // an unknown key
	}
	if parts[0] == "deleted" && len(args) == 1 {
		return &flash{Text: msg, Undo: args[0].(int64)}
	}
	if strings.Count(msg, "%d") != len(args) {
		return nil // numbers that do not fit the message
	}
	if len(args) == 0 {
		return &flash{Text: msg}
	}
	return &flash{Text: fmt.Sprintf(msg, args...)}
}
