package cues

import (
	"unicode"
	"unicode/utf8"
)

// kind tells what a token stands for, so that pattern slots such as {date}
// can match it whatever its spelling.
type kind uint8

const (
	kindWord     kind = iota // letters, possibly with digits
	kindNum                  // digits, possibly with . , / - between them
	kindDate                 // a number shaped like a date: 12/03, 12.03.2025, 2025-03-12
	kindCurrency             // €, $, £
)

// token is one word of a text: its folded spelling lives in the scratch
// buffer at buf[fs:fe], its bytes in the original text at [start, end).
type token struct {
	fs, fe     int
	start, end int
	clause     int
	kind       kind
	class      class
	root       *node // the trie's first step on this word, if any
}

// scratch holds the buffers of one matching pass, pooled by the Lexicon.
type scratch struct {
	vocab map[string]vocabEntry // the lexicon's words; nil for patterns
	root  *node                 // the lexicon's trie
	buf   []byte
	toks  []token
	hits  []hit
}

func (s *scratch) text(t token) string { return string(s.buf[t.fs:t.fe]) }

// word returns the folded spelling of token i without allocating when the
// caller only compares it or uses it as a map key.
func (s *scratch) word(i int) []byte { t := s.toks[i]; return s.buf[t.fs:t.fe] }

// isClauseBreak reports punctuation that ends a clause: negation and
// patterns never reach across it.
func isClauseBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '«', '»', '“', '”', '•', '\n', '\r', '|', '<', '>':
		return true
	}
	return false
}

func isCurrency(r rune) bool { return r == '€' || r == '$' || r == '£' }

// isNumSep reports separators that stay inside a number or a date when a
// digit follows: 1.234,56 12/03/2025 2025-03-12.
func isNumSep(r rune) bool { return r == '.' || r == ',' || r == '/' || isHyphen(r) }

// conjunctions open a new clause: "we paid but the goods are missing".
var conjunctions = map[string]bool{
	"mais": true, "but": true, "aber": true, "sondern": true, "pero": true,
	"maar": true, "however": true, "cependant": true, "toutefois": true,
	"pourtant": true, "tuttavia": true, "pero'": true, "jedoch": true,
}

// tokenize splits text into folded tokens, reusing the scratch buffers.
// Apostrophes and hyphens split words ("n'avons" → "ne avons", "e-mail" →
// "e mail"); English "n't" becomes "not" ("haven't" → "have not").
func (s *scratch) tokenize(text string) {
	s.buf, s.toks = s.buf[:0], s.toks[:0]
	clause := 0
	in := false // inside a token
	var cur token
	afterApos := false // the current token follows an apostrophe
	digitsOnly := true
	finish := func() {
		if !in {
			return
		}
		in = false
		cur.fe = len(s.buf)
		if digitsOnly {
			cur.kind = kindNum
			if isDateShape(s.buf[cur.fs:cur.fe]) {
				cur.kind = kindDate
			}
		}
		w := s.buf[cur.fs:cur.fe]
		if s.vocab != nil {
			v := s.vocab[string(w)]
			cur.class, cur.root = v.class, v.root
		} else if !digitsOnly {
			cur.class = classes[string(w)]
		}
		if cur.class&classConj != 0 {
			clause++
			cur.clause = clause
		}
		if afterApos && string(w) == "t" && len(s.toks) > 0 {
			s.contractNot(&cur)
			cur.class, cur.root = classNegator, s.vocab["not"].root
		}
		if string(w) == "cannot" {
			s.buf = append(s.buf[:cur.fs], "can"...)
			cur.fe = len(s.buf)
			cur.class, cur.root = 0, s.vocab["can"].root
			s.toks = append(s.toks, cur)
			cur.fs = len(s.buf)
			s.buf = append(s.buf, "not"...)
			cur.fe = len(s.buf)
			cur.class, cur.root = classNegator, s.vocab["not"].root
		}
		s.toks = append(s.toks, cur)
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (in && unicode.Is(unicode.Mn, r)):
			if !in {
				in, digitsOnly = true, true
				cur = token{fs: len(s.buf), start: i, clause: clause}
			}
			if !unicode.IsDigit(r) {
				digitsOnly = false
			}
			s.buf = appendFolded(s.buf, r)
			cur.end = i + size
			i += size
			continue
		case in && digitsOnly && isNumSep(r) && nextIsDigit(text, i+size):
			c := byte(r)
			if isHyphen(r) {
				c = '-'
			}
			s.buf = append(s.buf, c)
			i += size
			continue
		}
		wasWord := in
		finish()
		afterApos = false
		switch {
		case isApostrophe(r):
			if wasWord {
				s.elide()
				afterApos = true
			}
		case isCurrency(r):
			s.toks = append(s.toks, token{fs: len(s.buf), start: i, end: i + size, clause: clause, kind: kindCurrency})
			s.buf = utf8.AppendRune(s.buf, r)
			s.toks[len(s.toks)-1].fe = len(s.buf)
		case isClauseBreak(r):
			clause++
		}
		i += size
	}
	finish()
}

// elide spells out the French negation particle written before an
// apostrophe: "n'avons" reads "ne avons", like "ne l'avons".
func (s *scratch) elide() {
	last := &s.toks[len(s.toks)-1]
	if string(s.buf[last.fs:last.fe]) == "n" && last.fe == len(s.buf) {
		s.buf = append(s.buf, 'e')
		last.fe = len(s.buf)
	}
}

// contractNot turns the "t" of "n't" into "not" and drops the "n" from the
// verb before it: "haven't" reads "have not", "can't" "can not", "won't"
// "will not".
func (s *scratch) contractNot(cur *token) {
	prev := &s.toks[len(s.toks)-1]
	w := string(s.buf[prev.fs:prev.fe])
	if len(w) < 2 || w[len(w)-1] != 'n' || cur.start-prev.end > utf8.UTFMax || prev.fe != cur.fs {
		return
	}
	s.buf = s.buf[:prev.fe]
	switch w {
	case "can":
	case "won":
		s.buf = append(s.buf[:prev.fs], "will"...)
		prev.fe = len(s.buf)
	default:
		prev.fe--
		s.buf = s.buf[:prev.fe]
	}
	cur.fs = len(s.buf)
	s.buf = append(s.buf, "not"...)
	cur.fe = len(s.buf)
}

func nextIsDigit(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsDigit(r)
}

// isDateShape reports d{1,2}[./-]d{1,2}([./-]d{2,4})? and d{4}-d{2}-d{2}.
func isDateShape(b []byte) bool {
	var parts [4]int
	n, sep := 0, byte(0)
	for _, c := range b {
		if c >= '0' && c <= '9' {
			parts[n]++
			continue
		}
		if c == ',' || (sep != 0 && c != sep) || n == 2 {
			return false
		}
		sep = c
		n++
	}
	if sep == 0 {
		return false
	}
	if n == 2 && parts[0] == 4 && sep == '-' {
		return parts[1] == 2 && parts[2] == 2
	}
	ok := parts[0] >= 1 && parts[0] <= 2 && parts[1] >= 1 && parts[1] <= 2
	if n == 2 {
		ok = ok && parts[2] >= 2 && parts[2] <= 4
	}
	return ok
}
