package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Amount is a sum of money a reply quotes.
type Amount struct {
	Minor    int64  // in hundredths of the currency: cents, Rappen, pence
	Currency string // ISO 4217: EUR, USD, GBP, CHF
	Text     string // as written
	Start    int    // byte offset of Text in the input
	End      int    // byte offset just past Text
}

// amountNum is a number as written in FR EN DE ES IT: groups of three
// digits apart by a space (no-break and thin spaces are turned into one to
// three spaces before), a dot, a comma or an apostrophe; a decimal part of
// one or two digits.
const amountNum = `(\d{1,3}(?:(?:[.,'’]| {1,3})\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`

// amountRe is a number with a currency before or after it.
var amountRe = regexp.MustCompile(`(€|\$|£|chf|eur|usd|gbp)\s{0,3}` + amountNum + `(\.-|,-)?` +
	`|` + amountNum + `\s{0,3}(€|euros?|eur|\$|£|chf|usd|gbp|dollars?|livres? sterling|pounds?|francs? suisses|francs?|\.-|,-)`)

// currencies maps the symbols and words of amountRe to ISO codes.
var currencies = map[string]string{
	"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
	"$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
	"£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "livre sterling": "GBP", "livres sterling": "GBP",
	"chf": "CHF", "franc": "CHF", "francs": "CHF", "franc suisses": "CHF", "francs suisses": "CHF", ".-": "CHF", ",-": "CHF",
}

// maxAmountDigits bounds the integer part of an amount: int64 holds it in
// hundredths with room to spare.
const maxAmountDigits = 13

// Amounts returns the sums of money text quotes with their currency, in
// order: "1 245,60 €", "€1,245.60", "1.245,60 EUR", "CHF 300.-", "£90",
// "1'250.50 CHF". Numbers without a currency (phone numbers, postcodes,
// quantities) are not amounts.
func Amounts(text string) []Amount {
	orig, scan := prepare(text)
	var out []Amount
	for pos := 0; pos < len(scan); {
		g := amountRe.FindStringSubmatchIndex(scan[pos:])
		if g == nil {
			break
		}
		for i := range g {
			if g[i] >= 0 {
				g[i] += pos
			}
		}
		s, e := g[0], g[1]
		num, cur := g[4:6], g[2:4] // "€ 12", "CHF 300.-"
		if g[2] < 0 {
			num, cur = g[8:10], g[10:12] // "12 €"
		}
		minor, ok := parseAmount(scan[num[0]:num[1]])
		code := currencies[scan[cur[0]:cur[1]]]
		if !ok || code == "" || !amountEdges(scan, s, e, num[0]) {
			pos = s + 1
			continue
		}
		out = append(out, Amount{Minor: minor, Currency: code, Text: orig[s:e], Start: s, End: e})
		pos = e
	}
	return out
}

// amountEdges reports whether the amount at scan[s:e] stands alone: its
// number is not the tail of a longer one, and a currency word ends there.
func amountEdges(scan string, s, e, numStart int) bool {
	if before := byteAt(scan, numStart-1); isDigitByte(before) || isLetterByte(before) && numStart == s ||
		strings.IndexByte(".,", before) >= 0 && isDigitByte(byteAt(scan, numStart-2)) {
		return false
	}
	if isWordByte(byteAt(scan, s-1)) {
		return false
	}
	last := scan[e-1]
	return !(isLetterByte(last) && isLetterByte(byteAt(scan, e))) && !(isDigitByte(last) && isWordByte(byteAt(scan, e)))
}

// parseAmount reads a number of amountNum in hundredths.
func parseAmount(num string) (int64, bool) {
	intPart, frac := num, ""
	if i := strings.LastIndexAny(num, ".,"); i >= 0 && len(num)-i-1 <= 2 {
		intPart, frac = num[:i], num[i+1:]
	}
	var digits strings.Builder
	for _, r := range intPart {
		if '0' <= r && r <= '9' {
			digits.WriteRune(r)
		}
	}
	ds := strings.TrimLeft(digits.String(), "0")
	if len(ds) > maxAmountDigits {
		return 0, false
	}
	n := int64(0)
	if ds != "" {
		v, err := strconv.ParseInt(ds, 10, 64)
		if err != nil {
			return 0, false
		}
		n = v
	}
	if len(frac) == 1 {
		frac += "0"
	}
	f := int64(0)
	if frac != "" {
		f = int64(atoi(frac))
	}
	return n*100 + f, true
}
