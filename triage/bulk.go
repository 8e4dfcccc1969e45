package triage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxBulk bounds how many replies one bulk action handles.
const MaxBulk = 200

// BulkResult says what a bulk action did to each reply it was given.
type BulkResult struct {
	Done []int64
	// Skipped are the replies left alone on purpose: suggestions under the
	// confidence threshold that were not confirmed, replies without a
	// suggestion yet, unreadable replies (only their original tells what
	// the customer said).
	Skipped []int64
	// Failed are the replies the action could not handle, with why (e.g.
	// ErrConflict: another collector handled it meanwhile).
	Failed map[int64]error
}

func (r *BulkResult) fail(id int64, err error) {
	if r.Failed == nil {
		r.Failed = make(map[int64]error)
	}
	r.Failed[id] = err
}

// checkBulk validates a bulk action's actor and size.
func checkBulk(a Actor, ids []int64) error {
	if !a.Role.Valid() {
		return ErrForbidden
	}
	if len(ids) == 0 {
		return Invalid("ids", CodeNoReply)
	}
	if len(ids) > MaxBulk {
		return Invalid("ids", CodeTooManyReplies, MaxBulk)
	}
	return nil
}

// AcceptOptions tune AcceptSuggestions.
type AcceptOptions struct {
	// ConfirmLow accepts the suggestions under the confidence threshold too:
	// the collector says they looked at them.
	ConfirmLow bool
	// Resolver is who resolves the disputes among them; without one,
	// dispute suggestions are skipped (a dispute needs a resolver).
	Resolver string
}

// AcceptSuggestions qualifies each pending reply with its newest suggestion
// as it stands. Suggestions under the tenant's confidence threshold are
// skipped unless confirmed, and so are disputes when no resolver is given
// and unreadable replies, always.
func (s *Service) AcceptSuggestions(ctx context.Context, a Actor, ids []int64, opts AcceptOptions) (BulkResult, error) {
	var res BulkResult
	if err := checkBulk(a, ids); err != nil {
		return res, err
	}
	set, err := s.store.Settings(ctx, a.TenantID)
	if err != nil {
		return res, fmt.Errorf("triage: settings: %w", err)
	}
	cat, err := s.store.Catalog(ctx, a.TenantID)
	if err != nil {
		return res, fmt.Errorf("triage: catalog: %w", err)
	}
	resolver := strings.TrimSpace(opts.Resolver)
	for _, id := range ids {
		unreadable, err := s.unreadable(ctx, a.TenantID, id)
		if err != nil {
			res.fail(id, err)
			continue
		}
		sg, err := s.store.LatestSuggestion(ctx, a.TenantID, id)
		switch {
		case unreadable, errors.Is(err, ErrNotFound):
			res.Skipped = append(res.Skipped, id)
			continue
		case err != nil:
			res.fail(id, err)
			continue
		case set.NeedsReview(sg.Confidence) && !opts.ConfirmLow, needsResolver(cat, sg.Status) && resolver == "":
			res.Skipped = append(res.Skipped, id)
			continue
		}
		in := QualifyInput{Status: sg.Status, Comment: sg.Comment, Items: sg.Items, SuggestionID: &sg.ID}
		if needsResolver(cat, sg.Status) {
			in.Resolver = resolver
		}
		if sg.FollowUp != nil {
			due := sg.FollowUp.Due
			in.FollowUpDue = &due
		}
		if _, err := s.Qualify(ctx, a, id, in); err != nil {
			res.fail(id, err)
			continue
		}
		res.Done = append(res.Done, id)
	}
	return res, nil
}

// needsResolver reports whether qualifying with status code needs a resolver.
func needsResolver(cat Catalog, code string) bool {
	st, ok := cat.Find(code)
	return ok && st.IsDispute && st.Code != "dispute_resolved"
}

// DeleteMany discards pending replies, each with its audit entry.
func (s *Service) DeleteMany(ctx context.Context, a Actor, ids []int64) (BulkResult, error) {
	return s.each(a, ids, func(id int64) error { return s.Delete(ctx, a, id) })
}

// Assign routes pending replies to a collector of the tenant (nil: to nobody).
func (s *Service) Assign(ctx context.Context, a Actor, ids []int64, assignee *int64) (BulkResult, error) {
	return s.each(a, ids, func(id int64) error {
		audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "assign", Entity: "reply", EntityID: id,
			After: assigneeJSON(assignee)}
		if err := s.store.AssignReply(ctx, a.TenantID, id, assignee, audit); err != nil {
			return fmt.Errorf("triage: assign reply %d: %w", id, err)
		}
		return nil
	})
}

// Restore brings a deleted reply back to the queue: the undo of Delete.
func (s *Service) Restore(ctx context.Context, a Actor, replyID int64) error {
	if !a.Role.Valid() {
		return ErrForbidden
	}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "restore", Entity: "reply", EntityID: replyID,
		Before: jsonState(StateDeleted), After: jsonState(StatePending)}
	if err := s.store.SetReplyState(ctx, a.TenantID, replyID, []ReplyState{StateDeleted}, StatePending, audit); err != nil {
		return fmt.Errorf("triage: restore reply %d: %w", replyID, err)
	}
	return nil
}

// each runs fn on every id and tallies the outcomes.
func (s *Service) each(a Actor, ids []int64, fn func(id int64) error) (BulkResult, error) {
	var res BulkResult
	if err := checkBulk(a, ids); err != nil {
		return res, err
	}
	for _, id := range ids {
		if err := fn(id); err != nil {
			res.fail(id, err)
			continue
		}
		res.Done = append(res.Done, id)
	}
	return res, nil
}

func assigneeJSON(id *int64) []byte {
	if id == nil {
		return []byte(`{"assignee":null}`)
	}
	return []byte(`{"assignee":` + strconv.FormatInt(*id, 10) + `}`)
}
