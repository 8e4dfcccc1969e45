package extract

import (
	"regexp"
	"slices"
	"strings"
)

// cue is what the words near a date say of it.
type cue int

const (
	noCue      cue = iota
	promiseCue     // a payment to come: the date is a promise
	paidCue        // a payment made: the date is past
	absenceCue     // an absence: the date is a return
)

// Cues are word starts, matched in lower-cased text. The payment stems
// match past forms too ("payé" starts with "pay"): a paid cue ending at
// or after a payment cue wins, so the future passives ("sera payée",
// "will be paid") are spelled out among the payment cues.
var (
	paymentCueRe = regexp.MustCompile(`(?:sera|seront|will be|wird|werden|será|serán|sarà|saranno)\s+(?:\S+\s+)?(?:payée?s?|réglée?s?|versée?s?|virée?s?|paid|settled|transferred|bezahlt|beglichen|überwiesen|pagad[ao]s?|pagat[aoie])` +
		`|pai|pay|régl|regl|règlement|virement|versement|chèque|cheque|prélèvement|échéance|settle|transfer|wire|remit|zahl|bezahl|überweis|ueberweis|begleich|pag|liquid|abonar|abonaremos|bonific|saldare|salder|versamento`)
	paidCueRe    = regexp.MustCompile(`payée?s?|réglée?s?|reglée?s?|soldée?s?|virée?s?|versée?s?|effectuée?s?|paid|settled|transferred|wired|remitted|bezahlt|beglichen|überwiesen|ueberwiesen|gezahlt|pagad[ao]s?|pagamos|abonad[ao]s?|transferid[ao]s?|pagat[aoie]|saldat[aoie]|bonificat[aoie]|versat[aoie]`)
	absenceCueRe = regexp.MustCompile(`absen|de retour|retour|rentre|back on|back in|back at|back to|returning|return to the office|out of office|out of the office|away|on leave|zurück|zurueck|wieder im|wieder erreichbar|wieder da|rückkehr|abwesen|urlaub|nicht im büro|de vuelta|volveré|volvere|regres|ausente|fuera de la oficina|vacaciones|rientr|ritorno|assent|fuori ufficio|ferie|congé|conge|vacances|holiday|vacation|off work|maternity|parental`)
)

// cueWindow is how far before a date, and after it, a cue is looked for,
// within the date's sentence.
const cueWindow = 80

// cueAround returns the cue nearest before the date at scan[s:e] in its
// sentence, else the first after it.
func cueAround(scan string, s, e int) cue {
	lo := max(0, s-cueWindow)
	if i := lastSentenceBreak(scan[lo:s]); i >= 0 {
		lo += i
	}
	if cs := cuesIn(scan[lo:s]); len(cs) > 0 {
		return cs[len(cs)-1].c
	}
	after := scan[e:min(len(scan), e+cueWindow)]
	if i := firstSentenceBreak(after); i >= 0 {
		after = after[:i]
	}
	if cs := cuesIn(after); len(cs) > 0 {
		return cs[0].c
	}
	return noCue
}

type cueAt struct {
	at int
	c  cue
}

// cuesIn returns the cues of s at word starts, in order. A paid word
// starting where a payment stem does is a paid cue ("payé"); one inside a
// future passive ("sera payée") is not.
func cuesIn(s string) []cueAt {
	var out []cueAt
	pays := paymentCueRe.FindAllStringIndex(s, -1)
	paid := map[int]bool{}
next:
	for _, loc := range paidCueRe.FindAllStringIndex(s, -1) {
		if isWordByte(byteAt(s, loc[0]-1)) {
			continue
		}
		for _, p := range pays {
			if p[0] < loc[0] && loc[0] < p[1] {
				continue next
			}
		}
		paid[loc[0]] = true
		out = append(out, cueAt{loc[0], paidCue})
	}
	for _, loc := range pays {
		if !isWordByte(byteAt(s, loc[0]-1)) && !paid[loc[0]] {
			out = append(out, cueAt{loc[0], promiseCue})
		}
	}
	for _, loc := range absenceCueRe.FindAllStringIndex(s, -1) {
		if !isWordByte(byteAt(s, loc[0]-1)) {
			out = append(out, cueAt{loc[0], absenceCue})
		}
	}
	slices.SortFunc(out, func(a, b cueAt) int { return a.at - b.at })
	return out
}

// lastSentenceBreak returns where the last sentence of s starts, or -1.
func lastSentenceBreak(s string) int {
	at := -1
	for _, sep := range []string{". ", "! ", "? ", "\n", ";"} {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) > at {
			at = i + len(sep)
		}
	}
	return at
}

// firstSentenceBreak returns where the first sentence of s ends, or -1.
func firstSentenceBreak(s string) int {
	at := -1
	for _, sep := range []string{". ", "! ", "? ", "\n", ";"} {
		if i := strings.Index(s, sep); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}
