package cues

// negators negate a cue when one of them stands within negWindow words
// before it, in the same clause.
var negators = wordSet(`pas jamais aucun aucune rien non
	not never no nothing
	nicht nie niemals kein keine keinen keinem keiner keines nichts
	nunca ningun ninguna ninguno nada
	nessun nessuna nessuno niente
	niet geen nooit`)

// frenchTails close a French "ne … pas" after the verb: "nous ne paierons
// pas". A lone "ne" is no negation ("je ne paierai que lundi").
var frenchTails = wordSet(`pas jamais plus rien point guere aucun aucune`)

// negWindow is how many words before a cue a negator may stand.
const negWindow = 3

// unnegated cues keep their token under a negation: "we have not received
// the credit note" still awaits a credit note.
var unnegated = map[string]bool{
	"credit_note": true, "copy_request": true, "question": true,
	"bank_details": true, "thanks": true,
}

// negated reports whether the cue matched at tokens [start, end) sits in
// a negated clause. A negator inside the span was skipped by a … gap
// ("werden nicht bezahlen"), since a pattern that spells one is never
// negatable.
func (s *scratch) negated(start, end int) bool {
	for j := start + 1; j < end; j++ {
		if s.isNegator(j) {
			return true
		}
	}
	ne := false
	for j := start - 1; j >= 0 && j >= start-negWindow && s.sameClause(start, j); j-- {
		if s.is(j, classNe) {
			ne = true
			continue
		}
		if s.isNegator(j) {
			return true
		}
	}
	if !ne {
		return false
	}
	for j := start; j < start+3 && s.sameClause(start, j); j++ {
		if s.is(j, classTail) {
			return true
		}
	}
	return false
}

// isNegator reports whether token j negates; "no" before a number is
// "number": "invoice no 4711 paid".
func (s *scratch) isNegator(j int) bool {
	return s.is(j, classNegator) && !(string(s.word(j)) == "no" && j+1 < len(s.toks) && s.toks[j+1].kind != kindWord)
}

// spellsNegation reports whether an expanded pattern contains a negator:
// such a pattern owns its negation and is never negated again.
func spellsNegation(seq []atom) bool {
	for _, a := range seq {
		if a.kind == atomWord && (negators[a.text] || a.text == "ne" || a.text == "without" || a.text == "sans" || a.text == "ohne" || a.text == "sin" || a.text == "senza" || a.text == "zonder") {
			return true
		}
	}
	return false
}
