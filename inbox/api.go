package inbox

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// APIReply is a reply pushed as JSON by another system (an ERP, a helpdesk).
type APIReply struct {
	MessageID    string    `json:"message_id"`
	From         string    `json:"from"`
	Subject      string    `json:"subject"`
	Text         string    `json:"text"`
	ReceivedAt   time.Time `json:"received_at"`
	CustomerCode string    `json:"customer_code"`
	Items        []string  `json:"items"`
	Lang         string    `json:"lang"`
}

// CustomerLookup finds customers for API replies.
type CustomerLookup interface {
	CustomerDirectory
	CustomerByCode(ctx context.Context, tenantID int64, code string) (triage.Customer, error)
}

// idempotencyKey bounds what callers may use as an Idempotency-Key.
var idempotencyKey = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)

// APIMessageID returns the message id an API reply is stored under, so that
// a retried request finds the stored reply: the caller's Message-ID, else
// its Idempotency-Key, else the given fallback (a hash of the content).
func APIMessageID(messageID, idemKey, fallback string) (string, error) {
	switch {
	case strings.TrimSpace(messageID) != "":
		return msgID(messageID), nil
	case idemKey == "":
		return fallback, nil
	case !idempotencyKey.MatchString(idemKey):
		return "", &triage.ValidationError{Field: "Idempotency-Key", Message: "must be 8 to 128 letters, digits or ._:-"}
	}
	return "api-" + idemKey + "@triage.local", nil
}

// StructuredReply validates a JSON reply and returns the reply to ingest.
func StructuredReply(ctx context.Context, dir CustomerLookup, tenantID int64, in APIReply, idemKey string, now time.Time) (triage.NewReply, error) {
	text := strings.TrimSpace(strings.ReplaceAll(in.Text, "\r\n", "\n"))
	switch {
	case text == "":
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: "is required"}
	case !utf8.ValidString(text) || !utf8.ValidString(in.Subject) || !utf8.ValidString(in.From):
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: "must be valid UTF-8"}
	case len(text) > DefaultLimits().MaxTextBytes:
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: fmt.Sprintf("is longer than %d bytes", DefaultLimits().MaxTextBytes)}
	case in.ReceivedAt.After(now.Add(time.Hour)):
		return triage.NewReply{}, &triage.ValidationError{Field: "received_at", Message: "is in the future"}
	}
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = now
	}
	id, err := APIMessageID(in.MessageID, idemKey, contentID([]byte(in.From+"\x00"+in.Subject+"\x00"+text)))
	if err != nil {
		return triage.NewReply{}, err
	}
	clean := CleanBody(text)
	r := triage.NewReply{TenantID: tenantID, Source: triage.SourceAPI, MessageID: id, From: in.From,
		Subject: in.Subject, ReceivedAt: in.ReceivedAt, Text: text, BodyClean: clean.Text, Lang: in.Lang, ItemRefs: in.Items}
	if r.Lang == "" {
		r.Lang = DetectLang(clean.Text)
	}
	if in.CustomerCode != "" {
		c, err := dir.CustomerByCode(ctx, tenantID, in.CustomerCode)
		if errors.Is(err, triage.ErrNotFound) {
			return triage.NewReply{}, &triage.ValidationError{Field: "customer_code", Message: fmt.Sprintf("no customer %q", in.CustomerCode)}
		}
		if err != nil {
			return triage.NewReply{}, err
		}
		r.CustomerID = &c.ID
		return r, nil
	}
	r.Refs = InvoiceRefs(in.Subject, clean.Text, clean.Quoted)
	_, err = ResolveCustomer(ctx, dir, &r)
	return r, err
}

// RawReply parses a raw MIME message pushed through the API and returns the
// reply to ingest. A message that is not an email at all is refused (the
// caller can fix its request); a damaged one is stored with its warnings.
func RawReply(ctx context.Context, dir CustomerLookup, tenantID int64, raw []byte, idemKey string) (triage.NewReply, error) {
	m, err := ParseMessage(raw, DefaultLimits())
	if err != nil {
		return triage.NewReply{}, &triage.ValidationError{Field: "body", Message: err.Error()}
	}
	r := m.NewReply(tenantID, triage.SourceAPI, raw)
	if r.MessageID, err = APIMessageID(m.MessageID, idemKey, contentID(raw)); err != nil {
		return triage.NewReply{}, err
	}
	_, err = ResolveCustomer(ctx, dir, &r)
	return r, err
}
