package suggest

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Typed tokens replace values whose exact digits carry no intent: "paid on
// 12/03" and "paid on 28/11" must look alike.
const (
	TokDate   = "_date_"
	TokAmount = "_amount_"
	TokRef    = "_ref_"
	TokNum    = "_num_"
)

var (
	reDate   = regexp.MustCompile(`\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b`)
	reAmount = regexp.MustCompile(`(?:[€$£]\s?\d[\d\s.,]*\d|\d[\d\s.,]*\d?\s?(?:€|eur\b|euros?\b|usd\b|gbp\b|\$|£))`)
	reRef    = regexp.MustCompile(`\b[a-z]{1,5}[-/]?\d{2,4}[-/]?\d{2,}\b|\b[a-z]{1,5}[-/]\d{2,}\b`)
	reNum    = regexp.MustCompile(`\b\d+(?:[.,]\d+)?\b`)
)

// foldAccents pools the accent-folding transformers: a transform.Chain keeps
// buffers between calls, so one must never serve two goroutines at once.
var foldAccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Normalize lowercases text, folds accents ("échéance" → "echeance") and
// replaces dates, amounts, references and numbers with typed tokens.
func Normalize(text string) string {
	t := foldAccents.Get().(transform.Transformer)
	s, _, err := transform.String(t, strings.ToLower(text))
	foldAccents.Put(t)
	if err != nil {
		s = strings.ToLower(text)
	}
	s = reDate.ReplaceAllString(s, " "+TokDate+" ")
	s = reAmount.ReplaceAllString(s, " "+TokAmount+" ")
	s = reRef.ReplaceAllString(s, " "+TokRef+" ")
	s = reNum.ReplaceAllString(s, " "+TokNum+" ")
	return s
}

// Words splits normalized text into word tokens; typed tokens stay whole.
func Words(normalized string) []string {
	return strings.FieldsFunc(normalized, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
}
