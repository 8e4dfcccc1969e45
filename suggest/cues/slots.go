package cues

// Words that a {date} slot accepts, folded, in every lexicon language.
var (
	months = wordSet(`janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
		janv fevr fev avr juil sept oct nov dec
		january february march april june july august september october november december
		jan feb mar apr jun jul aug sep
		januar jaenner februar marz maerz juni juli oktober dezember
		enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
		januari februari maart mei augustus`)
	days = wordSet(`lundi mardi mercredi jeudi vendredi samedi dimanche demain
		monday tuesday wednesday thursday friday saturday sunday tomorrow
		montag dienstag mittwoch donnerstag freitag samstag sonntag morgen ubermorgen
		lunes martes miercoles jueves viernes sabado domingo manana
		lunedi martedi mercoledi giovedi venerdi sabato domenica domani
		maandag dinsdag woensdag donderdag vrijdag zaterdag zondag`)
	currencyWords = wordSet(`eur euro euros usd chf gbp dollar dollars`)
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range words + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}

// slotLen returns how many tokens from i the slot k matches, 0 if none.
func (s *scratch) slotLen(k atomKind, i int) int {
	switch k {
	case atomDate:
		return s.dateLen(i)
	case atomAmount:
		return s.amountLen(i)
	case atomNum:
		if s.toks[i].kind == kindNum && !s.isCurrencyAt(i+1) {
			return 1
		}
	}
	return 0
}

// sameClause reports whether token j exists and shares token i's clause.
func (s *scratch) sameClause(i, j int) bool {
	return j < len(s.toks) && s.toks[j].clause == s.toks[i].clause
}

func (s *scratch) isCurrencyAt(j int) bool {
	if j >= len(s.toks) {
		return false
	}
	return s.toks[j].kind == kindCurrency || s.is(j, classCurrency)
}

// isDay reports a day of the month: 1–31, or "1er".
func (s *scratch) isDay(i int) bool {
	w := s.word(i)
	if string(w) == "1er" {
		return true
	}
	if s.toks[i].kind != kindNum || len(w) > 2 {
		return false
	}
	d := 0
	for _, c := range w {
		d = d*10 + int(c-'0')
	}
	return d >= 1 && d <= 31
}

func (s *scratch) isYear(i int) bool {
	return s.toks[i].kind == kindNum && len(s.word(i)) == 4
}

// dateLen matches 12/03, "15 mars [2025]", "March 15 [2025]", a month
// alone, a weekday, tomorrow, or a bare day of the month ("le 15").
func (s *scratch) dateLen(i int) int {
	if s.isCurrencyAt(i + 1) {
		return 0
	}
	t := s.toks[i]
	switch {
	case t.kind == kindDate:
		return 1
	case s.isDay(i):
		if s.sameClause(i, i+1) && s.is(i+1, classMonth) {
			if s.sameClause(i, i+2) && s.isYear(i+2) {
				return 3
			}
			return 2
		}
		return 1
	case s.is(i, classMonth):
		if s.sameClause(i, i+1) && s.isDay(i+1) {
			if s.sameClause(i, i+2) && s.isYear(i+2) {
				return 3
			}
			return 2
		}
		if s.sameClause(i, i+1) && s.isYear(i+1) {
			return 2
		}
		return 1
	case s.is(i, classDay):
		return 1
	}
	return 0
}

// amountLen matches a number with a currency sign or word before or
// after it; thousands written with spaces ("1 234,56 €") stay one amount.
func (s *scratch) amountLen(i int) int {
	j := i
	cur := false
	if s.isCurrencyAt(j) {
		cur = true
		j++
	}
	if !s.sameClause(i, j) || (s.toks[j].kind != kindNum && s.toks[j].kind != kindDate) {
		return 0
	}
	j++
	for s.sameClause(i, j) && s.toks[j].kind == kindNum && isThousands(s.word(j)) {
		j++
	}
	if !cur && s.sameClause(i, j) && s.isCurrencyAt(j) {
		cur = true
		j++
	}
	if !cur {
		return 0
	}
	return j - i
}

// isThousands reports a group of three digits, possibly with decimals.
func isThousands(w []byte) bool {
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	return n == 3 && (n == len(w) || w[n] == ',' || w[n] == '.')
}
