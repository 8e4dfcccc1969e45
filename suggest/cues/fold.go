package cues

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps the Latin runes below latinEnd to their lowercase,
// accentless spelling. Built once: folding then costs one lookup per rune,
// where a normalization transform would cost an allocation per word.
var foldTable = buildFoldTable()

const latinEnd = 0x250

// ligatures fold to several letters; NFD leaves them alone.
var ligatures = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i",
}

func buildFoldTable() [latinEnd]string {
	var t [latinEnd]string
	for r := rune(0); r < latinEnd; r++ {
		if s, ok := ligatures[r]; ok {
			t[r] = s
			continue
		}
		var b strings.Builder
		for _, d := range norm.NFD.String(string(unicode.ToLower(r))) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
		t[r] = b.String()
	}
	return t
}

// appendFolded appends the folded spelling of r to b: lowercase, accents
// and ligatures folded. Combining marks fold to nothing.
func appendFolded(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if r < latinEnd {
		return append(b, foldTable[r]...)
	}
	if unicode.Is(unicode.Mn, r) {
		return b
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// isApostrophe reports the apostrophes customers type: straight, curly,
// backtick, acute and the modifier letter.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '´', 'ʼ':
		return true
	}
	return false
}

// isHyphen reports hyphens and dashes.
func isHyphen(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '−':
		return true
	}
	return false
}

// Fold returns text lowercased with accents and ligatures folded
// ("Déjà réglé" → "deja regle", "Grüße" → "grusse"), every apostrophe
// written ' and every hyphen -, and runs of white space collapsed to one
// space, trimmed. Lexicon patterns and replies are compared in this form.
func Fold(text string) string {
	b := make([]byte, 0, len(text))
	space := false
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			space = len(b) > 0
			continue
		case isApostrophe(r):
			r = '\''
		case isHyphen(r):
			r = '-'
		case r == utf8.RuneError:
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = appendFolded(b, r)
	}
	return string(b)
}
