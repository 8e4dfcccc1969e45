package inbox

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/textproto"
)

// knownFields are header fields only messages have: a block of "Key: value"
// lines holding none of them is some other text.
var knownFields = map[string]bool{
	"From": true, "To": true, "Cc": true, "Subject": true, "Date": true, "Message-Id": true,
	"Mime-Version": true, "Content-Type": true, "Received": true, "Return-Path": true,
	"Reply-To": true, "In-Reply-To": true, "References": true, "Delivered-To": true,
	"Sender": true, "Content-Transfer-Encoding": true, "Dkim-Signature": true,
	"X-Mailer": true, "User-Agent": true, "Thread-Topic": true, "Auto-Submitted": true,
}

// headerKeyRe matches the start of a header field line.
var headerKeyRe = regexp.MustCompile(`^[!-9;-~]+[ \t]*:`)

// readHeader reads a header block from br, tolerating what real mail gets
// wrong: an mbox "From " line, stray lines without a colon, a block that is
// not ended by a blank line (the offending line then starts the body). The
// fields are then parsed by go-message's textproto from a repaired copy.
// body is what follows the header. top asks for the checks only a whole
// message gets: a known message field must be present.
func (p *parser) readHeader(br *bufio.Reader, top bool) (h textproto.Header, body io.Reader, err error) {
	var clean bytes.Buffer
	fields, known, size := 0, false, 0
	var carry []byte // a body line read while looking for the header's end
	first := true
	for {
		line, rerr := readLine(br, p.lim.MaxHeaderBytes-size+1)
		size += len(line)
		if size > p.lim.MaxHeaderBytes {
			return h, nil, fmt.Errorf("%w: header exceeds %d bytes", ErrTooLarge, p.lim.MaxHeaderBytes)
		}
		if len(line) == 0 && rerr != nil {
			break // end of input: a message with a header and no body
		}
		trimmed := bytes.TrimRight(line, "\r\n")
		switch {
		case first && top && bytes.HasPrefix(line, []byte("From ")):
			// mbox separator of a message saved from a mail client.
		case len(bytes.TrimSpace(trimmed)) == 0:
			if fields == 0 && top {
				break // blank lines before the header
			}
			goto done
		case trimmed[0] == ' ' || trimmed[0] == '\t':
			if fields > 0 {
				clean.Write(trimmed)
				clean.WriteString("\r\n")
			}
		case headerKeyRe.Match(trimmed):
			clean.Write(trimmed)
			clean.WriteString("\r\n")
			fields++
			k := string(trimmed[:bytes.IndexByte(trimmed, ':')])
			if knownFields[canonicalKey(strings.TrimSpace(k))] {
				known = true
			}
		default:
			if fields == 0 {
				if top {
					return h, nil, fmt.Errorf("%w: no header found", ErrNotMessage)
				}
				// A part without a header: RFC 2046 makes it text/plain.
				carry = line
				goto done
			}
			if next, _ := br.Peek(200); headerKeyRe.Match(next) {
				p.warnf("header line without a colon skipped: %q", truncateBytes(trimmed, 60))
				break
			}
			p.warnf("header not ended by a blank line")
			carry = line
			goto done
		}
		first = false
		if rerr != nil {
			break
		}
	}
done:
	if top && (fields == 0 || !known) {
		return h, nil, fmt.Errorf("%w: no header found", ErrNotMessage)
	}
	clean.WriteString("\r\n")
	h, perr := textproto.ReadHeader(bufio.NewReader(&clean))
	if perr != nil {
		p.warnf("header: %v", perr)
	}
	body = br
	if len(carry) > 0 {
		body = io.MultiReader(bytes.NewReader(carry), br)
	}
	return h, body, nil
}

// canonicalKey is net/textproto's canonical form of a header key.
func canonicalKey(k string) string {
	b := []byte(strings.ToLower(k))
	upper := true
	for i, c := range b {
		if upper && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upper = c == '-'
	}
	return string(b)
}

// readLine reads one line with its end, at most max bytes of it.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice('\n')
		out = append(out, chunk...)
		if err != bufio.ErrBufferFull {
			return out, err
		}
		if len(out) > max {
			return out, nil
		}
	}
}

func truncateBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// headers fills the message's header fields from the top header.
func (p *parser) headers(h textproto.Header) {
	m := p.msg
	p.hdr = h
	m.Subject = p.headerText(h.Get("Subject"))
	if from := p.addressList(h.Get("From"), "From"); len(from) > 0 {
		m.From = from[0]
	} else {
		p.warnf("no sender address")
	}
	m.To = p.addressList(h.Get("To"), "To")
	m.Cc = p.addressList(h.Get("Cc"), "Cc")
	if v := h.Get("Date"); v == "" {
		p.warnf("no Date header")
	} else if d, ok := parseDate(v); ok {
		m.Date = d
	} else {
		p.warnf("unreadable Date %q", truncateBytes([]byte(v), 60))
	}
	if ids := msgIDs(h.Get("Message-Id")); len(ids) > 0 {
		m.MessageID = ids[0]
	}
	if ids := msgIDs(h.Get("In-Reply-To")); len(ids) > 0 {
		m.InReplyTo = ids[0]
	}
	m.References = msgIDs(h.Get("References"))
}

// headerText decodes an unstructured header value: raw 8-bit bytes,
// RFC 2047 encoded words (also broken ones), folding and control characters.
func (p *parser) headerText(v string) string {
	if !utf8.ValidString(v) {
		v = decodeWindows1252([]byte(v))
		p.warnf("raw 8-bit header decoded as Windows-1252")
	}
	if strings.Contains(v, "=?") {
		v = p.decodeWords(v)
	}
	return tidyHeader(v)
}

// encodedWordRe matches an RFC 2047 encoded word, also the broken ones mail
// clients write: spaces inside, a missing "?=" at the end of the value.
var encodedWordRe = regexp.MustCompile(`=\?([^?\s]{1,40})\?([bBqQ])\?(.*?)(?:\?=|$)`)

// decodeWords decodes RFC 2047 encoded words. Adjacent words separated only
// by white space are joined before their charset is decoded, so a UTF-8
// character split across two words (as Outlook does) comes out whole.
func (p *parser) decodeWords(v string) string {
	var out strings.Builder
	var pend []byte
	var pendCS string
	flush := func() {
		if len(pend) > 0 {
			s, warn := decodeCharset(pendCS, pend)
			if warn != "" {
				p.warnf("header: %s", warn)
			}
			out.WriteString(s)
		}
		pend, pendCS = nil, ""
	}
	last := 0
	for _, loc := range encodedWordRe.FindAllStringSubmatchIndex(v, -1) {
		between := v[last:loc[0]]
		cs := strings.ToLower(v[loc[2]:loc[3]])
		if i := strings.IndexByte(cs, '*'); i >= 0 { // RFC 2231 language tag
			cs = cs[:i]
		}
		enc := v[loc[4]:loc[5]]
		text := v[loc[6]:loc[7]]
		if strings.TrimSpace(between) != "" || cs != pendCS {
			flush()
			out.WriteString(between)
		}
		var b []byte
		if enc == "b" || enc == "B" {
			b, _ = decodeBase64Lenient([]byte(text))
		} else {
			b = decodeQWord(text)
		}
		pend = append(pend, b...)
		pendCS = cs
		last = loc[1]
	}
	flush()
	out.WriteString(v[last:])
	return out.String()
}

// decodeQWord decodes the "Q" encoding of RFC 2047: quoted-printable with
// "_" for space.
func decodeQWord(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			b = append(b, ' ')
		case c == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return b
}

// tidyHeader unfolds a header value and drops control characters.
func tidyHeader(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range v {
		if unicode.IsSpace(r) || r == 0 {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B' {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// addressList parses an address header, falling back to picking the
// addresses out of it when it is not RFC 5322.
func (p *parser) addressList(v, field string) []Address {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if !utf8.ValidString(v) {
		v = decodeWindows1252([]byte(v))
	}
	ap := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: lenientCharsetReader}}
	if list, err := ap.ParseList(v); err == nil {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			name := a.Name
			if strings.Contains(name, "=?") { // an encoded word net/mail left alone: broken, spaces inside
				name = p.decodeWords(name)
			}
			out = append(out, Address{Name: tidyHeader(name), Email: cleanID(a.Address)})
		}
		return out
	}
	out := p.looseAddresses(v)
	if len(out) == 0 {
		p.warnf("%s: no address in %q", field, truncateBytes([]byte(v), 60))
	}
	return out
}

var (
	looseEmailRe = regexp.MustCompile(`[^\s<>"(),;:\[\]]+@[^\s<>"(),;:\[\]]+\.[^\s<>"(),;:\[\]]+`)
	addrSplitRe  = regexp.MustCompile(`[,;]`)
)

// looseAddresses picks addresses out of a header value net/mail rejects.
func (p *parser) looseAddresses(v string) []Address {
	var out []Address
	for _, chunk := range splitOutsideQuotes(v, addrSplitRe) {
		loc := looseEmailRe.FindStringIndex(chunk)
		if loc == nil {
			continue
		}
		email := chunk[loc[0]:loc[1]]
		name := chunk[:loc[0]] + " " + chunk[loc[1]:]
		name = strings.Trim(strings.TrimSpace(name), `<>"' `)
		if strings.Contains(name, "=?") {
			name = p.decodeWords(name)
		}
		out = append(out, Address{Name: tidyHeader(name), Email: cleanID(email)})
	}
	return out
}

// splitOutsideQuotes splits s at sep matches that are not inside double quotes.
func splitOutsideQuotes(s string, sep *regexp.Regexp) []string {
	var out []string
	in, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			in = !in
		case !in && sep.MatchString(s[i:i+1]):
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

var (
	msgIDRe       = regexp.MustCompile(`<([^<>\s]+)>`)
	dateCommentRe = regexp.MustCompile(`\([^)]*\)`)
	dateWeekdayRe = regexp.MustCompile(`^(?i:[a-z]{2,9}\.?,?)\s+`)
)

// msgIDs returns the message ids of a header, without angle brackets; a
// bare id without brackets is taken whole.
func msgIDs(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var out []string
	for _, m := range msgIDRe.FindAllStringSubmatch(v, -1) {
		if id := cleanID(m[1]); id != "" {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		if f := strings.Fields(v); len(f) > 0 {
			if id := cleanID(strings.Trim(f[0], "<>")); id != "" {
				out = append(out, id)
			}
		}
	}
	return out
}

// cleanID keeps the printable characters of a message id or an address:
// they are stored and compared, and a database refuses a NUL byte.
func cleanID(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// dateLayouts are what Date headers hold besides RFC 5322, tried after the
// comments and the weekday are removed.
var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04:05",
	"2 Jan 06 15:04:05 -0700",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 15:04:05 2006",
	"Jan 2 15:04:05 -0700 2006",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
}

// parseDate reads a Date header, RFC 5322 or one of the forms seen in the wild.
func parseDate(v string) (time.Time, bool) {
	if t, err := mail.ParseDate(v); err == nil && plausible(t) {
		return t, true
	}
	s := dateCommentRe.ReplaceAllString(v, " ")
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
	s = dateWeekdayRe.ReplaceAllString(s, "")
	s = strings.Replace(s, "GMT+", "+", 1)
	s = strings.Replace(s, "UTC+", "+", 1)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausible(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

func plausible(t time.Time) bool { return t.Year() >= 1980 && t.Year() <= 2200 }
