package extract

import (
	"slices"
	"time"
)

// Kind says what a date is in a reply.
type Kind int

const (
	// Mention is a date with no cue around it: an invoice date, a delivery.
	Mention Kind = iota
	// Promise is a date a payment is announced for ("nous paierons le 15").
	Promise
	// Return is the date an absent contact is back ("de retour le 3 mars").
	Return
	// Past is a date before the day the reply was received.
	Past
)

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case Promise:
		return "promise"
	case Return:
		return "return"
	case Past:
		return "past"
	default:
		return "mention"
	}
}

// Date is a date a reply names.
type Date struct {
	Time  time.Time // the day, at midnight UTC
	Kind  Kind
	Text  string // as written
	Start int    // byte offset of Text in the input
	End   int    // byte offset just past Text
}

// Dates returns the dates text names, in order of appearance, relative to
// the moment the reply was received (now when zero):
//
//   - written out: "15/03", "15.03.2026", "2026-03-15", "15 mars",
//     "March 15th", "15. März", "15 de marzo", "15 marzo"; numbers are read
//     day first, month first only when the day-first reading is impossible
//     ("3/17");
//   - a bare day after a preposition ("le 15", "am 15.", "el 15"): the next
//     such day on or after the day received;
//   - relative: "demain", "tomorrow", "morgen", "mañana", "domani" and
//     their yesterdays and todays; weekdays ("vendredi prochain", "next
//     Friday", "nächsten Freitag", "el próximo viernes", "last Monday");
//     "fin du mois", "end of the month", "Ende des Monats", "a fin de mes",
//     "fin mars"; "début décembre", "early December" (the 5th), "mi-mars"
//     (the 15th); "dans 2 semaines", "in two weeks", "in 10 Tagen";
//     "la semaine prochaine", "next week".
//
// A date without a year takes the nearest year; the first on or after the
// week before the day received when a promise or absence cue makes it a
// future date; the last on or before the week after when a past payment
// cue ("payé le", "paid on", "bezahlt am") makes it a past one. Each date is classified: Past when before the day
// received, else Return when an absence cue is near ("de retour le",
// "back on", "zurück am", "de vuelta el", "rientro il"), else Promise when
// a payment cue is near ("paierons", "virement le", "will pay", "zahlen",
// "pagaremos", "pagheremo"), else Mention. Negated deadlines keep their
// date: "pas avant le 15" is the 15th.
func Dates(text string, received time.Time) []Date {
	orig, scan := prepare(text)
	today := dayOf(received)
	var out []Date
	for _, m := range scanDates(scan, today) {
		c := cueAround(scan, m.start, m.end)
		t, ok := m.resolve(today, c)
		if !ok {
			continue
		}
		kind := Mention
		switch {
		case t.Before(today):
			kind = Past
		case c == absenceCue:
			kind = Return
		case c == promiseCue:
			kind = Promise
		}
		out = append(out, Date{Time: t, Kind: kind, Text: orig[m.start:m.end], Start: m.start, End: m.end})
	}
	return out
}

// dayOf returns the calendar day of t, at midnight UTC; now when t is zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// mention is a date as found in the text, before its year is settled.
type mention struct {
	start, end int
	at         time.Time  // set for relative forms, which are already days
	day        int        // 1–31, or lastDay
	month      time.Month // 0 for a bare day ("le 15")
	year       int        // 0 when not written
}

// finder finds the mentions of one form of date in lower-cased text.
type finder func(scan string, today time.Time) []mention

// finders are tried in order; a later form overlapping an earlier one is
// dropped ("am 15.03" is a numeric date, not the bare day "am 15").
var finders = []finder{findISO, findDayMonth, findMonthDay, findMonthPart, findNumeric, findSpan, findDayWord, findWeekday, findBareDay}

// scanDates returns the mentions of dates in scan, in order.
func scanDates(scan string, today time.Time) []mention {
	var kept []mention
	for _, f := range finders {
	next:
		for _, m := range f(scan, today) {
			for _, k := range kept {
				if m.start < k.end && k.start < m.end {
					continue next
				}
			}
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(a, b mention) int { return a.start - b.start })
	return kept
}
