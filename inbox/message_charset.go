package inbox

import (
	"bytes"
	"encoding/base64"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding/charmap"
)

// decodeCharset converts b from the named charset to valid UTF-8. It never
// fails: an unknown charset is read as UTF-8 when the bytes are valid UTF-8,
// else as Windows-1252, and warning says so.
func decodeCharset(label string, b []byte) (s string, warning string) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch label {
	case "", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "windows-1252", "cp1252", "x-cp1252":
		// Mail labelled ASCII or Latin-1 is Windows-1252 in practice (curly
		// quotes, €), and unlabelled 8-bit text is often UTF-8.
		if isASCII(b) {
			return string(b), ""
		}
		if label == "" || label == "us-ascii" || label == "ascii" || label == "ansi_x3.4-1968" {
			if utf8.Valid(b) {
				return string(b), ""
			}
			if label == "" {
				warning = "8-bit text without charset: decoded as Windows-1252"
			} else {
				warning = "8-bit text labelled " + label + ": decoded as Windows-1252"
			}
		}
		return decodeWindows1252(b), warning
	case "utf-8", "utf8", "x-utf-8", "unicode-1-1-utf-8":
		return validUTF8(b), invalidWarning(b)
	}
	r, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		if utf8.Valid(b) {
			return validUTF8(b), "unknown charset " + label + ": decoded as UTF-8"
		}
		return decodeWindows1252(b), "unknown charset " + label + ": decoded as Windows-1252"
	}
	out, err := io.ReadAll(r)
	if err != nil {
		warning = "charset " + label + ": " + err.Error()
	}
	return validUTF8(out), warning
}

// lenientCharsetReader is the CharsetReader of header decoding: it never
// fails, for a header is worth more half-decoded than dropped.
func lenientCharsetReader(label string, r io.Reader) (io.Reader, error) {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, err
	}
	s, _ := decodeCharset(label, b)
	return strings.NewReader(s), nil
}

func invalidWarning(b []byte) string {
	if utf8.Valid(b) {
		return ""
	}
	return "invalid UTF-8 replaced"
}

// validUTF8 returns b as a string with invalid sequences replaced and a
// leading byte order mark dropped.
func validUTF8(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	return strings.TrimPrefix(s, "\uFEFF")
}

func decodeWindows1252(b []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return validUTF8(b)
	}
	return validUTF8(out)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeTransfer undoes a Content-Transfer-Encoding, leniently: broken
// base64 is decoded as far as it goes, bad quoted-printable escapes are kept
// as they are. The warning says what was repaired.
func decodeTransfer(enc string, b []byte) ([]byte, string) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		out, bad := decodeBase64Lenient(b)
		if bad {
			return out, "invalid base64 data skipped"
		}
		return out, ""
	case "quoted-printable":
		return decodeQP(b), ""
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
		return b, ""
	default:
		return b, "unknown transfer encoding " + strings.ToLower(enc) + ": read as is"
	}
}

// decodeBase64Lenient decodes base64 the way mail needs: white space,
// padding and base64url characters anywhere are accepted; a line holding
// anything else is garbage (a broken gateway, a stray signature) and is
// skipped whole, so the lines after it still decode in step. bad reports
// that something was skipped or the data ended in the middle of a byte.
func decodeBase64Lenient(b []byte) (out []byte, bad bool) {
	// Well-formed base64 (the standard decoder skips line ends) is the
	// common case; the lenient pass below is for the rest.
	out = make([]byte, base64.StdEncoding.DecodedLen(len(b)))
	if n, err := base64.StdEncoding.Decode(out, b); err == nil {
		return out[:n], false
	}
	out = make([]byte, 0, len(b)*3/4+3)
	clean := make([]byte, 0, len(b))
	// flush decodes the characters gathered so far: at the end, and at a
	// padding "=" that ends a group (two encodings glued together).
	flush := func() {
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1]
			bad = true
		}
		n0 := len(out)
		out = slices.Grow(out, base64.RawStdEncoding.DecodedLen(len(clean)))
		out = out[:n0+base64.RawStdEncoding.DecodedLen(len(clean))]
		n, err := base64.RawStdEncoding.Decode(out[n0:], clean)
		if err != nil {
			bad = true
		}
		out = out[:n0+n]
		clean = clean[:0]
	}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		start := len(clean)
		for _, c := range line {
			switch {
			case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
				clean = append(clean, c)
			case c == '-':
				clean = append(clean, '+')
			case c == '_':
				clean = append(clean, '/')
			case c == '=':
				if len(clean)%4 != 0 {
					flush()
				}
				start = len(clean)
			case c == ' ', c == '\t', c == '\r':
			default:
				clean = clean[:start]
				bad = true
				goto next
			}
		}
	next:
	}
	flush()
	return out, bad
}

// decodeQP decodes quoted-printable: "=XX" escapes, soft line breaks
// ("=" at the end of a line, maybe followed by spaces); an "=" starting
// neither is kept.
func decodeQP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
			continue
		}
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		switch {
		case j < len(b) && b[j] == '\n':
			i = j
		case j+1 < len(b) && b[j] == '\r' && b[j+1] == '\n':
			i = j + 1
		case j == len(b):
			i = j
		default:
			out = append(out, '=')
		}
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
