package extract

import (
	"regexp"
	"strings"
	"time"
)

// The relative forms of a date, matched in lower-cased text.
var (
	dayWordRe = regexp.MustCompile(`après-demain|apres-demain|aujourd['’]hui|demain|hier|the day after tomorrow|day after tomorrow|tomorrow|today|yesterday|übermorgen|uebermorgen|vorgestern|morgen|heute|gestern|pasado mañana|mañana|hoy|anteayer|ayer|dopodomani|domani|oggi|ieri`)
	weekdayRe = regexp.MustCompile(`(?:(next|this coming|coming|this|last|el próximo|el proximo|el pasado|el último|el ultimo|nächsten|nächste|kommenden|kommender|diesen|letzten|letzte|vergangenen|ce|questo)\s+)?` +
		weekdayAlt + `(?:\s+(prochain|prochaine|qui vient|dernier|passé|próximo|proximo|que viene|pasado|prossimo|scorso|passato))?`)
	monthPartRe = regexp.MustCompile(`(finales|final|fine|fin|ende|end|début|debut|early|beginning|anfang|principios|principio|inicios|inizio|mitte|mid|mi|mediados|metà|meta)` +
		`(?:[\s-]+(?:of|du|de|des|del|della|d['’]))?[\s-]*(?:the\s+)?(?:(next|nächsten|próximo|proximo|prossimo)\s+)?(mois|month|monats|mese|mes)(?:\s+(prochain|next|nächsten|próximo|proximo|prossimo|que viene))?`)
	partOfMonthRe = regexp.MustCompile(`(finales|final|fine|fin|ende|end|début|debut|early|beginning|anfang|principios|principio|inicios|inizio|mitte|mid|mi|mediados|metà|meta)` +
		`(?:[\s-]+(?:of|du|de|des|del|della|d['’]))?[\s-]*` + monthAlt + `(?:\s+(\d{4}))?`)
	spanRe = regexp.MustCompile(`(dans|d['’]ici|sous|within|in|en|dentro de|tra|fra|entro|binnen|innerhalb von)\s+` + numberAlt +
		`\s+(jours?|semaines?|mois|days?|weeks?|months?|tagen?|wochen|woche|monaten?|monat|días|dias|día|dia|semanas?|meses|mesi|mese|mes|giorni|giorno|settimane|settimana)`)
	agoRe      = regexp.MustCompile(`(?:il y a|vor|hace)\s+` + numberAlt + `\s+(jours?|semaines?|mois|tagen|wochen|monaten|días|dias|semanas|meses)|` + numberAlt + `\s+(days?|weeks?|months?|giorni|settimane|mesi)\s+(?:ago|fa)`)
	nextWeekRe = regexp.MustCompile(`la semaine prochaine|la semaine suivante|next week|nächste woche|nächsten woche|kommende woche|la próxima semana|la proxima semana|la semana que viene|la settimana prossima|la prossima settimana`)
)

// dayWordOffsets are the days from today the words of dayWordRe mean.
var dayWordOffsets = map[string]int{
	"après-demain": 2, "apres-demain": 2, "the day after tomorrow": 2, "day after tomorrow": 2, "übermorgen": 2, "uebermorgen": 2, "pasado mañana": 2, "dopodomani": 2,
	"demain": 1, "tomorrow": 1, "morgen": 1, "mañana": 1, "domani": 1,
	"aujourd'hui": 0, "aujourd’hui": 0, "today": 0, "heute": 0, "hoy": 0, "oggi": 0,
	"hier": -1, "yesterday": -1, "gestern": -1, "ayer": -1, "ieri": -1,
	"vorgestern": -2, "anteayer": -2,
}

// notDayWord tells the words of dayWordRe that mean something else where
// they stand: "Guten Morgen", "esta mañana" (this morning), German "hier"
// (here).
func notDayWord(scan string, s, e int) bool {
	before, after := scan[:s], scan[e:]
	switch scan[s:e] {
	case "morgen":
		return strings.HasSuffix(before, "guten ") || strings.HasSuffix(before, "am ") || strings.HasSuffix(before, "den ")
	case "mañana":
		return strings.HasSuffix(before, "la ") || strings.HasSuffix(before, "esta ") || strings.HasSuffix(before, "una ")
	case "hier":
		for _, w := range []string{" ist", " sind", " finden", " die ", " der ", " das ", " im ", " in ", " bei ", " noch", " haben", " habe", " wird", " können"} {
			if strings.HasPrefix(after, w) {
				return true
			}
		}
	}
	return false
}

// findDayWord finds demain, tomorrow, morgen, mañana, domani, hier, today…
func findDayWord(scan string, today time.Time) []mention {
	var out []mention
	for _, loc := range dayWordRe.FindAllStringIndex(scan, -1) {
		s, e := loc[0], loc[1]
		if !wordEdges(scan, s, e) || notDayWord(scan, s, e) {
			continue
		}
		out = append(out, mention{start: s, end: e, at: today.AddDate(0, 0, dayWordOffsets[scan[s:e]])})
	}
	return out
}

// findWeekday finds vendredi prochain, next Friday, nächsten Freitag, el
// próximo viernes, lundi dernier, last Monday: the next such day after
// today, or the last one before it. A weekday followed by a date
// ("lundi 3 mars") leaves the date alone.
func findWeekday(scan string, today time.Time) []mention {
	var out []mention
	for _, g := range weekdayRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		if !wordEdges(scan, s, e) || dateFollows(scan[e:]) {
			continue
		}
		pre, post := "", ""
		if g[2] >= 0 {
			pre = scan[g[2]:g[3]]
		}
		if g[6] >= 0 {
			post = scan[g[6]:g[7]]
		}
		wd := weekdays[scan[g[4]:g[5]]]
		var d time.Time
		switch {
		case strings.HasPrefix(pre, "last") || strings.HasPrefix(pre, "letzt") || strings.HasPrefix(pre, "vergangen") || pre == "el pasado" || strings.HasPrefix(pre, "el últ") || strings.HasPrefix(pre, "el ult") ||
			post == "dernier" || post == "passé" || post == "pasado" || post == "scorso" || post == "passato":
			d = today.AddDate(0, 0, -1-(int(today.Weekday())-int(wd)+6)%7)
		case pre == "this" || pre == "ce" || pre == "diesen" || pre == "questo":
			d = today.AddDate(0, 0, (int(wd)-int(today.Weekday())+7)%7)
		default:
			d = today.AddDate(0, 0, 1+(int(wd)-int(today.Weekday())+6)%7)
		}
		out = append(out, mention{start: s, end: e, at: d})
	}
	return out
}

// dateFollows reports whether rest starts with a written date, after
// commas and an article: "lundi 3 mars", "Monday, March 3", "lundi le 3".
func dateFollows(rest string) bool {
	rest = strings.TrimLeft(rest, " ,")
	for _, a := range []string{"le ", "the ", "den ", "el ", "il "} {
		rest = strings.TrimPrefix(rest, a)
	}
	if rest != "" && isDigitByte(rest[0]) {
		return true
	}
	for _, m := range []string{"jan", "fe", "fé", "mar", "mä", "ma", "ap", "av", "ab", "mai", "may", "jun", "ju", "lu", "ag", "aug", "ao", "se", "oc", "ok", "ot", "no", "di", "de", "dé", "ge"} {
		if strings.HasPrefix(rest, m) {
			if loc := monthStartRe.FindStringIndex(rest); loc != nil && !isLetterByte(byteAt(rest, loc[1])) {
				return true
			}
			break
		}
	}
	return false
}

var monthStartRe = regexp.MustCompile(`^` + monthAlt)

// findMonthPart finds fin du mois, end of the month, Ende des Monats, a
// fin de mes, fine mese, début du mois prochain, early next month, and
// fin mars, début décembre, early December, mi-mars, Anfang Dezember,
// mediados de marzo: the last, 5th or 15th day.
func findMonthPart(scan string, today time.Time) []mention {
	var out []mention
	for _, g := range monthPartRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		part, unit := scan[g[2]:g[3]], scan[g[6]:g[7]]
		// French "fin de mes vacances" is "the end of my holidays".
		if !wordEdges(scan, s, e) || unit == "mes" && !spanishMes(scan, s, part) {
			continue
		}
		m := today.Month()
		if g[4] >= 0 || g[8] >= 0 {
			m++
		}
		d, _ := makeDate(today.Year(), m, partDay(part))
		if m > 12 {
			d, _ = makeDate(today.Year()+1, m-12, partDay(part))
		}
		out = append(out, mention{start: s, end: e, at: d})
	}
	if i := strings.Index(scan, "monatsende"); i >= 0 && wordEdges(scan, i, i+len("monatsende")) {
		d, _ := makeDate(today.Year(), today.Month(), lastDay)
		out = append(out, mention{start: i, end: i + len("monatsende"), at: d})
	}
	for _, g := range partOfMonthRe.FindAllStringSubmatchIndex(scan, -1) {
		s, e := g[0], g[1]
		if !wordEdges(scan, s, g[5]) {
			continue
		}
		m := mention{start: s, end: e, day: partDay(scan[g[2]:g[3]]), month: months[scan[g[4]:g[5]]]}
		if g[6] >= 0 {
			if isDigitByte(byteAt(scan, g[7])) {
				m.end = g[5]
			} else {
				m.year = atoi(scan[g[6]:g[7]])
			}
		}
		out = append(out, m)
	}
	return out
}

// spanishMes reports whether "mes" after part is Spanish for month.
func spanishMes(scan string, s int, part string) bool {
	switch part {
	case "finales", "final", "principios", "principio", "inicios", "mediados":
		return true
	}
	return strings.HasSuffix(scan[:s], "a ")
}

// partDay is the day a part of a month stands for.
func partDay(part string) int {
	switch part {
	case "finales", "final", "fine", "fin", "ende", "end":
		return lastDay
	case "mitte", "mid", "mi", "mediados", "metà", "meta":
		return 15
	}
	return 5
}

// findSpan finds dans 2 semaines, in two weeks, in 10 Tagen, en dos
// semanas, tra due settimane, d'ici 15 jours, next week, and their pasts:
// il y a 3 jours, 2 weeks ago, vor 3 Tagen, hace 2 semanas.
func findSpan(scan string, today time.Time) []mention {
	var out []mention
	for _, g := range spanRe.FindAllStringSubmatchIndex(scan, -1) {
		if wordEdges(scan, g[0], g[1]) {
			if d, ok := addSpan(today, scan[g[4]:g[5]], scan[g[6]:g[7]], 1); ok {
				out = append(out, mention{start: g[0], end: g[1], at: d})
			}
		}
	}
	var agos [][]int
	if strings.Contains(scan, "il y a") || strings.Contains(scan, "vor ") || strings.Contains(scan, "hace ") || strings.Contains(scan, " ago") || strings.Contains(scan, " fa") {
		agos = agoRe.FindAllStringSubmatchIndex(scan, -1) // a costly regexp: no literal to start from
	}
	for _, g := range agos {
		n := g[2:6]
		if g[2] < 0 {
			n = g[6:10]
		}
		if wordEdges(scan, g[0], g[1]) {
			if d, ok := addSpan(today, scan[n[0]:n[1]], scan[n[2]:n[3]], -1); ok {
				out = append(out, mention{start: g[0], end: g[1], at: d})
			}
		}
	}
	for _, loc := range nextWeekRe.FindAllStringIndex(scan, -1) {
		if wordEdges(scan, loc[0], loc[1]) {
			out = append(out, mention{start: loc[0], end: loc[1], at: today.AddDate(0, 0, 7)})
		}
	}
	return out
}

// addSpan moves today by sign times count units (days, weeks or months).
func addSpan(today time.Time, count, unit string, sign int) (time.Time, bool) {
	n, ok := numberWords[count]
	if !ok {
		n = atoi(count)
	}
	if n <= 0 {
		return time.Time{}, false
	}
	n *= sign
	switch {
	case strings.HasPrefix(unit, "mo") || strings.HasPrefix(unit, "mes"):
		return today.AddDate(0, n, 0), true
	case strings.HasPrefix(unit, "se") || strings.HasPrefix(unit, "we") || strings.HasPrefix(unit, "wo"):
		return today.AddDate(0, 0, 7*n), true
	}
	return today.AddDate(0, 0, n), true
}

// wordEdges reports whether scan[s:e] is whole words.
func wordEdges(scan string, s, e int) bool {
	return !isWordByte(byteAt(scan, s-1)) && !isWordByte(byteAt(scan, e))
}
