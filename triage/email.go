package triage

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Email states in the outbox.
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailFailed  = "failed"
)

// Email is a message in the outbox: a confirmation to a customer or an
// internal email to whoever resolves a dispute (seed 000, 002).
type Email struct {
	ID        int64
	TenantID  int64
	ReplyID   *int64
	To        []string
	Subject   string
	Body      string
	State     string
	Attempts  int
	LastError string
	CreatedBy *int64
	CreatedAt time.Time
	SentAt    *time.Time
}

// Limits of an email written in triage.
const (
	MaxEmailRecipients = 20
	MaxEmailBody       = 20000
)

// EmailDraft is what a collector asks to send.
type EmailDraft struct {
	To      string // addresses separated by commas, semicolons or spaces
	Subject string
	Body    string
}

// QueueEmail checks a draft and puts it in the outbox; a worker sends it.
// Hashtags left in it are refused: the preview shows them replaced.
func (s *Service) QueueEmail(ctx context.Context, a Actor, replyID int64, d EmailDraft) (Email, error) {
	if !a.Role.Valid() {
		return Email{}, ErrForbidden
	}
	if _, err := s.store.Reply(ctx, a.TenantID, replyID); err != nil {
		return Email{}, fmt.Errorf("triage: email about reply %d: %w", replyID, err)
	}
	to, err := parseRecipients(d.To)
	if err != nil {
		return Email{}, err
	}
	subject := strings.TrimSpace(d.Subject)
	switch {
	case subject == "" || strings.ContainsAny(subject, "\r\n"):
		return Email{}, Invalid("subject", CodeSubjectOneLine)
	case strings.TrimSpace(d.Body) == "" || utf8.RuneCountInString(d.Body) > MaxEmailBody || !utf8.ValidString(d.Body):
		return Email{}, Invalid("body", CodeTextLength, MaxEmailBody)
	}
	if err := CheckHashtags(subject + "\n" + d.Body); err != nil {
		return Email{}, err
	}
	vals, err := s.EmailValues(ctx, a, replyID)
	if err != nil {
		return Email{}, err
	}
	rid := replyID
	e := Email{TenantID: a.TenantID, ReplyID: &rid, To: to, Subject: RenderHashtags(subject, vals),
		Body: RenderHashtags(d.Body, vals), CreatedBy: a.userRef()}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "queue_email", Entity: "email",
		After: []byte(fmt.Sprintf(`{"reply":%d,"recipients":%d}`, replyID, len(to)))}
	e, err = s.store.QueueEmail(ctx, e, audit)
	if err != nil {
		return Email{}, fmt.Errorf("triage: queue email: %w", err)
	}
	s.log.InfoContext(ctx, "email queued", "tenant", a.TenantID, "reply", replyID, "email", e.ID, "recipients", len(to))
	return e, nil
}

// EmailValues are the #hashtags' values for an email about a reply: its
// customer, the items and status of its qualification in force, the
// collector writing, the company.
func (s *Service) EmailValues(ctx context.Context, a Actor, replyID int64) (HashtagValues, error) {
	in, err := s.suggestInput(ctx, a.TenantID, replyID)
	if err != nil {
		return nil, err
	}
	v, err := s.baseValues(ctx, a, in.Customer, in.Items)
	if err != nil {
		return nil, err
	}
	q, err := s.store.CurrentQualification(ctx, a.TenantID, replyID)
	switch {
	case err == nil:
		v["#items_list_selected"] = strings.Join(q.Items, ", ")
		v["#comment"] = q.Comment
		if st, ok := in.Catalog.Find(q.Status); ok {
			v["#status"] = st.Label
		}
		if q.FollowUp != nil {
			v["#follow_up_date"] = FormatDate(customerLang(in.Customer), q.FollowUp.Due)
		}
	case !errors.Is(err, ErrNotFound):
		return nil, fmt.Errorf("triage: qualification of reply %d: %w", replyID, err)
	}
	return v, nil
}

// CustomerValues are the #hashtags' values for a customer with no reply at
// hand, e.g. to preview a template; the selected items are all its open ones.
func (s *Service) CustomerValues(ctx context.Context, a Actor, c Customer) (HashtagValues, error) {
	items, err := s.store.OpenItems(ctx, a.TenantID, c.ID)
	if err != nil {
		return nil, fmt.Errorf("triage: items of customer %d: %w", c.ID, err)
	}
	v, err := s.baseValues(ctx, a, &c, items)
	if err != nil {
		return nil, err
	}
	v["#items_list_selected"] = v["#items_list"]
	return v, nil
}

// baseValues are the values every message has: the company, the collector
// writing, today, the customer and its open items.
// Dates and amounts are written in the customer's language, French when
// there is no customer or its language is not one triage speaks.
func (s *Service) baseValues(ctx context.Context, a Actor, c *Customer, items []Item) (HashtagValues, error) {
	lang := customerLang(c)
	v := HashtagValues{"#today": FormatDate(lang, s.now())}
	h, err := s.store.Letterhead(ctx, a.TenantID)
	if err != nil {
		return nil, fmt.Errorf("triage: letterhead: %w", err)
	}
	v["#company_name"], v["#company_address"] = h.Name, h.Address
	// The logo is an image: letters draw it where the hashtag stands, a
	// text has nothing to print for it.
	v["#company_logo"] = ""
	users, err := s.store.Users(ctx, a.TenantID)
	if err != nil {
		return nil, fmt.Errorf("triage: users: %w", err)
	}
	for _, u := range users {
		if u.ID == a.UserID {
			v["#collector_name"] = u.Name
		}
	}
	if c != nil {
		v["#customer_name"], v["#customer_code"], v["#customer_address"] = c.Name, c.Code, c.Address
	}
	currency := "EUR"
	var all []string
	var total float64
	for _, it := range items {
		all = append(all, it.Number)
		total += it.OpenAmount
		currency = it.Currency
	}
	v["#items_list"] = strings.Join(all, ", ")
	v["#total_due"] = FormatMoney(lang, total, currency)
	return v, nil
}

// customerLang is the language of what is written to a customer: its own
// when triage speaks it, French otherwise or when there is no customer.
func customerLang(c *Customer) string {
	if c != nil && IsLang(c.Lang) {
		return c.Lang
	}
	return DefaultLang
}

// parseRecipients reads addresses separated by commas, semicolons or
// spaces, each a plain address or "Name <address>".
func parseRecipients(s string) ([]string, error) {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		addr, err := mail.ParseAddress(f)
		if err != nil || !strings.Contains(addr.Address, ".") {
			return nil, Invalid("to", CodeNotEmail, f)
		}
		out = append(out, addr.Address)
	}
	switch {
	case len(out) == 0:
		return nil, Invalid("to", CodeNoRecipient)
	case len(out) > MaxEmailRecipients:
		return nil, Invalid("to", CodeTooManyRecipients, MaxEmailRecipients)
	}
	return out, nil
}
