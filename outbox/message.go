package outbox

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-message/mail"
)

// Message is one email to write out.
type Message struct {
	From      string // "Name <address>" or an address
	To        []string
	Subject   string
	Body      string // plain text, UTF-8
	MessageID string // without angle brackets
	Date      time.Time
}

// Build writes the message as RFC 5322 text: UTF-8, quoted-printable body,
// RFC 2047 encoded headers.
func Build(m Message) ([]byte, error) {
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("outbox: sender %q: %w", m.From, err)
	}
	var to []*mail.Address
	for _, t := range m.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return nil, fmt.Errorf("outbox: recipient %q: %w", t, err)
		}
		to = append(to, a)
	}
	var h mail.Header
	h.SetDate(m.Date)
	h.SetAddressList("From", []*mail.Address{from})
	h.SetAddressList("To", to)
	h.SetSubject(m.Subject)
	h.SetMessageID(m.MessageID)
	h.Set("Auto-Submitted", "auto-generated") // RFC 3834: no auto-reply loops
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	var b bytes.Buffer
	w, err := mail.CreateSingleInlineWriter(&b, h)
	if err != nil {
		return nil, fmt.Errorf("outbox: write message: %w", err)
	}
	if _, err := io.WriteString(w, m.Body); err != nil {
		return nil, fmt.Errorf("outbox: write message: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("outbox: write message: %w", err)
	}
	return b.Bytes(), nil
}
