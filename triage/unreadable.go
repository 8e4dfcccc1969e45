package triage

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// StrategyUnreadable names the suggestion of an unreadable reply: no
// strategy ran, since nothing of the customer's words could be read.
const StrategyUnreadable = "unreadable"

// unreadableSuggestion is what triage proposes for an unreadable reply: the
// catch-all status with no confidence, so that the queue shows it as
// needing review and no bulk action qualifies it unseen. The parser's
// reason, which stands as the reply's text, must not be read as if the
// customer had written it.
func unreadableSuggestion(cat Catalog) Suggestion {
	return Suggestion{Strategy: StrategyUnreadable, Status: cat.CatchAll()}
}

// unreadable reports whether a reply of the tenant is flagged unreadable;
// a reply that does not exist is not, and is left to the caller's checks.
func (s *Service) unreadable(ctx context.Context, tenantID, replyID int64) (bool, error) {
	r, err := s.store.Reply(ctx, tenantID, replyID)
	switch {
	case errors.Is(err, ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("triage: reply %d: %w", replyID, err)
	}
	return r.Unreadable(), nil
}

// learningText is the text a qualification teaches the next suggestions:
// the customer's cleaned words. An unreadable reply has none (its text is
// the parser's reason), so what the collector wrote of it stands in for
// them, else its subject.
func learningText(r Reply, comment string) string {
	if r.Unreadable() {
		if c := strings.TrimSpace(comment); c != "" {
			return c
		}
		return r.Subject
	}
	if r.BodyClean != "" {
		return r.BodyClean
	}
	return r.Text
}
