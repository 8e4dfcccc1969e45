package extract

import (
	"regexp"
	"strings"
	"time"
)

// The written-out forms of a date, matched in lower-cased text. Word
// boundaries are checked by hand: \b knows no accented letter.
var (
	isoRe      = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})`)
	numericRe  = regexp.MustCompile(`(\d{1,2})([./-])(\d{1,2})(?:([./-])(\d{4}|\d{2}))?`)
	dayMonthRe = regexp.MustCompile(`(\d{1,2})(?:er|st|nd|rd|th|\.|º|°)?\s*(?:de\s+|of\s+)?` + monthAlt + `\.?(?:,?\s+(?:de\s+)?(\d{4}))?`)
	monthDayRe = regexp.MustCompile(monthAlt + `\.?\s+(\d{1,2})(st|nd|rd|th)?(?:,?\s+(\d{4}))?`)
	// A weekday before a day of the month ("jeudi 29") introduces it too.
	bareDayRe = regexp.MustCompile(`(le|au|du|the|am|zum|vom|el|il|al|del|día|dia|` + weekdayAlt[1:len(weekdayAlt)-1] + `)\s+(\d{1,2})(er|st|nd|rd|th|\.)?`)
	// notDayRe is what makes a number after "le" a count, a time or a
	// price rather than a day.
	notDayRe = regexp.MustCompile(`^\s*(?:%|€|\$|£|\d|h\b|h\d|heures?\b|jours?\b|days?\b|tagen?\b|días\b|giorni\b|semaines?\b|weeks?\b|mois\b|months?\b|ans?\b|years?\b|eur\b|euros?\b|chf\b|pièces?\b|articles?\b|unités?\b|units?\b|x\b|fois\b|times\b|mal\b|veces\b|volte\b)`)
	// currencyAfterRe makes "15.03 €" an amount rather than a date.
	currencyAfterRe = regexp.MustCompile(`^\s*(?:%|€|\$|£|eur\b|euros?\b|chf\b|usd\b|gbp\b)`)
)

// findISO finds 2026-03-15.
func findISO(scan string, _ time.Time) []mention {
	var out []mention
	for _, g := range isoRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		if !numberEdges(scan, s, e) {
			continue
		}
		out = append(out, mention{start: s, end: e, year: atoi(scan[g[2]:g[3]]), month: time.Month(atoi(scan[g[4]:g[5]])), day: atoi(scan[g[6]:g[7]])})
	}
	return out
}

// findNumeric finds 15/03, 15.03.2026, 3/17 (month first: no 17th month),
// 15-03-2026 (a dash needs the year: "10-12 jours" is a range).
func findNumeric(scan string, _ time.Time) []mention {
	var out []mention
	for _, g := range numericRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		sep := scan[g[4]:g[5]]
		hasYear := g[8] >= 0
		if !numberEdges(scan, s, e) || currencyAfterRe.MatchString(scan[e:]) ||
			hasYear && scan[g[8]:g[9]] != sep || sep == "-" && !hasYear {
			continue
		}
		d, mo := atoi(scan[g[2]:g[3]]), atoi(scan[g[6]:g[7]])
		if mo > 12 && d <= 12 {
			d, mo = mo, d
		}
		m := mention{start: s, end: e, day: d, month: time.Month(mo)}
		if hasYear {
			m.year = atoi(scan[g[10]:g[11]])
		}
		out = append(out, m)
	}
	return out
}

// numberEdges reports whether scan[s:e] stands alone: not the middle of a
// longer number, a phone number ("04.78.61.20.45") or an amount.
func numberEdges(scan string, s, e int) bool {
	before, after := byteAt(scan, s-1), byteAt(scan, e)
	if isWordByte(before) || isWordByte(after) {
		return false
	}
	if strings.IndexByte("./-,", before) >= 0 && isDigitByte(byteAt(scan, s-2)) {
		return false
	}
	return !(strings.IndexByte("./-,", after) >= 0 && isDigitByte(byteAt(scan, e+1)))
}

// findDayMonth finds 15 mars, 1er avril, 15. März, 15 de marzo, 15th of March 2026.
func findDayMonth(scan string, _ time.Time) []mention {
	var out []mention
	for _, g := range dayMonthRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		before := byteAt(scan, s-1)
		if isWordByte(before) || isLetterByte(byteAt(scan, g[5])) ||
			strings.IndexByte(".,/", before) >= 0 && isDigitByte(byteAt(scan, s-2)) {
			continue
		}
		name := scan[g[4]:g[5]]
		m := mention{start: s, end: e, day: atoi(scan[g[2]:g[3]]), month: months[name]}
		if g[6] < 0 && e > g[5] && !abbreviated[name] {
			m.end = g[5] // a full stop, not an abbreviation's
		}
		if g[6] >= 0 {
			if isDigitByte(byteAt(scan, g[7])) {
				e = g[5]
				m.end = e
			} else {
				m.year = atoi(scan[g[6]:g[7]])
			}
		}
		out = append(out, m)
	}
	return out
}

// findMonthDay finds March 15th, March 15, 2026, mai 15.
func findMonthDay(scan string, _ time.Time) []mention {
	var out []mention
	for _, g := range monthDayRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		dayEnd := g[5]
		if g[6] >= 0 {
			dayEnd = g[7]
		}
		if isWordByte(byteAt(scan, s-1)) || isWordByte(byteAt(scan, dayEnd)) ||
			strings.IndexByte(".,:", byteAt(scan, g[5])) >= 0 && isDigitByte(byteAt(scan, g[5]+1)) {
			continue
		}
		m := mention{start: s, end: e, month: months[scan[g[2]:g[3]]], day: atoi(scan[g[4]:g[5]])}
		if g[8] >= 0 {
			if isDigitByte(byteAt(scan, g[9])) {
				m.end = dayEnd
			} else {
				m.year = atoi(scan[g[8]:g[9]])
			}
		}
		out = append(out, m)
	}
	return out
}

// findBareDay finds a day after a preposition: le 15, au 1er, on the 30th,
// am 15., el 15, il 15. Its text is the number.
func findBareDay(scan string, _ time.Time) []mention {
	var out []mention
	for _, g := range bareDayRe.FindAllStringSubmatchIndex(scan, -1) {
		word, suffix := scan[g[2]:g[3]], ""
		if g[6] >= 0 {
			suffix = scan[g[6]:g[7]]
		}
		e := g[1]
		if isWordByte(byteAt(scan, g[0]-1)) || isWordByte(byteAt(scan, e)) || notDayRe.MatchString(scan[e:]) ||
			word == "the" && (suffix == "" || suffix == "." || suffix == "er") ||
			suffix == "" && strings.IndexByte(".,:/-", byteAt(scan, e)) >= 0 && isDigitByte(byteAt(scan, e+1)) {
			continue
		}
		if suffix == "." {
			e--
		}
		out = append(out, mention{start: g[4], end: e, day: atoi(scan[g[4]:g[5]])})
	}
	return out
}
