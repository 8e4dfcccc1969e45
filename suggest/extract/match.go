package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	digitRunRe = regexp.MustCompile(`\d{3,}`)
	// phoneRe spans phone numbers: "+33 4 78 61 20 45", "04.78.61.20.45",
	// "+49 (0)30 1234 5678", "0478612045".
	phoneRe = regexp.MustCompile(`(?:\+\d{1,3}[ .]?(?:\(0\)\s?)?)?\d{1,4}(?:[ .-]\d{2,4}){3,}|\+\d{6,14}|\b0\d{9}\b`)
	// postcodeRe is a French, German, Spanish or Italian postcode before
	// its town, in the original case: "75008 Paris", "D-80331 München".
	postcodeRe = regexp.MustCompile(`\b(?:[A-Z]{1,2}-)?\d{5}\s+\p{Lu}\p{Ll}`)
)

// MatchItems returns the numbers among open (a customer's open items) that
// text or refs designate, in the order of open: refs are references already
// known (ticked on the web form, found by Refs) and count like the text's
// own. An item is designated by its full number in any case and with any
// separators ("F2291", "f-2291" for F-2291), or by its distinctive digits:
// the last run of digits of its number, without leading zeros, when that
// is three digits or more ("facture 1187" for F-2025-01187). Digits of
// phone numbers and postcodes designate nothing.
func MatchItems(text string, refs []string, open []string) []string {
	orig, scan := prepare(text)
	keys := map[string]bool{}
	tails := map[string]bool{}
	for _, r := range append(Refs(orig), refs...) {
		k := refKey(r)
		keys[k] = true
		tails[strings.TrimLeft(k, "0")] = true
	}
	skip := append(phoneRe.FindAllStringIndex(orig, -1), postcodeRe.FindAllStringIndex(orig, -1)...)
	for _, d := range digitRunRe.FindAllStringIndex(scan, -1) {
		if !inAny(d[0], skip) {
			tails[strings.TrimLeft(scan[d[0]:d[1]], "0")] = true
		}
	}
	var out []string
	for _, number := range open {
		tail := strings.TrimLeft(lastDigitRun(number), "0")
		if keys[refKey(number)] || number != "" && strings.Contains(scan, lowerASCII(number)) || len(tail) >= 3 && tails[tail] {
			out = append(out, number)
		}
	}
	return out
}

// inAny reports whether offset i is inside one of spans.
func inAny(i int, spans [][]int) bool {
	for _, s := range spans {
		if s[0] <= i && i < s[1] {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases s the way prepare does.
func lowerASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			r = l
		}
		b.WriteRune(r)
	}
	return b.String()
}
