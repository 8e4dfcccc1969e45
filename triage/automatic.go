package triage

import (
	"context"
	"strings"
)

// sendAutomatic sends the email of a status in automatic mode (seed 001)
// once a reply is qualified with it: its action template, when that is an
// email, in the customer's language when it is translated into it, to the
// customer's addresses that do not bounce. A status in
// confirmation or internal mode has its email proposed on the reply page
// instead; other actions send nothing. The qualification is committed
// already: a failure here is logged, and the collector can still send the
// email from the reply page.
func (s *Service) sendAutomatic(ctx context.Context, a Actor, replyID int64, st Status, c Customer) {
	if st.ActionTemplate == "" {
		return
	}
	tmpls, err := s.store.ActionTemplates(ctx, a.TenantID)
	if err != nil {
		s.log.WarnContext(ctx, "automatic email not sent", "reply", replyID, "err", err)
		return
	}
	to := c.ReachableEmails()
	for _, t := range tmpls {
		if t.Code != st.ActionTemplate || t.Kind != "email" {
			continue
		}
		if len(to) == 0 {
			s.log.InfoContext(ctx, "automatic email skipped: the customer has no valid address", "reply", replyID, "customer", c.ID)
			return
		}
		text := t.ForCustomer(&c)
		if _, err := s.QueueEmail(ctx, a, replyID, EmailDraft{To: strings.Join(to, ", "), Subject: text.Subject, Body: text.Body}); err != nil {
			s.log.WarnContext(ctx, "automatic email not sent", "reply", replyID, "template", t.Code, "err", err)
		}
		return
	}
}

// ReachableEmails are the customer's addresses no bounce declared dead.
func (c Customer) ReachableEmails() []string {
	var out []string
	for _, e := range c.Emails {
		dead := false
		for _, x := range c.InvalidEmails {
			dead = dead || strings.EqualFold(x, e)
		}
		if !dead {
			out = append(out, e)
		}
	}
	return out
}
