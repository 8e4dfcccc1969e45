package inbox

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileName bounds the name of a file a customer sends, in bytes: longer
// names are cut, keeping their extension.
const maxFileName = 200

// cleanFileName makes the name of a file a customer sent, on the web form
// or in a mail, safe to store and show: valid UTF-8, no control character
// (a NUL the store refuses, a line break that forges a header) and no
// bidirectional override, which makes "facture\u202Efdp.exe" look like
// "facturexe.pdf".
func cleanFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.TrimSpace(name)
	if len(name) <= maxFileName {
		return name
	}
	ext := name[strings.LastIndexByte(name, '.')+1:]
	if len(ext) > 10 || strings.LastIndexByte(name, '.') < 0 {
		ext = ""
	}
	head := name[:maxFileName-len(ext)-1]
	for !utf8.ValidString(head) {
		head = head[:len(head)-1]
	}
	if ext == "" {
		return head
	}
	return head + "." + ext
}

// cleanFormText makes the free text of a web-form answer safe to store:
// control characters other than line breaks and tabs (a NUL the store
// refuses) and bidirectional overrides are dropped.
func cleanFormText(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// isBidiControl reports the invisible characters that reorder the text
// around them: embeddings, overrides and isolates.
func isBidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}
