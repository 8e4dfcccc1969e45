package extract

import (
	"regexp"
	"strings"
)

// Invoice references come in two shapes: a number with an invoice-like
// prefix ("F-2025-01187", "FA25-0456", "INV-10442", "RE-2026-5512"), and
// bare digits after an invoice word ("facture 1187", "invoice #10442",
// "Rechnung Nr. 4711", "factures 1187 et 1203").
var (
	prefixedRefRe = regexp.MustCompile(`^(?:FACT|FAC|FAK|FAT|FCT|INV|AVO|RECH|FA|FC|FV|FT|FK|IN|IV|RE|RG|RN|AV|CN|NC|NF|F|R)[-/ _.]?(?:\d{2,4}(?:[-/]\d{2,8}){1,2}|\d{4,10})\b`)
	keywordRefRe  = regexp.MustCompile(`^(?:factures?|fact\.|fac\.|invoices?|inv\.|rechnung(?:en|snummer|snr\.?)?|rg\.|facturas?|fatture|fattura|factuur|facturen|avoirs?|credit notes?|gutschrift(?:en)?)\s*(?:(?:n[°º]|nr|no|num(?:éro|ero|ber)?|núm|n)\.?\s*)?(?:#\s*)?:?\s*(\d{3,10}(?:\s*(?:,|;|/|&|\bet\b|\band\b|\bund\b|\by\b|\be\b|\ben\b)\s*(?:n[°º]\s*)?\d{3,10})*)`)
	digitsRe      = regexp.MustCompile(`\d{3,10}`)
	amountAfterRe = regexp.MustCompile(`(?i)^(?:[.,]\d|\s?(?:€|eur\b|euros?\b|\$|£|chf\b))`)
)

// Refs returns the invoice and credit-note references found in texts, in
// order of appearance, without duplicates: "F-2025-01187", "FA25-0456",
// "INV-10442", "AV-2026-0077", and the digits after an invoice word
// ("facture 1187", "invoice #10442", "Rechnung Nr. 4711", "factura 5120").
// Bare digits are dropped when a full reference already ends with them;
// amounts, dates and phone numbers are not references. Each text is read
// up to MaxScan bytes.
func Refs(texts ...string) []string {
	var full []string
	type ref struct {
		s    string
		bare bool
	}
	var all []ref
	seen := map[string]bool{}
	add := func(s string, isBare bool) {
		k := refKey(s)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		all = append(all, ref{s, isBare})
		if !isBare {
			full = append(full, s)
		}
	}
	for _, t := range texts {
		t = Head(t, MaxScan)
		type hit struct {
			at   int
			s    string
			bare bool
		}
		var hits []hit
		for _, at := range prefixedCandidates(t) {
			if loc := prefixedRefRe.FindStringIndex(t[at:]); loc != nil {
				hits = append(hits, hit{at, strings.TrimSpace(t[at : at+loc[1]]), false})
			}
		}
		// The lower-cased copy keeps every byte where it is; the
		// references after a keyword are read from it.
		_, lower := prepare(t)
		for _, at := range keywordCandidates(lower) {
			m := keywordRefRe.FindStringSubmatchIndex(lower[at:])
			if m == nil {
				continue
			}
			list := lower[at+m[2] : at+m[3]]
			for _, d := range digitsRe.FindAllStringIndex(list, -1) {
				end := at + m[2] + d[1]
				if amountAfterRe.MatchString(lower[end:]) {
					continue // an amount, not a number
				}
				hits = append(hits, hit{at + m[2] + d[0], list[d[0]:d[1]], true})
			}
		}
		sortHits := func(i, j int) bool { return hits[i].at < hits[j].at }
		for i := 1; i < len(hits); i++ { // insertion sort: a handful of hits
			for j := i; j > 0 && sortHits(j, j-1); j-- {
				hits[j], hits[j-1] = hits[j-1], hits[j]
			}
		}
		for _, h := range hits {
			add(h.s, h.bare)
		}
	}
	tails := map[string]bool{}
	for _, f := range full {
		tails[strings.TrimLeft(lastDigitRun(f), "0")] = true
	}
	var out []string
	for _, r := range all {
		if r.bare && tails[strings.TrimLeft(r.s, "0")] {
			continue
		}
		out = append(out, r.s)
	}
	return out
}

// refPrefixLetters are the letters invoice prefixes are made of.
const refPrefixLetters = "ACEFGHIKNORTV"

// prefixedCandidates returns where a prefixed reference may start: the
// start of a run of at most four capitals, at a word boundary, followed by
// digits, maybe after one separator. Scanning for these first spares the
// regexp a try at every byte of a long quoted history.
func prefixedCandidates(t string) []int {
	var out []int
	for i := 1; i < len(t); i++ {
		if !isDigitByte(t[i]) || isDigitByte(t[i-1]) {
			continue
		}
		j := i
		if strings.IndexByte("-/ _.", t[j-1]) >= 0 {
			j--
		}
		k := j
		for k > 0 && j-k < 4 && strings.IndexByte(refPrefixLetters, t[k-1]) >= 0 {
			k--
		}
		if k == j || (k > 0 && isWordByte(t[k-1])) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// keywordStems start every invoice word keywordRefRe knows.
var keywordStems = []string{"fact", "fac.", "invoice", "inv.", "rechnung", "rg.", "fattur", "avoir", "credit note", "gutschrift"}

// keywordCandidates returns where, in lower-cased text, an invoice word starts at a word boundary.
func keywordCandidates(lower string) []int {
	var out []int
	for _, stem := range keywordStems {
		for off := 0; ; {
			i := strings.Index(lower[off:], stem)
			if i < 0 {
				break
			}
			at := off + i
			if at == 0 || !isWordByte(lower[at-1]) {
				out = append(out, at)
			}
			off = at + len(stem)
		}
	}
	return out
}

// refKey is the form references are compared in: upper case, letters and digits only.
func refKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lastDigitRun returns the last run of digits of s.
func lastDigitRun(s string) string {
	end := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] >= '0' && s[i] <= '9' {
			if end < 0 {
				end = i + 1
			}
		} else if end >= 0 {
			return s[i+1 : end]
		}
	}
	if end < 0 {
		return ""
	}
	return s[:end]
}
