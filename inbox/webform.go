package inbox

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// MaxFormText bounds the free text of a web-form answer, in characters.
const MaxFormText = 5000

// FormReason is the customer's answer category on the web form. It frames
// the free text; the status is still suggested from what the customer wrote.
type FormReason string

// Reasons offered on the web form, in display order.
var FormReasons = []FormReason{"paid", "will_pay", "instalments", "dispute", "copy", "other"}

var reasonLabels = map[FormReason][2]string{ // fr, en
	"paid":        {"J'ai déjà payé", "I have already paid"},
	"will_pay":    {"Je vais payer à une date précise", "I will pay on a given date"},
	"instalments": {"Je demande un échéancier", "I ask for a payment plan"},
	"dispute":     {"Je conteste la ou les factures", "I dispute the invoice(s)"},
	"copy":        {"J'ai besoin d'une copie", "I need a copy"},
	"other":       {"Autre", "Other"},
}

// Label returns the reason's label in lang ("fr" or anything else for English).
func (r FormReason) Label(lang string) string {
	l, ok := reasonLabels[r]
	if !ok {
		return string(r)
	}
	if lang == "fr" {
		return l[0]
	}
	return l[1]
}

// FormAnswer is what a customer posts on the web form.
type FormAnswer struct {
	Reason FormReason
	Items  []string
	Text   string
	// SubmissionID is a random id rendered in the form, so that a double
	// click or a browser resubmission stores the answer once.
	SubmissionID string
	Lang         string
	// File is an optional attached file, checked by FormFile.
	File *triage.Attachment
}

var submissionIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// FormReply validates a web-form answer against its link's claims and the
// customer's open items and returns the reply to ingest.
func FormReply(c FormClaims, customer triage.Customer, open []triage.Item, a FormAnswer, now time.Time) (triage.NewReply, error) {
	if !slices.Contains(FormReasons, a.Reason) {
		return triage.NewReply{}, &triage.ValidationError{Field: "reason", Message: "choose a reason"}
	}
	text := strings.ReplaceAll(a.Text, "\r\n", "\n")
	if !utf8.ValidString(text) {
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: "is not valid text"}
	}
	text = strings.TrimSpace(cleanFormText(text))
	if n := utf8.RuneCountInString(text); n > MaxFormText {
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: fmt.Sprintf("is %d characters long; at most %d", n, MaxFormText)}
	}
	if text == "" && a.Reason == "other" {
		return triage.NewReply{}, &triage.ValidationError{Field: "text", Message: "tell us what this is about"}
	}
	if !submissionIDPattern.MatchString(a.SubmissionID) {
		return triage.NewReply{}, &triage.ValidationError{Field: "submission_id", Message: "the form is incomplete; reload the page"}
	}
	numbers := make(map[string]bool, len(open))
	for _, it := range open {
		numbers[it.Number] = true
	}
	var items []string
	for _, n := range a.Items {
		if !numbers[n] {
			return triage.NewReply{}, &triage.ValidationError{Field: "items", Message: fmt.Sprintf("%q is not one of your open items", n)}
		}
		if !slices.Contains(items, n) {
			items = append(items, n)
		}
	}
	if len(items) == 0 {
		items = c.Items
	}
	lang := a.Lang
	if lang == "" {
		lang = customer.Lang
	}
	// The reason the customer picked is part of what they said: keep it in
	// the text suggestions read.
	body := strings.TrimSpace(a.Reason.Label(lang) + "\n\n" + text)
	from := customer.Name
	if len(customer.Emails) > 0 {
		from = fmt.Sprintf("%s <%s>", customer.Name, customer.Emails[0])
	}
	cid := customer.ID
	var files []triage.Attachment
	if a.File != nil {
		files = append(files, *a.File)
	}
	return triage.NewReply{
		TenantID:    c.TenantID,
		Source:      triage.SourceWebForm,
		MessageID:   "webform-" + a.SubmissionID + "@triage",
		From:        from,
		Subject:     a.Reason.Label(lang),
		ReceivedAt:  now,
		Text:        body,
		BodyClean:   body,
		Lang:        lang,
		CustomerID:  &cid,
		ItemRefs:    items,
		Attachments: files,
	}, nil
}
