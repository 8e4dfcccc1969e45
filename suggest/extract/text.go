package extract

import (
	"unicode"
	"unicode/utf8"
)

// prepare returns the part of text that is read (at most MaxScan bytes, cut
// on a character boundary) and a copy of it for the regular expressions:
// lower-cased, and with no-break and thin spaces turned into as many ASCII
// spaces as they take bytes. Byte offsets are the same in both, so a match
// in the copy is cut from the original as written.
func prepare(text string) (orig, scan string) {
	orig = Head(text, MaxScan)
	b := make([]byte, 0, len(orig))
	for i := 0; i < len(orig); {
		r, n := utf8.DecodeRuneInString(orig[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b = append(b, ' ')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		case unicode.IsSpace(r) || r == '\u202f' || r == '\u2009' || r == '\u2007':
			for range n {
				b = append(b, ' ')
			}
		default:
			if l := unicode.ToLower(r); utf8.RuneLen(l) == n {
				r = l
			}
			b = utf8.AppendRune(b, r)
		}
		i += n
	}
	return orig, string(b)
}

// Head returns at most the first n bytes of s, cut on a character boundary.
func Head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

// isWordByte reports ASCII letters and digits, and any byte of a UTF-8
// sequence (accented letters): what \b treats as a word around a reference.
func isWordByte(c byte) bool {
	return isDigitByte(c) || isLetterByte(c) || c == '_'
}

// byteAt returns s[i], or 0 outside s.
func byteAt(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}
