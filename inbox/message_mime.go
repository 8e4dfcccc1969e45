package inbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// maxWarnings bounds Message.Warnings: a hostile message could otherwise
// produce one per part.
const maxWarnings = 40

// parser walks one message's MIME tree.
type parser struct {
	lim      Limits
	msg      *Message
	hdr      textproto.Header // the top-level header
	parts    int
	root     acc
	warnings []string

	report       string // report-type of a multipart/report, lowercased
	dsnSeen      bool   // a delivery-status part was read
	dsnFailed    bool   // it reports a failed recipient (or none with an action)
	dsnDelayed   bool
	mdnSeen      bool // a read receipt
	missingClose bool // a multipart lacked its end boundary (warned once)
	copying      bool // an attached message's raw bytes are being copied
}

// pieceKind tells where a piece of readable text comes from.
type pieceKind int

const (
	piecePlain pieceKind = iota
	pieceHTML
	pieceAttached // an attached message, rendered as a forwarded block
)

type piece struct {
	kind pieceKind
	text string
}

// acc accumulates what a subtree of the message yields, so that one of the
// branches of a multipart/alternative can be chosen after reading them all.
type acc struct {
	pieces []piece
	atts   []Attachment
}

func (a *acc) hasText(kinds ...pieceKind) bool {
	for _, pc := range a.pieces {
		for _, k := range kinds {
			if pc.kind == k && strings.TrimSpace(pc.text) != "" {
				return true
			}
		}
	}
	return false
}

func (p *parser) warnf(format string, args ...any) {
	w := strings.ReplaceAll(strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD"), "\x00", "")
	for _, have := range p.warnings {
		if have == w {
			return
		}
	}
	if len(p.warnings) < maxWarnings {
		p.warnings = append(p.warnings, w)
	}
}

// readTopHeader reads the message header and returns it with the body.
func (p *parser) readTopHeader(raw []byte) (textproto.Header, io.Reader, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return textproto.Header{}, nil, fmt.Errorf("%w: empty input", ErrNotMessage)
	}
	br := bufio.NewReaderSize(bytes.NewReader(raw), 4096)
	return p.readHeader(br, true)
}

// text joins the readable pieces of the message.
func (p *parser) text() string {
	var parts []string
	for _, pc := range p.root.pieces {
		if t := strings.TrimSpace(pc.text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

// walk reads one entity: a multipart is split into its parts, an attached
// message is parsed as a message, a text part becomes a piece of text,
// anything else an attachment.
func (p *parser) walk(h textproto.Header, body io.Reader, depth int, a *acc, related bool) error {
	if depth > p.lim.MaxDepth {
		return fmt.Errorf("%w: more than %d levels", ErrTooDeep, p.lim.MaxDepth)
	}
	p.parts++
	if p.parts > p.lim.MaxParts {
		return fmt.Errorf("%w: more than %d", ErrTooManyParts, p.lim.MaxParts)
	}
	n := p.parts
	mt, params := p.contentType(h, n)
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		return p.multipart(mt, params, body, depth, a, n, false)
	case mt == "message/rfc822" || mt == "message/global":
		return p.attached(h, params, body, depth, a, n)
	}

	data := p.readPart(body, n)
	data, warn := decodeTransfer(h.Get("Content-Transfer-Encoding"), data)
	if warn != "" {
		p.warnf("part %d: %s", n, warn)
	}
	switch mt {
	case "message/delivery-status", "message/global-delivery-status":
		p.deliveryStatus(data)
		return nil
	case "message/disposition-notification":
		p.mdnSeen = true
		return nil
	case "text/rfc822-headers", "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature":
		return nil
	}

	disp, name := p.disposition(h, params)
	if (mt == "text/plain" || mt == "text/html") && disp != "attachment" && name == "" {
		p.textPart(mt, params, data, n, a)
		return nil
	}
	switch mt {
	case "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted":
		p.warnf("part %d: encrypted content (%s) not readable", n, mt)
	}
	att := Attachment{Name: name, ContentType: sniffType(mt, name, data), Size: len(data), Data: data}
	hasCID := h.Has("Content-Id")
	// Apple Mail sends attached files with an inline disposition: only a
	// part of a multipart/related, or one with a Content-ID and no
	// attachment disposition, is shown inside the HTML.
	att.Inline = related || (hasCID && disp != "attachment")
	if att.Name == "" {
		att.Name = "part" + strconv.Itoa(n) + extensionFor(att.ContentType)
	}
	att.RemittanceHint = remittanceHint(att)
	if att.Inline && !att.RemittanceHint && strings.HasPrefix(att.ContentType, "image/") {
		return nil // a signature logo: noise for the collector, and the raw message keeps it
	}
	a.atts = append(a.atts, att)
	return nil
}

// readPart reads a leaf part's raw body, bounded by the message size limit.
func (p *parser) readPart(body io.Reader, n int) []byte {
	data, err := io.ReadAll(io.LimitReader(body, p.lim.MaxBytes+1))
	switch {
	case err == nil:
	case errors.Is(err, io.ErrUnexpectedEOF):
		if !p.missingClose {
			p.warnf("part %d: multipart end boundary missing", n)
			p.missingClose = true
		}
	default:
		p.warnf("part %d truncated: %v", n, err)
	}
	return data
}

var looseParamRe = regexp.MustCompile(`(?i)\b(boundary|charset|name|filename|report-type|format|delsp|start)\*?\s*=\s*(?:"([^"]*)"?|([^;\s]+))`)

// contentType parses the Content-Type of a part; a missing or broken one
// falls back to text/plain, and broken parameters are picked out loosely.
func (p *parser) contentType(h textproto.Header, n int) (string, map[string]string) {
	v := h.Get("Content-Type")
	if strings.TrimSpace(v) == "" {
		return "text/plain", map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err == nil && strings.Contains(mt, "/") {
		return mt, params
	}
	if err != nil {
		params = looseParams(v)
	}
	if mt == "" {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
	}
	if !strings.Contains(mt, "/") || strings.ContainsAny(mt, " \t\"") {
		p.warnf("part %d: unreadable Content-Type %q: read as text/plain", n, truncateBytes([]byte(v), 60))
		mt = "text/plain"
	}
	return mt, params
}

func looseParams(v string) map[string]string {
	params := map[string]string{}
	for _, m := range looseParamRe.FindAllStringSubmatch(v, -1) {
		k := strings.ToLower(m[1])
		if _, ok := params[k]; ok {
			continue
		}
		val := m[2]
		if val == "" {
			val = m[3]
		}
		params[k] = val
	}
	return params
}

// disposition returns the Content-Disposition type and the file name of a
// part, from the disposition's filename or the content type's name.
func (p *parser) disposition(h textproto.Header, ctParams map[string]string) (disp, name string) {
	v := h.Get("Content-Disposition")
	var params map[string]string
	if v != "" {
		var err error
		disp, params, err = mime.ParseMediaType(v)
		if err != nil {
			params = looseParams(v)
			if disp == "" {
				disp = strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
			}
		}
	}
	name = params["filename"]
	if name == "" {
		name = ctParams["name"]
	}
	if name != "" {
		name = p.headerText(name)
		name = cleanFileName(path.Base(strings.ReplaceAll(name, `\`, "/")))
		if name == "." || name == "/" {
			name = ""
		}
	}
	return disp, name
}

// textPart decodes a text body part and adds it to the pieces.
func (p *parser) textPart(mt string, params map[string]string, data []byte, n int, a *acc) {
	cs := params["charset"]
	if cs == "" && mt == "text/html" {
		cs = metaCharset(data)
	}
	s, warn := decodeCharset(cs, data)
	if warn != "" {
		p.warnf("part %d: %s", n, warn)
	}
	s = normalizeNewlines(s)
	if mt == "text/html" {
		// The HTML tree costs several times the document: past a size no
		// mail reaches, the rest is not read.
		if max := 4 * p.lim.MaxTextBytes; len(s) > max {
			s = headOf(s, max)
			p.warnf("part %d truncated: HTML over %d bytes", n, max)
		}
		if p.msg.HTML == "" {
			p.msg.HTML = s
		}
		a.pieces = append(a.pieces, piece{kind: pieceHTML, text: HTMLToText(s)})
		return
	}
	if strings.EqualFold(params["format"], "flowed") {
		s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
	}
	a.pieces = append(a.pieces, piece{kind: piecePlain, text: s})
}

var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)`)

// metaCharset finds the charset an HTML document declares in a meta tag.
func metaCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	if m := metaCharsetRe.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

// normalizeNewlines turns CRLF and lone CR into LF and drops NUL bytes.
func normalizeNewlines(s string) string {
	if !strings.ContainsAny(s, "\r\x00") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "")
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676).
func unflow(s string, delsp bool) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	prevSoft, prevDepth := false, 0
	for i, l := range lines {
		depth := 0
		for depth < len(l) && l[depth] == '>' {
			depth++
		}
		body := l[depth:]
		body = strings.TrimPrefix(body, " ") // space stuffing
		if i > 0 {
			if !(prevSoft && depth == prevDepth) {
				b.WriteByte('\n')
				if depth > 0 {
					b.WriteString(strings.Repeat(">", depth) + " ")
				}
			}
		} else if depth > 0 {
			b.WriteString(strings.Repeat(">", depth) + " ")
		}
		soft := strings.HasSuffix(body, " ") && body != "-- "
		if soft && delsp {
			body = body[:len(body)-1]
		}
		b.WriteString(body)
		prevSoft, prevDepth = soft, depth
	}
	return b.String()
}

// recorder keeps what a multipart reader consumed until its first part is
// found, so a body whose declared boundary is wrong can be read again.
type recorder struct {
	r   io.Reader
	buf []byte
	off bool
}

func (rc *recorder) Read(b []byte) (int, error) {
	n, err := rc.r.Read(b)
	if !rc.off && n > 0 {
		rc.buf = append(rc.buf, b[:n]...)
	}
	return n, err
}

// multipart walks the parts of a multipart entity.
func (p *parser) multipart(mt string, params map[string]string, body io.Reader, depth int, a *acc, n int, retried bool) error {
	if mt == "multipart/report" {
		p.report = strings.ToLower(params["report-type"])
	}
	boundary := params["boundary"]
	rec := &recorder{r: body}
	var children []*acc
	found := 0
	if boundary != "" {
		mr := textproto.NewMultipartReader(rec, boundary)
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				if found > 0 && !p.missingClose {
					p.warnf("part %d: %v", n, err)
				}
				break
			}
			if found == 0 {
				rec.off, rec.buf = true, nil
			}
			found++
			if size := headerSize(part.Header); size > p.lim.MaxHeaderBytes {
				return fmt.Errorf("%w: header of part %d exceeds %d bytes", ErrTooLarge, p.parts+1, p.lim.MaxHeaderBytes)
			}
			sub := a
			if mt == "multipart/alternative" {
				sub = &acc{}
				children = append(children, sub)
			}
			if err := p.walk(part.Header, part, depth+1, sub, mt == "multipart/related" && found > 1); err != nil {
				return err
			}
		}
	}
	if found == 0 {
		return p.noParts(mt, params, rec, depth, a, n, retried)
	}
	if mt == "multipart/alternative" {
		chooseAlternative(children, a)
	}
	return nil
}

// noParts handles a multipart in which the declared boundary never occurs:
// a boundary the body does use is tried, else the body is read as text.
func (p *parser) noParts(mt string, params map[string]string, rec *recorder, depth int, a *acc, n int, retried bool) error {
	rest, _ := io.ReadAll(io.LimitReader(rec.r, p.lim.MaxBytes+1))
	data := append(rec.buf, rest...)
	if b := sniffBoundary(data); b != "" && !retried && b != params["boundary"] {
		p.warnf("part %d: boundary %q not found, using %q", n, truncateBytes([]byte(params["boundary"]), 40), truncateBytes([]byte(b), 40))
		np := map[string]string{}
		for k, v := range params {
			np[k] = v
		}
		np["boundary"] = b
		return p.multipart(mt, np, bytes.NewReader(data), depth, a, n, true)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	p.warnf("part %d: %s without parts: read as text", n, mt)
	s, _ := decodeCharset("", data)
	a.pieces = append(a.pieces, piece{kind: piecePlain, text: normalizeNewlines(s)})
	return nil
}

// sniffBoundary returns the boundary a multipart body actually uses: the
// first "--xyz" line that recurs.
func sniffBoundary(data []byte) string {
	seen := map[string]int{}
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		line := data
		if i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimRight(line, "\r\t ")
		if len(line) < 4 || len(line) > 200 || line[0] != '-' || line[1] != '-' {
			continue
		}
		b := strings.TrimSuffix(string(line[2:]), "--")
		if strings.Trim(b, "-") == "" {
			continue
		}
		seen[b]++
		if seen[b] == 2 {
			return b
		}
	}
	for b, c := range seen { // a single part, then the end (or nothing)
		if c >= 1 {
			return b
		}
	}
	return ""
}

func headerSize(h textproto.Header) int {
	size := 0
	for f := h.Fields(); f.Next(); {
		size += len(f.Key()) + len(f.Value()) + 4
	}
	return size
}

// chooseAlternative keeps the plain-text branch of a multipart/alternative
// when it has text, else the first branch that has; files attached in the
// other branches (Apple Mail puts them beside the HTML, pasted screenshots
// sit in the HTML's multipart/related) are kept too.
func chooseAlternative(children []*acc, a *acc) {
	if len(children) == 0 {
		return
	}
	best := -1
	for i, c := range children {
		if c.hasText(piecePlain) {
			best = i
			break
		}
	}
	if best < 0 {
		for i, c := range children {
			if c.hasText(piecePlain, pieceHTML, pieceAttached) {
				best = i
				break
			}
		}
	}
	if best < 0 {
		best = len(children) - 1
	}
	a.pieces = append(a.pieces, children[best].pieces...)
	a.atts = append(a.atts, children[best].atts...)
	for i, c := range children {
		if i == best {
			continue
		}
		for _, att := range c.atts {
			if !hasAttachment(a.atts, att) {
				a.atts = append(a.atts, att)
			}
		}
	}
}

func hasAttachment(list []Attachment, att Attachment) bool {
	for _, x := range list {
		if x.Name == att.Name && x.Size == att.Size {
			return true
		}
	}
	return false
}

// attached parses an attached message (message/rfc822) and renders it as a
// forwarded block after the text, the way mail clients show it. A message
// sent as a file (with a name or an attachment disposition) is also listed
// as an attachment, holding its raw bytes; one nested in it is not copied
// again, so the copies never exceed the message's own size.
func (p *parser) attached(h textproto.Header, params map[string]string, body io.Reader, depth int, a *acc, n int) error {
	if enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))); enc == "base64" || enc == "quoted-printable" {
		data := p.readPart(body, n)
		data, _ = decodeTransfer(enc, data)
		body = bytes.NewReader(data)
	}
	disp, name := p.disposition(h, params)
	var copied *bytes.Buffer
	if (disp == "attachment" || name != "") && !p.copying {
		copied = &bytes.Buffer{}
		body = io.TeeReader(body, copied)
		p.copying = true
		defer func() { p.copying = false }()
	}
	br := bufio.NewReaderSize(body, 4096)
	nh, nbody, err := p.readHeader(br, false)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return err
		}
		p.warnf("part %d: attached message unreadable: %v", n, err)
		return nil
	}
	sub := &acc{}
	if err := p.walk(nh, nbody, depth+1, sub, false); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("---------- Forwarded message ----------\n")
	for _, k := range []string{"From", "Date", "Subject", "To"} {
		if v := nh.Get(k); v != "" {
			b.WriteString(k + ": " + p.headerText(v) + "\n")
		}
	}
	b.WriteString("\n")
	for _, pc := range sub.pieces {
		if t := strings.TrimSpace(pc.text); t != "" {
			b.WriteString(t + "\n\n")
		}
	}
	a.pieces = append(a.pieces, piece{kind: pieceAttached, text: b.String()})
	if copied != nil {
		_, _ = io.Copy(io.Discard, br) // what the walk left unread (an epilogue)
		if name == "" {
			name = strings.Trim(strings.NewReplacer("/", "-", "\\", "-").Replace(p.headerText(nh.Get("Subject"))), " .-")
			if name == "" {
				name = "message"
			}
			name += ".eml"
		}
		a.atts = append(a.atts, Attachment{Name: name, ContentType: "message/rfc822", Size: copied.Len(), Data: copied.Bytes()})
	}
	a.atts = append(a.atts, sub.atts...)
	return nil
}

// deliveryStatus reads a message/delivery-status part (RFC 3464): one block
// for the message, then one per recipient.
func (p *parser) deliveryStatus(data []byte) {
	p.dsnSeen = true
	s, _ := decodeCharset("", data)
	s = normalizeNewlines(s)
	actions := 0
	for _, block := range strings.Split(s, "\n\n") {
		fields := map[string]string{}
		key := ""
		for _, line := range strings.Split(block, "\n") {
			if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && key != "" {
				fields[key] += " " + strings.TrimSpace(line)
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			key = strings.ToLower(strings.TrimSpace(k))
			fields[key] = strings.TrimSpace(v)
		}
		rcpt := fields["final-recipient"]
		if rcpt == "" {
			rcpt = fields["original-recipient"]
		}
		if rcpt == "" {
			continue
		}
		if _, addr, ok := strings.Cut(rcpt, ";"); ok {
			rcpt = addr
		}
		rcpt = strings.Trim(strings.TrimSpace(rcpt), "<>")
		action := strings.ToLower(fields["action"])
		if action != "" {
			actions++
		}
		switch {
		case action == "" || action == "failed":
			p.dsnFailed = true
			if rcpt != "" && !containsFold(p.msg.BounceRecipients, rcpt) {
				p.msg.BounceRecipients = append(p.msg.BounceRecipients, rcpt)
			}
		case action == "delayed":
			p.dsnDelayed = true
		}
	}
	if actions == 0 && len(p.msg.BounceRecipients) == 0 {
		p.dsnFailed = true // a report without recipients: a failure all the same
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// extByType and typeByExt name attachments that have no name and type
// those sent as application/octet-stream.
var typeByExt = map[string]string{
	".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".tif": "image/tiff", ".tiff": "image/tiff", ".heic": "image/heic",
	".webp": "image/webp", ".bmp": "image/bmp", ".txt": "text/plain", ".csv": "text/csv",
	".xls": "application/vnd.ms-excel", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc": "application/msword", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".eml": "message/rfc822", ".zip": "application/zip", ".dat": "application/octet-stream",
}

func extensionFor(mt string) string {
	for _, ext := range []string{".pdf", ".png", ".jpg", ".gif", ".tif", ".txt", ".csv", ".xlsx", ".docx", ".eml", ".zip"} {
		if typeByExt[ext] == mt {
			return ext
		}
	}
	if mt == "text/html" {
		return ".html"
	}
	return ""
}

// sniffType returns the media type of an attachment, trusting the file
// name or the content over a generic application/octet-stream.
func sniffType(mt, name string, data []byte) string {
	if mt != "" && mt != "application/octet-stream" && mt != "application/x-download" && mt != "application/force-download" {
		return mt
	}
	if t, ok := typeByExt[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	}
	if mt == "" {
		return "application/octet-stream"
	}
	return mt
}

// inlineLogoBytes is the size under which an inline picture is taken for a
// signature logo rather than a pasted screenshot of a payment.
const inlineLogoBytes = 50 << 10

func remittanceHint(a Attachment) bool {
	switch {
	case a.ContentType == "application/pdf":
		return true
	case strings.HasPrefix(a.ContentType, "image/"):
		return !a.Inline || a.Size >= inlineLogoBytes
	}
	return false
}

// looksLikeBounce recognizes delivery failures sent without a DSN part,
// and settles a DSN's verdict.
func (p *parser) looksLikeBounce() bool {
	m := p.msg
	if p.dsnSeen || p.report == "delivery-status" {
		if p.dsnFailed {
			return true
		}
		if p.dsnDelayed {
			m.AutoReply, m.AutoReplyReason = true, "delivery status notification: delayed"
		}
		return false
	}
	if v := p.hdr.Get("X-Failed-Recipients"); v != "" {
		for _, a := range p.addressList(v, "X-Failed-Recipients") {
			if !containsFold(m.BounceRecipients, a.Email) {
				m.BounceRecipients = append(m.BounceRecipients, a.Email)
			}
		}
		return true
	}
	local, _, _ := strings.Cut(strings.ToLower(m.From.Email), "@")
	if (local == "mailer-daemon" || local == "postmaster") && bounceSubjectRe.MatchString(m.Subject) {
		return true
	}
	return false
}

var bounceSubjectRe = regexp.MustCompile(`(?i)undeliver|returned to sender|delivery status notification \(failure\)|delivery failure|mail delivery failed|failure notice|non remis|non distribuable|unzustellbar|nicht zustellbar|no se puede entregar|non recapitabil|onbestelbaar`)
