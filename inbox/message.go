package inbox

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/triage-ar/triage/triage"
)

// Sentinel errors of ParseMessage, tested with errors.Is. Anything else a
// message gets wrong is repaired and reported in Message.Warnings.
var (
	// ErrNotMessage is returned for input that holds no message header at all.
	ErrNotMessage = errors.New("not an email message")
	// ErrTooLarge is returned when the message or one of its headers exceeds its limit.
	ErrTooLarge = errors.New("message too large")
	// ErrTooManyParts is returned when a message holds more MIME parts than allowed.
	ErrTooManyParts = errors.New("too many MIME parts")
	// ErrTooDeep is returned when multiparts or attached messages nest deeper than allowed.
	ErrTooDeep = errors.New("MIME parts nested too deep")
)

// Default limits of the parser. They bound the memory and the time one
// hostile message can take: a message over one of them is refused with an
// error naming it, and ingestion stores it raw, flagged unreadable.
const (
	// DefaultMaxBytes bounds the raw message: 25 MB is the largest message
	// the common mail providers accept, attachments included.
	DefaultMaxBytes = 25 << 20
	// DefaultMaxParts bounds the MIME parts of a message, containers
	// included: a real mail has a handful, a newsletter a few dozen.
	DefaultMaxParts = 1000
	// DefaultMaxDepth bounds the nesting of multiparts and attached
	// messages: a forward of a forward of a reply is five levels deep.
	DefaultMaxDepth = 20
	// DefaultMaxHeaderBytes bounds the header block of the message and of
	// each of its parts: a long thread's References header stays far below.
	DefaultMaxHeaderBytes = 64 << 10
	// DefaultMaxTextBytes bounds the readable text kept from a message.
	DefaultMaxTextBytes = 2 << 20
)

// Limits bound the work spent on one message; exceeding one is an error
// naming it. Zero fields take their default. A part's decoded size is bound
// by MaxBytes too: base64 and quoted-printable only ever shrink what they
// decode, and parts are decoded one at a time.
type Limits struct {
	// MaxBytes bounds the raw message size (default 25 MB).
	MaxBytes int64
	// MaxParts bounds the number of MIME parts, containers included (default 1000).
	MaxParts int
	// MaxDepth bounds the nesting of multiparts and attached messages (default 20).
	MaxDepth int
	// MaxHeaderBytes bounds the header block of the message and of each part (default 64 KB).
	MaxHeaderBytes int
	// MaxTextBytes bounds the readable text kept from the message (default 2 MB);
	// the rest is cut with a warning, not an error: a mail is never that long
	// unless something pasted a file into it.
	MaxTextBytes int
}

// DefaultLimits returns the limits ingestion applies unless configured otherwise.
func DefaultLimits() Limits {
	return Limits{MaxBytes: DefaultMaxBytes, MaxParts: DefaultMaxParts, MaxDepth: DefaultMaxDepth,
		MaxHeaderBytes: DefaultMaxHeaderBytes, MaxTextBytes: DefaultMaxTextBytes}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = d.MaxHeaderBytes
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = d.MaxTextBytes
	}
	return l
}

// Address is a mailbox of an address header.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String formats the address the way a reply's From is stored: "Name <email>".
func (a Address) String() string {
	switch {
	case a.Email == "":
		return a.Name
	case a.Name == "":
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// Domain returns the lowercased domain of the address, "" when it has none.
func (a Address) Domain() string {
	i := strings.LastIndexByte(a.Email, '@')
	if i < 0 {
		return ""
	}
	return strings.ToLower(a.Email[i+1:])
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string // lowercased media type, without parameters
	Size        int    // decoded bytes
	Data        []byte
	// Inline marks a part shown inside the HTML body (a pasted picture, a
	// signature logo) rather than attached.
	Inline bool
	// RemittanceHint flags a file that may be a remittance advice or a proof
	// of payment: a PDF, or an image that is not a small inline logo.
	RemittanceHint bool
}

// Message is a normalized customer message.
type Message struct {
	From       Address
	To, Cc     []Address
	Subject    string // RFC 2047 decoded
	Date       time.Time
	MessageID  string // without angle brackets
	InReplyTo  string // the first id of In-Reply-To, without angle brackets
	References []string

	// Text is the readable text: text/plain preferred, else HTML converted.
	// Attached and forwarded messages follow as quoted blocks.
	Text string
	// HTML is the first HTML body as sent, decoded to UTF-8: untrusted,
	// to sanitize before it is shown; "" for a plain-text message.
	HTML string
	// CleanText is the customer's new words: CleanBody(Text).Text.
	CleanText string
	// Quoted is the quoted history, the reminder answered: CleanBody(Text).Quoted.
	Quoted string
	// Lang is the language of CleanText: fr en de es it nl, or "" when unsure.
	Lang string

	// AutoReply marks automatic answers (out of office, ticket receipts…);
	// AutoReplyReason says what gave them away. ReturnDate is the end of an
	// absence the message announces, when it names one.
	AutoReply       bool
	AutoReplyReason string
	ReturnDate      *time.Time

	// Bounce marks a delivery failure report; BounceRecipients are the
	// addresses that failed.
	Bounce           bool
	BounceRecipients []string

	Attachments []Attachment
	// InvoiceRefs are invoice-like references found in the subject, the new
	// text and the quoted reminder, in that order, without duplicates.
	InvoiceRefs []string
	// Warnings tell what was repaired or guessed while reading the message.
	Warnings []string
}

// parserFailure marks the error of a recovered panic, which tests and
// fuzzing treat as the bug it is.
const parserFailure = "parser failure"

// ParseMessage reads a raw RFC 5322 / MIME message and normalizes it. It
// never panics: broken encodings, charsets, boundaries and headers are
// repaired as well as can be and reported in Warnings. It returns an error
// only when raw holds no message header at all (ErrNotMessage) or a limit is
// exceeded (ErrTooLarge, ErrTooManyParts, ErrTooDeep).
func ParseMessage(raw []byte, lim Limits) (m *Message, err error) {
	lim = lim.withDefaults()
	if int64(len(raw)) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(raw), lim.MaxBytes)
	}
	defer func() {
		// The walker is written not to panic; this is the last line of
		// defence that keeps one hostile message from killing a poller.
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("%w: %s: %v", ErrNotMessage, parserFailure, r)
		}
	}()
	p := &parser{lim: lim}
	h, body, err := p.readTopHeader(raw)
	if err != nil {
		return nil, err
	}
	m = &Message{}
	p.msg = m
	p.headers(h)
	if err := p.walk(h, body, 0, &p.root, false); err != nil {
		return nil, err
	}
	p.finish()
	return m, nil
}

// NewReply maps the message to the reply an ingestion path hands to
// triage.Ingest. raw is stored as is. A bounce is stored as an automatic
// reply: no one wrote it, and the queue must not count it as an answer.
func (m *Message) NewReply(tenantID int64, source triage.Source, raw []byte) triage.NewReply {
	received := m.Date
	if received.IsZero() {
		received = time.Now()
	}
	return triage.NewReply{
		TenantID:    tenantID,
		Source:      source,
		MessageID:   m.MessageID,
		InReplyTo:   m.InReplyTo,
		From:        m.From.String(),
		Subject:     m.Subject,
		ReceivedAt:  received,
		Raw:         raw,
		Text:        m.Text,
		BodyClean:   m.CleanText,
		Lang:        m.Lang,
		AutoReply:   m.AutoReply || m.Bounce,
		Thread:      m.ThreadIDs(),
		Refs:        m.InvoiceRefs,
		BounceTo:    m.BounceRecipients,
		Attachments: m.files(),
		ContentHash: contentHash(raw),
	}
}

// files are the message's attachments as a reply stores them.
func (m *Message) files() []triage.Attachment {
	var out []triage.Attachment
	for _, a := range m.Attachments {
		out = append(out, triage.Attachment{Name: a.Name, ContentType: a.ContentType, Size: a.Size, Data: a.Data,
			Remittance: a.RemittanceHint, Inline: a.Inline})
	}
	return out
}

// finish derives what needs the whole message: the cleaned text, its
// language, auto-reply and bounce flags, invoice references.
func (p *parser) finish() {
	m := p.msg
	m.Attachments = p.root.atts
	m.Text = p.text()
	if len(m.Text) > p.lim.MaxTextBytes {
		m.Text = headOf(m.Text, p.lim.MaxTextBytes)
		p.warnf("text truncated at %d bytes", p.lim.MaxTextBytes)
	}
	c := CleanBody(m.Text)
	m.CleanText, m.Quoted = c.Text, c.Quoted
	lang := m.CleanText
	if strings.TrimSpace(lang) == "" {
		lang = m.Text
	}
	m.Lang = DetectLang(lang)
	m.Bounce = m.Bounce || p.looksLikeBounce()
	if !m.Bounce {
		p.detectAutoReply()
	}
	m.InvoiceRefs = InvoiceRefs(m.Subject, m.CleanText, m.Quoted)
	m.Warnings = p.warnings
}
