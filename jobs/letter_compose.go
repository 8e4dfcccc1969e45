package jobs

import (
	"fmt"

	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/triage"
)

// ComposeLetter is the letter the letters package renders for a draft.
func ComposeLetter(d triage.LetterDraft) letters.Letter {
	return letters.Letter{Kind: letters.Kind(d.Kind), Lang: d.Lang,
		Head: letters.Letterhead{Name: d.Head.Name, Address: d.Head.Address, Legal: d.Head.Legal, Logo: d.Head.Logo},
		To:   letters.Recipient{Name: d.To.Name, Code: d.To.Code, Address: d.To.Address},
		Date: d.Date, Subject: d.Subject, Body: d.Body, Values: d.Values, Items: d.Items, Selected: d.Selected}
}

// MailID is the provider's idempotency key of a letter action: a retry of
// the same action never posts a second letter.
func MailID(tenantID, actionID int64) string { return fmt.Sprintf("triage-%d-%d", tenantID, actionID) }
