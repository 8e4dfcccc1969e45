package inbox

import (
	"regexp"
	"strings"

	"github.com/triage-ar/triage/triage"
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

// InvoiceRefs returns the invoice-like references found in texts, in order
// of appearance, without duplicates. Bare digits are dropped when a full
// reference already ends with them.
func InvoiceRefs(texts ...string) []string {
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
		// Lower-casing keeps the digits where they are relative to the
		// keyword; the references are read from the lower-cased text.
		lower := strings.ToLower(t)
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

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte reports ASCII letters and digits, and any byte of a UTF-8
// sequence (accented letters): what \b treats as a word around a reference.
func isWordByte(c byte) bool {
	return isDigitByte(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
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

// ItemsReferenced returns the numbers of the items refs designate, in the
// order of items: the reply's references resolved against a customer's
// open items.
func ItemsReferenced(refs []string, items []triage.Item) []string {
	var out []string
	for _, it := range items {
		if itemReferenced(it.Number, refs) {
			out = append(out, it.Number)
		}
	}
	return out
}

// CustomerByInvoices returns the customer whose items refs designate, when
// they designate items of exactly one customer: the last resort of matching
// after the thread and the sender (MatchCustomer).
func CustomerByInvoices(refs []string, items []triage.Item) (int64, bool) {
	var owner int64
	for _, it := range items {
		if !itemReferenced(it.Number, refs) {
			continue
		}
		if owner != 0 && owner != it.CustomerID {
			return 0, false
		}
		owner = it.CustomerID
	}
	return owner, owner != 0
}

// ThreadIDs returns the message ids a reply answers, nearest first: its
// In-Reply-To, then its References from the newest. A reminder we sent
// among them links the reply to that reminder's customer.
func (m *Message) ThreadIDs() []string {
	var out []string
	seen := map[string]bool{"": true}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	add(m.InReplyTo)
	for i := len(m.References) - 1; i >= 0; i-- {
		add(m.References[i])
	}
	return out
}

// itemReferenced reports whether one of refs designates the item number:
// in full, or by its last digits ("1187" for F-2025-01187).
func itemReferenced(number string, refs []string) bool {
	key := refKey(number)
	tail := strings.TrimLeft(lastDigitRun(number), "0")
	for _, r := range refs {
		rk := refKey(r)
		if rk == key {
			return true
		}
		if len(tail) >= 3 && strings.TrimLeft(rk, "0") == tail {
			return true
		}
	}
	return false
}

// freeMailDomains are consumer mail providers: a sender there says nothing
// about which company it writes for, so matching never goes by them.
var freeMailDomains = map[string]bool{}

func init() {
	for _, d := range strings.Fields(`gmail.com googlemail.com yahoo.com yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.co.uk
		ymail.com hotmail.com hotmail.fr hotmail.de hotmail.es hotmail.it hotmail.co.uk outlook.com outlook.fr outlook.de
		outlook.es live.com live.fr live.de msn.com icloud.com me.com mac.com aol.com aol.fr gmx.de gmx.net gmx.fr gmx.com
		web.de t-online.de freenet.de orange.fr wanadoo.fr free.fr sfr.fr neuf.fr laposte.net bbox.fr numericable.fr
		libero.it virgilio.it tiscali.it alice.it telefonica.net terra.es protonmail.com proton.me tutanota.com
		zoho.com mail.com yandex.com yandex.ru mail.ru qq.com 163.com skynet.be telenet.be bluewin.ch ziggo.nl kpnmail.nl`) {
		freeMailDomains[d] = true
	}
}
