package triage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxCommentLen bounds a qualification comment, in characters.
const MaxCommentLen = 2000

// QualifyInput is a collector's qualification of a reply.
type QualifyInput struct {
	Status   string
	Comment  string
	Items    []string // item numbers among the customer's items
	Resolver string   // who must fix a dispute
	// FollowUpDue overrides the status's default follow-up date; nil keeps the default.
	FollowUpDue *time.Time
	// SuggestionID is the suggestion the collector started from, if any.
	SuggestionID *int64
	// Next is the next reminder (seed 000): let the dunning scenario go
	// on, or plan a specific action; the zero value plans the status's
	// configured action.
	Next NextStep
}

// NextStep says what follows a qualification.
type NextStep struct {
	// Scenario lets the dunning scenario continue: no specific action, the
	// items stay in the scenario.
	Scenario bool
	// Template and Assignee override the status's action template and the
	// customer's collector for the specific action.
	Template string
	Assignee *int64
}

// Qualify records a collector's qualification of a pending reply: the items
// get the status, a follow-up action is planned from the status
// configuration, and the reply's text joins the history suggestions learn from.
func (s *Service) Qualify(ctx context.Context, a Actor, replyID int64, in QualifyInput) (Qualification, error) {
	return s.qualify(ctx, a, replyID, in, []ReplyState{StatePending}, "qualify")
}

// Requalify replaces the qualification of an already handled reply; the
// earlier one stays in the history and the audit log.
func (s *Service) Requalify(ctx context.Context, a Actor, replyID int64, in QualifyInput) (Qualification, error) {
	return s.qualify(ctx, a, replyID, in, []ReplyState{StateQualified, StateValidated}, "requalify")
}

func (s *Service) qualify(ctx context.Context, a Actor, replyID int64, in QualifyInput, from []ReplyState, verb string) (Qualification, error) {
	if !a.Role.Valid() {
		return Qualification{}, ErrForbidden
	}
	sin, err := s.suggestInput(ctx, a.TenantID, replyID)
	if err != nil {
		return Qualification{}, err
	}
	if !slices.Contains(from, sin.Reply.State) {
		return Qualification{}, ErrConflict
	}
	st, err := checkQualify(&in, sin)
	if err != nil {
		return Qualification{}, err
	}
	text := learningText(sin.Reply, in.Comment)
	vec, err := s.embedder.Embed(ctx, text)
	if err != nil {
		return Qualification{}, fmt.Errorf("triage: embed reply %d: %w", replyID, err)
	}
	q := Qualification{
		TenantID: a.TenantID, ReplyID: replyID, Items: in.Items, Status: st.Code,
		Comment: in.Comment, Resolver: in.Resolver, ByUserID: a.UserID,
		FromSuggestion: in.SuggestionID, Embedding: vec, Text: text,
	}
	q.FollowUp = PlanFollowUp(st, sin.Now, sin.Settings.Calendar)
	if in.FollowUpDue != nil {
		q.FollowUp = &FollowUp{Template: st.ActionTemplate, Due: Day(*in.FollowUpDue)}
		if q.FollowUp.Template == "" {
			q.FollowUp.Template = in.Next.Template
		}
	}
	if in.SuggestionID != nil {
		sg, err := s.store.LatestSuggestion(ctx, a.TenantID, replyID)
		if err == nil && sg.ID == *in.SuggestionID {
			q.Edits = Edits(sg, q)
		}
	}
	if in.Next.Template != "" && q.FollowUp != nil {
		q.FollowUp.Template = in.Next.Template
	}
	if in.Next.Template != "" && q.FollowUp == nil && in.FollowUpDue == nil {
		return Qualification{}, Invalid("follow_up", CodeActionNeedsDate)
	}
	if in.Next.Scenario {
		q.FollowUp = nil
	}
	rec := QualifyRecord{Qualification: q, PrevStates: from}
	if q.FollowUp != nil && sin.Customer != nil {
		assignee := sin.Customer.CollectorID
		if in.Next.Assignee != nil {
			assignee = in.Next.Assignee
		}
		rec.Action = &Action{TenantID: a.TenantID, CustomerID: sin.Customer.ID, Items: q.Items,
			Template: q.FollowUp.Template, Due: q.FollowUp.Due, AssigneeID: assignee}
	}
	after, _ := json.Marshal(map[string]any{"status": q.Status, "items": q.Items, "comment": q.Comment, "resolver": q.Resolver})
	rec.Audit = Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: verb, Entity: "reply", EntityID: replyID,
		Before: jsonState(sin.Reply.State), After: after}
	saved, err := s.store.SaveQualification(ctx, rec)
	if err != nil {
		return Qualification{}, fmt.Errorf("triage: %s reply %d: %w", verb, replyID, err)
	}
	s.log.InfoContext(ctx, "reply "+verb+"d", "tenant", a.TenantID, "reply", replyID, "status", q.Status, "edits", q.Edits)
	s.obs.Qualified(in.SuggestionID != nil, q.Edits)
	if st.Mode == ModeAutomatic && sin.Customer != nil {
		s.sendAutomatic(ctx, a, replyID, st, *sin.Customer)
	}
	return saved, nil
}

// checkQualify validates a qualification against the catalog and the
// customer's items, normalizing in place; it returns the chosen status.
func checkQualify(in *QualifyInput, sin SuggestInput) (Status, error) {
	in.Status = strings.TrimSpace(in.Status)
	st, ok := sin.Catalog.Find(in.Status)
	if !ok {
		return Status{}, Invalid("status", CodeStatusChoice)
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > MaxCommentLen {
		return Status{}, Invalid("comment", CodeCommentLength, MaxCommentLen)
	}
	in.Resolver = strings.TrimSpace(in.Resolver)
	if needsResolver(sin.Catalog, st.Code) && in.Resolver == "" {
		return Status{}, Invalid("resolver", CodeDisputeResolver)
	}
	known := make(map[string]bool, len(sin.Items))
	for _, it := range sin.Items {
		known[it.Number] = true
	}
	items := make([]string, 0, len(in.Items))
	for _, n := range in.Items {
		n = strings.TrimSpace(n)
		if n == "" || slices.Contains(items, n) {
			continue
		}
		if !known[n] {
			return Status{}, Invalid("items", CodeNotOpenItem, n)
		}
		items = append(items, n)
	}
	in.Items = items
	if in.FollowUpDue != nil && Day(*in.FollowUpDue).Before(Day(sin.Now)) {
		return Status{}, Invalid("follow_up", CodeFollowUpPast)
	}
	return st, nil
}

// Edits lists the fields of a suggestion a collector changed in a qualification.
func Edits(sg Suggestion, q Qualification) []string {
	var e []string
	if sg.Status != q.Status {
		e = append(e, "status")
	}
	if strings.TrimSpace(sg.Comment) != q.Comment {
		e = append(e, "comment")
	}
	a, b := slices.Clone(sg.Items), slices.Clone(q.Items)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		e = append(e, "items")
	}
	switch {
	case (sg.FollowUp == nil) != (q.FollowUp == nil):
		e = append(e, "follow_up")
	case sg.FollowUp != nil && !Day(sg.FollowUp.Due).Equal(Day(q.FollowUp.Due)):
		e = append(e, "follow_up")
	}
	return e
}
