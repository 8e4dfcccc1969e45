package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// qualifyValues are the qualify form's fields as text, as posted or as
// pre-filled from the suggestion.
type qualifyValues struct {
	Status       string
	Comment      string
	Items        []string
	Resolver     string
	FollowUp     string // YYYY-MM-DD, "" for the status's default
	SuggestionID string
	// The next reminder: "scenario" lets the dunning scenario go on,
	// anything else plans an action (Template and Assignee, "" for the
	// status's and the customer's collector).
	Next     string
	Template string
	Assignee string
}

// suggestedValues pre-fills the form from the suggestion, or from the items
// the customer ticked when there is none yet.
func suggestedValues(r triage.Reply, sg triage.Suggestion, ok bool) qualifyValues {
	if !ok {
		return qualifyValues{Items: r.ItemRefs}
	}
	v := qualifyValues{Status: sg.Status, Comment: sg.Comment, Items: sg.Items, SuggestionID: strconv.FormatInt(sg.ID, 10)}
	if len(v.Items) == 0 {
		v.Items = r.ItemRefs
	}
	if sg.FollowUp != nil {
		v.FollowUp = isoDate(sg.FollowUp.Due)
	}
	return v
}

func postedValues(c *gin.Context) qualifyValues {
	f := postForm(c)
	return qualifyValues{Status: f.Get("status"), Comment: f.Get("comment"), Items: f["items"],
		Resolver: f.Get("resolver"), FollowUp: f.Get("follow_up"), SuggestionID: f.Get("suggestion_id"),
		Next: f.Get("next"), Template: f.Get("action_template"), Assignee: f.Get("assignee")}
}

// input converts the form to the workflow's input; only the date can be malformed.
func (v qualifyValues) input() (triage.QualifyInput, error) {
	in := triage.QualifyInput{Status: v.Status, Comment: v.Comment, Items: v.Items, Resolver: v.Resolver}
	if v.FollowUp != "" {
		d, err := time.Parse(time.DateOnly, v.FollowUp)
		if err != nil {
			return in, &triage.ValidationError{Field: "follow_up", Message: "not a YYYY-MM-DD date"}
		}
		in.FollowUpDue = &d
	}
	in.Next = triage.NextStep{Scenario: v.Next == "scenario", Template: v.Template}
	if v.Assignee != "" && !in.Next.Scenario {
		id, err := strconv.ParseInt(v.Assignee, 10, 64)
		if err != nil || id <= 0 {
			return in, &triage.ValidationError{Field: "assignee", Message: "choose someone in the list"}
		}
		in.Next.Assignee = &id
	}
	// A bad suggestion id only loses the record of what was edited.
	if id, err := strconv.ParseInt(v.SuggestionID, 10, 64); err == nil && id > 0 {
		in.SuggestionID = &id
	}
	return in, nil
}

func (s *server) qualify(c *gin.Context) {
	vals := postedValues(c)
	s.act(c, "qualified", &vals, func(ctx context.Context, a triage.Actor, id int64) error {
		in, err := vals.input()
		if err != nil {
			return err
		}
		_, err = s.svc.Qualify(ctx, a, id, in)
		return err
	})
}

func (s *server) requalify(c *gin.Context) {
	vals := postedValues(c)
	s.act(c, "requalified", &vals, func(ctx context.Context, a triage.Actor, id int64) error {
		in, err := vals.input()
		if err != nil {
			return err
		}
		_, err = s.svc.Requalify(ctx, a, id, in)
		return err
	})
}

func (s *server) validate(c *gin.Context) {
	s.act(c, "validated", nil, s.svc.Validate)
}

func (s *server) delete(c *gin.Context) {
	s.act(c, "deleted", nil, s.svc.Delete)
}

// act runs a workflow action on the reply of the URL for the session user,
// then sends the browser on with a flash message. A refused qualification
// shows the form again (422) with the posted values.
func (s *server) act(c *gin.Context, flash string, vals *qualifyValues, do func(context.Context, triage.Actor, int64) error) {
	ctx := c.Request.Context()
	id, ok := replyIDParam(c)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	a := actorOf(c)
	r, err := s.db.Reply(ctx, a.TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := do(ctx, a, id); err != nil {
		if verr, ok := errors.AsType[*triage.ValidationError](err); ok && vals != nil {
			s.logOf(c).InfoContext(ctx, "web: qualification refused", "reply", id, "field", verr.Field, "reason", verr.Message)
			s.renderReply(c, http.StatusUnprocessableEntity, id, vals, verr)
			return
		}
		s.fail(c, err)
		return
	}
	if flash == "deleted" {
		s.setFlash(c, flash, id) // with an undo button
	} else {
		s.setFlash(c, flash)
	}
	c.Redirect(http.StatusSeeOther, s.nextURL(c, a, r))
}

// nextURL is where to go after handling r: back to the queue page the action
// came from, else the next pending reply in queue order, else the queue.
func (s *server) nextURL(c *gin.Context, a triage.Actor, r triage.Reply) string {
	if u, ok := queueReturn(postForm(c).Get("return")); ok {
		return u
	}
	f := store.QueueFilter{Limit: 1, After: &store.QueueCursor{ReceivedAt: r.ReceivedAt, ID: r.ID}}
	if queueMine("", a.Role) {
		f.AssigneeID = &a.UserID
	}
	for range 2 { // older than r first, then wrap around to the newest
		rows, err := s.db.Queue(c.Request.Context(), a.TenantID, f)
		if err != nil {
			s.logOf(c).WarnContext(c.Request.Context(), "web: next pending reply", "err", err)
			break
		}
		if len(rows) > 0 {
			return "/replies/" + strconv.FormatInt(rows[0].Reply.ID, 10)
		}
		f.After = nil
	}
	return "/queue"
}

// queueReturn accepts a queue URL to come back to, rebuilt from its known
// parameters so that it can never redirect elsewhere.
func queueReturn(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/queue" {
		return "", false
	}
	q := u.Query()
	after := q.Get("after")
	if parseCursor(after) == nil {
		after = ""
	}
	return parseQueueParams(q, triage.RoleAdmin).url(after), true // no mine= means all, as for admins
}
