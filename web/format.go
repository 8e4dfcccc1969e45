package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the display zone must load on minimal images without /usr/share/zoneinfo
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

// nbsp keeps an amount and its currency (or a percentage) on one line.
const nbsp = "\u00a0"

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// formatMoney writes an amount the way readers of lang expect:
// "1 245,60 €" in French, "€1,245.60" in English.
func formatMoney(lang string, amount float64, currency string) string {
	cents := int64(math.Round(math.Abs(amount) * 100))
	sign := ""
	if cents != 0 && amount < 0 {
		sign = "-"
	}
	units, frac := strconv.FormatInt(cents/100, 10), cents%100
	sym, ok := currencySymbols[currency]
	if !ok {
		sym = currency
	}
	if lang == "fr" {
		n := sign + group(units, nbsp) + "," + twoDigits(frac)
		if sym == "" {
			return n
		}
		return n + nbsp + sym
	}
	n := group(units, ",") + "." + twoDigits(frac)
	switch {
	case sym == "":
		return sign + n
	case ok: // a symbol goes first
		return sign + sym + n
	default: // an ISO code goes after, as in "1,245.60 CHF"
		return sign + n + nbsp + sym
	}
}

// group inserts sep between groups of three digits.
func group(digits, sep string) string {
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return b.String()
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// formatDate writes a calendar date (an item's due date, a follow-up):
// "17/11/2025" in French, "17 Nov 2025" in English. Dates are stored at
// midnight UTC, so they are read in UTC, never shifted to a zone.
func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "fr" {
		return t.UTC().Format("02/01/2006")
	}
	return t.UTC().Format("2 Jan 2006")
}

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

// formatBytes writes a file size in the largest unit that keeps it above 1
// ("840 o", "12 Ko", "3,4 Mo"), the way French users read them.
func formatBytes(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d o", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d Ko", (n+512)/1024)
	default:
		return strings.Replace(fmt.Sprintf("%.1f Mo", float64(n)/(1024*1024)), ".", ",", 1)
	}
}
