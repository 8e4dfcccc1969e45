package outbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// MaxAttempts is how many times an email is tried before it is marked
// failed; it matches the job queue's attempts.
const MaxAttempts = 5

// Mailer sends the emails of the outbox, one send_email job at a time.
type Mailer struct {
	DB     *store.DB
	Sender Sender // default SMTP{}
	// Getenv resolves "env:" password references (default: none resolve).
	Getenv func(string) string
	Now    func() time.Time // default time.Now
}

// SendEmail sends one email of the outbox. An email already sent (a
// retried job) is not sent again. A failure is recorded on the email and
// returned, so the job is retried with backoff, unless the server refused
// the message for good, which fails the email at once.
func (m *Mailer) SendEmail(ctx context.Context, tenantID, id int64) error {
	e, err := m.DB.Email(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if e.State != triage.EmailPending {
		return nil
	}
	sendErr := m.send(ctx, e)
	if sendErr == nil {
		return m.DB.EmailSent(ctx, tenantID, id, m.now())
	}
	max := MaxAttempts
	if errors.Is(sendErr, ErrRejected) {
		max = 0 // permanent: fail it now
	}
	if err := m.DB.EmailFailed(ctx, tenantID, id, sendErr, max); err != nil {
		return errors.Join(sendErr, err)
	}
	if max == 0 {
		return nil // recorded as failed; retrying the job would not help
	}
	return sendErr
}

func (m *Mailer) send(ctx context.Context, e triage.Email) error {
	acct, err := m.DB.SMTPAccount(ctx, e.TenantID)
	if errors.Is(err, triage.ErrNotFound) {
		return errors.New("outbox: no SMTP server is configured: an administrator sets one in Admin → Envoi des emails")
	}
	if err != nil {
		return err
	}
	a := Account{Host: acct.Host, Port: acct.Port, TLS: acct.TLSMode, Username: acct.Username, From: acct.From}
	if acct.PasswordRef != "" {
		getenv := m.Getenv
		if getenv == nil {
			getenv = func(string) string { return "" }
		}
		if a.Password, err = inbox.ResolvePassword(acct.PasswordRef, getenv); err != nil {
			return fmt.Errorf("outbox: SMTP password: %w", err)
		}
	}
	msg, err := Build(Message{From: acct.From, To: e.To, Subject: e.Subject, Body: e.Body, Date: m.now(),
		MessageID: fmt.Sprintf("triage-email-%d-%d@%s", e.TenantID, e.ID, domainOf(acct.From))})
	if err != nil {
		return err
	}
	sender := m.Sender
	if sender == nil {
		sender = SMTP{}
	}
	return sender.Send(ctx, a, addressOf(acct.From), e.To, msg)
}

func (m *Mailer) now() time.Time {
	if m.Now == nil {
		return time.Now()
	}
	return m.Now()
}

// addressOf is the bare address of "Name <address>".
func addressOf(from string) string {
	if i, j := strings.LastIndexByte(from, '<'), strings.LastIndexByte(from, '>'); i >= 0 && j > i {
		return from[i+1 : j]
	}
	return strings.TrimSpace(from)
}

// domainOf is the domain of an address, for Message-IDs.
func domainOf(from string) string {
	addr := addressOf(from)
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i+1 < len(addr) {
		return addr[i+1:]
	}
	return "triage.local"
}
