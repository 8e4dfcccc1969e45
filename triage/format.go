package triage

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// NBSP keeps an amount and its currency (or a percentage) on one line.
const NBSP = "\u00a0"

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// FormatMoney writes an amount the way readers of lang expect:
// "1 245,60 €" in French, "€1,245.60" in English.
func FormatMoney(lang string, amount float64, currency string) string {
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
		n := sign + group(units, NBSP) + "," + twoDigits(frac)
		if sym == "" {
			return n
		}
		return n + NBSP + sym
	}
	n := group(units, ",") + "." + twoDigits(frac)
	switch {
	case sym == "":
		return sign + n
	case ok: // a symbol goes first
		return sign + sym + n
	default: // an ISO code goes after, as in "1,245.60 CHF"
		return sign + n + NBSP + sym
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

// FormatDate writes a calendar date (an item's due date, a follow-up):
// "17/11/2025" in French, "17 Nov 2025" in English. Dates are stored at
// midnight UTC, so they are read in UTC, never shifted to a zone.
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "fr" {
		return t.UTC().Format("02/01/2006")
	}
	return t.UTC().Format("2 Jan 2006")
}
