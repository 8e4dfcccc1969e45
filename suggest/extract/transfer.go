package extract

import (
	"regexp"
	"strings"
)

var (
	// transferKeyRe is a word that introduces a bank-transfer reference,
	// matched in lower-cased text and followed by the reference.
	transferKeyRe = regexp.MustCompile(`(?:référence|reference|referenz|referencia|riferimento|réf\.?|ref\.?|libellé|motif|verwendungszweck|concepto|causale|end-to-end(?:\s+id)?|e2e(?:\s+id)?|endtoendid|uetr|cro|trn|transaction\s+(?:id|ref(?:erence)?))` +
		`(?:\s+(?:de|du|of|of the|des|del|de la|della|der|dell['’]))?(?:\s+(?:virement|paiement|transferencia|transfer|payment|bank|überweisung|zahlung|pago|bonifico|pagamento|opération|operation))?` +
		`\s*(?:n[°º]|no\.?|nr\.?|#)?\s*:?\s*([a-z0-9][a-z0-9\-/._]{2,34}[a-z0-9])`)
	// transferWordRe says the sentence is about a payment, so that a plain
	// "référence" is the transfer's.
	transferWordRe = regexp.MustCompile(`virement|viré|transfer|wire|payment|paiement|réglé|payé|paid|überweisung|überwiesen|zahlung|transferencia|pago|bonifico|pagamento|sepa|bank|banque|banca|banco`)
	// explicitKeyRe are the keys that need no payment word around them.
	explicitKeyRe = regexp.MustCompile(`virement|paiement|transfer|payment|bank|überweisung|zahlung|transferencia|pago|bonifico|pagamento|verwendungszweck|end-to-end|e2e|endtoendid|uetr|cro|trn|transaction|libellé|motif|causale|concepto`)
	// creditorRefRe is an ISO 11649 creditor reference: RF, two check
	// digits, up to 21 letters and digits in groups of four.
	creditorRefRe = regexp.MustCompile(`\bRF\d{2}(?: ?[0-9A-Z]{1,4}){1,6}\b`)
)

// TransferRefs returns the bank-transfer references text gives, in order,
// without duplicates: after a transfer key ("référence de virement
// VIR-2026-4471", "ref. 0045-778" in a sentence about a payment,
// "Verwendungszweck: 2026-4471", "end-to-end id E2E2026031500042"), and
// SEPA creditor references ("RF18 5390 0754 7034") whose check digits are
// right. Invoice references are not transfer references.
func TransferRefs(text string) []string {
	orig, scan := prepare(text)
	invoices := map[string]bool{}
	for _, r := range Refs(orig) {
		invoices[refKey(r)] = true
	}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		k := refKey(s)
		if k != "" && !seen[k] && !invoices[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	type hit struct {
		at int
		s  string
	}
	var hits []hit
	for _, g := range transferKeyRe.FindAllStringSubmatchIndex(scan, -1) {
		s, ref := g[0], orig[g[2]:g[3]]
		if isWordByte(byteAt(scan, s-1)) || !strings.ContainsAny(ref, "0123456789") {
			continue
		}
		if !explicitKeyRe.MatchString(scan[s:g[2]]) {
			lo := max(0, s-cueWindow)
			if i := lastSentenceBreak(scan[lo:s]); i >= 0 {
				lo += i
			}
			if !transferWordRe.MatchString(scan[lo:s]) {
				continue
			}
		}
		hits = append(hits, hit{g[2], strings.TrimRight(ref, ".-/_")})
	}
	for _, loc := range creditorRefRe.FindAllStringIndex(orig, -1) {
		if ref := strings.TrimSpace(orig[loc[0]:loc[1]]); validCreditorRef(ref) {
			hits = append(hits, hit{loc[0], ref})
		}
	}
	for i := 1; i < len(hits); i++ { // insertion sort: a handful of hits
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	for _, h := range hits {
		add(h.s)
	}
	return out
}

// validCreditorRef checks the ISO 7064 mod 97-10 digits of an RF reference.
func validCreditorRef(ref string) bool {
	k := refKey(ref)
	if len(k) < 5 || len(k) > 25 {
		return false
	}
	rem := 0
	for _, c := range k[4:] + k[:4] {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		default:
			rem = (rem*100 + int(c-'A') + 10) % 97
		}
	}
	return rem == 1
}
