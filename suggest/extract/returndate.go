package extract

import (
	"regexp"
	"time"
)

// Return dates of absence notices: a cue ("jusqu'au", "until", "bis zum",
// "hasta el", "back on"…) immediately followed by a date, maybe after a
// weekday and an article.
var (
	returnCueRe = regexp.MustCompile(`\b(?:jusqu['’]\s?(?:au|à|a)|until|till|through|bis(?: zum| zu| einschließlich| einschliesslich| inklusive)?|hasta(?: el)?|fino al|fino a|tot en met|tot|de retour (?:au bureau )?(?:le|à partir du|a partir du)?|retour (?:le|prévu le)|back (?:in the office )?(?:on)?|returning (?:to the office )?on|return(?: to the office)? on|wieder (?:im büro |erreichbar )?(?:am|ab)|zurück am|ab dem|ab|de vuelta el|volveré el|di ritorno il|rientro il|terug op|au|to|al)\b[\s,]*`)
	leadRe      = regexp.MustCompile(`^(?:` + weekdayAlt[1:len(weekdayAlt)-1] + `|mon|tue|wed|thu|fri|le|el|the|den|dem|il|de|op|inclus|included|including|einschließlich)[\s,.]+`)
)

// ReturnDate returns the date an absence notice names as its end
// ("jusqu'au 3 mars", "until March 3rd", "bis zum 3. März", "hasta el 3 de
// marzo", "back on 04/03", "de retour lundi"): the first date right after a
// return cue, within a year before and two years after the day received
// (now when zero). A missing year is the first on or after the week
// before that day.
func ReturnDate(text string, received time.Time) (time.Time, bool) {
	_, scan := prepare(text)
	today := dayOf(received)
	byStart := map[int]mention{}
	for _, m := range scanDates(scan, today) {
		byStart[m.start] = m
	}
	for _, loc := range returnCueRe.FindAllStringIndex(scan, -1) {
		at := loc[1]
		for range 4 {
			if m, ok := byStart[at]; ok {
				if d, ok := m.resolve(today, absenceCue); ok && !d.Before(today.AddDate(-1, 0, 0)) && !d.After(today.AddDate(2, 0, 0)) {
					return d, true
				}
				break
			}
			lead := leadRe.FindStringIndex(scan[at:])
			if lead == nil {
				break
			}
			at += lead[1]
		}
	}
	return time.Time{}, false
}
