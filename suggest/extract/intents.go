package extract

import "regexp"

// ItemIntent is what a reply says of one item.
type ItemIntent struct {
	Item string // the item number, as in the open items
	Cue  string // paid, promise, dispute_price, dispute_quality, dispute_admin, copy or credit_note
}

// intentCues are tried in order on a clause, in lower case; the first that
// matches at a word start gives the clause's cue. Promises come before
// payments: "sera payée" holds "payée".
var intentCues = []struct {
	cue string
	re  *regexp.Regexp
}{
	{"credit_note", regexp.MustCompile(`(?:un|l['’]|cet|votre|notre|d['’]un|attente d['’]|attendons l['’]|attendons un)\s*avoir\b|avoir n|credit note|credit memo|gutschrift|nota de crédito|nota de credito|nota di credito`)},
	{"dispute_price", regexp.MustCompile(`prix|tarif|wrong price|price is wrong|incorrect price|overcharged|overbilled|falsche[rn]? preis|preis ist falsch|preis stimmt nicht|precio|prezzo|remise|discount|rabatt|descuento|sconto`)},
	{"dispute_quality", regexp.MustCompile(`défectueu|defectueu|endommag|abîm|abim|cassé|pas (?:été )?livr|non livr|jamais reçu|manquant|damaged|defective|broken|not delivered|never delivered|never received|missing|beschädigt|defekt|nicht geliefert|fehlt|fehlende|dañad|defectuos|no entregad|no recibid|danneggiat|difettos|non consegnat|rotto|rotta`)},
	{"dispute_admin", regexp.MustCompile(`bon de commande|numéro de commande|pas commandé|jamais commandé|mauvaise adresse|adresse de facturation|doublon|en double|déjà facturé|purchase order|po number|not ordered|never ordered|duplicate|billing address|wrong address|bestellnummer|nicht bestellt|doppelt|número de pedido|no pedimos|duplicada|numero d['’]ordine|non ordinat|doppia`)},
	{"copy", regexp.MustCompile(`copie|duplicata|renvoyer la facture|renvoyer|copy of|send (?:us|me) (?:the|a|this)|resend|re-send|kopie|erneut senden|nochmals senden|copia|reenviar|reinviare`)},
	{"promise", regexp.MustCompile(`paierons|payerons|réglerons|reglerons|allons (?:payer|régler|regler)|vais (?:payer|régler|regler)|sera (?:\S+ )?(?:payée?|réglée?|virée?)|seront (?:\S+ )?(?:payée?s|réglée?s)|virement partira|ferons le virement|will pay|will be paid|will settle|will be settled|we'll pay|are going to pay|will transfer|werden (?:\S+ ){0,3}(?:zahlen|bezahlen|überweisen|begleichen)|wird (?:\S+ ){0,3}(?:bezahlt|überwiesen|beglichen)|pagaremos|será pagad|vamos a pagar|pagheremo|sarà pagat|salderemo`)},
	{"paid", regexp.MustCompile(`payée?s?|réglée?s?|reglée?s?|soldée?s?|virement (?:a été )?effectué|avons (?:payé|réglé|viré)|paid|settled|have transferred|bezahlt|beglichen|überwiesen|pagad[ao]s?|hemos pagado|abonad[ao]|pagat[aoie]|saldat[aoie]`)},
}

// negationRe, just before a payment cue, denies it: "we have not paid",
// "n'avons pas encore réglé", "noch nicht bezahlt", "no hemos pagado".
var negationRe = regexp.MustCompile(`(?:^|[^\p{L}])(?:pas|ne|n['’]|not|n't|never|nicht|kein\w*|no|non|nunca|jamais|nie|aún no|todavía no|ancora)(?:[^\p{L}]|$)`)

// clauseBreakRe ends a clause: a sentence end, a comma, a semicolon, a
// contrast ("mais", "but", "aber", "pero", "però", "whereas").
var clauseBreakRe = regexp.MustCompile(`[.!?;,\n]\s|[.!?;\n]$|\s(?:mais|but|aber|pero|però|ma|however|whereas|tandis que|alors que|par contre|en revanche|sondern|sin embargo|mientras que|invece)\s`)

// ItemIntents returns what text says of each of the open items it names,
// clause by clause, in order of appearance: "F-101 est réglée, la F-102 a
// un prix erroné" gives F-101 paid and F-102 dispute_price. A clause that
// names items but no cue passes them on to the next clause with a cue
// ("Concernant la F-102, le prix est erroné"; "les factures 1187, 1203
// sont réglées"). A denied payment
// ("we have not paid F-101") is no paid cue.
func ItemIntents(text string, open []string) []ItemIntent {
	orig, scan := prepare(text)
	var out []ItemIntent
	seen := map[ItemIntent]bool{}
	var pending []string
	last := 0
	clauses := append(clauseBreakRe.FindAllStringIndex(scan, -1), []int{len(scan), len(scan)})
	for _, br := range clauses {
		s, e := last, br[0]
		last = br[1]
		if s >= e {
			continue
		}
		items := MatchItems(orig[s:e], nil, open)
		c := clauseCue(scan[s:e])
		switch {
		case c == "":
			pending = append(pending, items...)
			continue
		default:
			items, pending = append(pending, items...), nil
		}
		for _, it := range items {
			ii := ItemIntent{Item: it, Cue: c}
			if !seen[ii] {
				seen[ii] = true
				out = append(out, ii)
			}
		}
	}
	return out
}

// clauseCue returns the first cue of intentCues in a lower-cased clause.
func clauseCue(clause string) string {
	for _, ic := range intentCues {
		for _, loc := range ic.re.FindAllStringIndex(clause, -1) {
			if isWordByte(byteAt(clause, loc[0]-1)) {
				continue
			}
			if (ic.cue == "paid" || ic.cue == "promise") && negationRe.MatchString(clause[max(0, loc[0]-30):loc[0]]) {
				continue
			}
			return ic.cue
		}
	}
	return ""
}
