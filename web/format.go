package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the display zone must load on minimal images without /usr/share/zoneinfo

	"github.com/triage-ar/triage/triage"
)

// displayZone is where received times are shown. Tenants have no time zone
// of their own yet, and the first ones are French.
var displayZone = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic("web: time zone " + name + ": " + err.Error())
	}
	return l
}

// Amounts and dates are written the way the workflow writes them in emails
// and letters.
var (
	formatMoney = triage.FormatMoney
	formatDate  = triage.FormatDate
)

// nbsp keeps a number and its unit on one line.
const nbsp = triage.NBSP

// formatDateTime writes an instant (when a reply was received) in the
// display zone: "17/11/2025 09:12" in French, "17 Nov 2025 09:12" in English.
func formatDateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(displayZone)
	if lang == "fr" {
		return t.Format("02/01/2006 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}

// formatPercent writes a 0–1 ratio as a whole percentage: "82 %" in French,
// "82%" in English.
func formatPercent(lang string, ratio float64) string {
	n := strconv.Itoa(int(math.Round(ratio * 100)))
	if lang == "fr" {
		return n + nbsp + "%"
	}
	return n + "%"
}

// isoDate is the value of an <input type=date>.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// excerpt returns the first non-blank line of text, cut to at most n
// characters with an ellipsis.
func excerpt(text string, n int) string {
	var line string
	for l := range strings.Lines(text) {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	r := []rune(line)
	if len(r) <= n {
		return line
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// formatBytes writes a file size in the largest unit that keeps it above 1,
// the way readers of lang write them: "840 o", "12 Ko", "3,4 Mo" in French,
// "840 B", "12 KB", "3.4 MB" in English.
func formatBytes(lang string, n int) string {
	units := [3]string{"B", "KB", "MB"}
	if lang == triage.LangFR {
		units = [3]string{"o", "Ko", "Mo"}
	}
	switch {
	case n < 1024:
		return fmt.Sprintf("%d%s%s", n, nbsp, units[0])
	case n < 1024*1024:
		return fmt.Sprintf("%d%s%s", (n+512)/1024, nbsp, units[1])
	}
	s := fmt.Sprintf("%.1f", float64(n)/(1024*1024))
	if lang == triage.LangFR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + nbsp + units[2]
}
