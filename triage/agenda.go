package triage

import (
	"context"
	"fmt"
	"time"
)

// CompleteAction marks a follow-up action done; the disputes it was about
// are resolved and their items return to the dunning scenario.
func (s *Service) CompleteAction(ctx context.Context, a Actor, actionID int64) error {
	if !a.Role.Valid() {
		return ErrForbidden
	}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "complete", Entity: "action", EntityID: actionID,
		After: []byte(`{"done":true}`)}
	if err := s.store.CompleteAction(ctx, a.TenantID, actionID, audit); err != nil {
		return fmt.Errorf("triage: complete action %d: %w", actionID, err)
	}
	return nil
}

// PostponeAction moves a follow-up action to a later day, the next business
// day if that one is off.
func (s *Service) PostponeAction(ctx context.Context, a Actor, actionID int64, to time.Time) (time.Time, error) {
	if !a.Role.Valid() {
		return time.Time{}, ErrForbidden
	}
	if Day(to).Before(Day(s.now())) {
		return time.Time{}, Invalid("due", CodeDatePast)
	}
	set, err := s.store.Settings(ctx, a.TenantID)
	if err != nil {
		return time.Time{}, fmt.Errorf("triage: settings: %w", err)
	}
	due := set.Calendar.OnOrAfter(to)
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "postpone", Entity: "action", EntityID: actionID,
		After: []byte(`{"due":"` + due.Format(time.DateOnly) + `"}`)}
	if err := s.store.PostponeAction(ctx, a.TenantID, actionID, due, audit); err != nil {
		return time.Time{}, fmt.Errorf("triage: postpone action %d: %w", actionID, err)
	}
	return due, nil
}
