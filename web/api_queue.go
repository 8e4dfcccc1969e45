package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// The queue API mirrors the review queue for integrations: list pending
// replies with their suggestions, and validate, delete or qualify them.
// Integrations act with the tenant's API token, as a collector would; the
// audit log records them without a user.

// apiReply is a pending reply as the API lists it.
type apiReply struct {
	ID           int64          `json:"id"`
	ReceivedAt   time.Time      `json:"received_at"`
	Source       triage.Source  `json:"source"`
	From         string         `json:"from"`
	Subject      string         `json:"subject"`
	Text         string         `json:"text"` // the customer's new words; the parser's reason when flagged unreadable
	Flags        []string       `json:"flags,omitempty"`
	Lang         string         `json:"lang,omitempty"`
	CustomerCode string         `json:"customer_code,omitempty"`
	Suggestion   *apiSuggestion `json:"suggestion,omitempty"`
}

type apiSuggestion struct {
	ID           int64             `json:"id"`
	Status       string            `json:"status"`
	Confidence   float64           `json:"confidence"`
	Comment      string            `json:"comment"`
	Items        []string          `json:"items"`
	ItemStatuses map[string]string `json:"item_statuses,omitempty"`
	FollowUp     string            `json:"follow_up,omitempty"` // YYYY-MM-DD
	Strategy     string            `json:"strategy"`
}

// apiQualifyBody is the body of POST /api/v1/replies/{id}/qualify.
type apiQualifyBody struct {
	Status   string   `json:"status"`
	Comment  string   `json:"comment"`
	Items    []string `json:"items"`
	Resolver string   `json:"resolver"`
	FollowUp string   `json:"follow_up"` // YYYY-MM-DD; "" for the status's default
}

// apiActor is the integration acting with the request's token.
func apiActor(c *gin.Context) triage.Actor {
	return triage.Actor{TenantID: c.GetInt64("api_tenant"), Role: triage.RoleCollector}
}

// apiListReplies answers GET /api/v1/replies?state=pending[&limit=N][&after=cursor].
func (s *server) apiListReplies(c *gin.Context) {
	if st := c.DefaultQuery("state", "pending"); st != "pending" {
		apiProblem(c, http.StatusBadRequest, "unsupported state", "only state=pending is listed", "state")
		return
	}
	limit := 50
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			apiProblem(c, http.StatusBadRequest, "bad limit", "limit is between 1 and 200", "limit")
			return
		}
		limit = n
	}
	f := store.QueueFilter{Limit: limit + 1}
	if v := c.Query("after"); v != "" {
		if f.After = parseCursor(v); f.After == nil {
			apiProblem(c, http.StatusBadRequest, "bad cursor", "pass the next value of the previous page", "after")
			return
		}
	}
	a := apiActor(c)
	rows, err := s.db.Queue(c.Request.Context(), a.TenantID, f)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	out := struct {
		Replies []apiReply `json:"replies"`
		Next    string     `json:"next,omitempty"`
	}{Replies: make([]apiReply, 0, len(rows))}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1].Reply
		out.Next = formatCursor(last.ReceivedAt, last.ID)
	}
	for _, r := range rows {
		out.Replies = append(out.Replies, apiReplyOf(r))
	}
	c.JSON(http.StatusOK, out)
}

func apiReplyOf(r store.QueueRow) apiReply {
	x := apiReply{ID: r.Reply.ID, ReceivedAt: r.Reply.ReceivedAt, Source: r.Reply.Source, From: r.Reply.From,
		Subject: r.Reply.Subject, Text: r.Reply.BodyClean, Flags: r.Reply.Flags, Lang: r.Reply.Lang, CustomerCode: r.CustomerCode}
	if sg := r.Suggestion; sg != nil {
		x.Suggestion = &apiSuggestion{ID: sg.ID, Status: sg.Status, Confidence: sg.Confidence, Comment: sg.Comment,
			Items: sg.Items, ItemStatuses: sg.ItemStatuses, Strategy: sg.Strategy}
		if x.Suggestion.Items == nil {
			x.Suggestion.Items = []string{}
		}
		if sg.FollowUp != nil {
			x.Suggestion.FollowUp = sg.FollowUp.Due.Format(time.DateOnly)
		}
	}
	return x
}

func (s *server) apiValidate(c *gin.Context) { s.apiAct(c, s.svc.Validate) }

func (s *server) apiDelete(c *gin.Context) { s.apiAct(c, s.svc.Delete) }

func (s *server) apiQualify(c *gin.Context) {
	var body apiQualifyBody
	if !readJSON(c, &body) {
		return
	}
	s.apiAct(c, func(ctx context.Context, a triage.Actor, id int64) error {
		in := triage.QualifyInput{Status: body.Status, Comment: body.Comment, Items: body.Items, Resolver: body.Resolver}
		if body.FollowUp != "" {
			d, err := time.Parse(time.DateOnly, body.FollowUp)
			if err != nil {
				return &triage.ValidationError{Field: "follow_up", Message: "not a YYYY-MM-DD date"}
			}
			in.FollowUpDue = &d
		}
		_, err := s.svc.Qualify(ctx, a, id, in)
		return err
	})
}

// apiAct runs a workflow action on the reply of the URL and answers with
// its new state.
func (s *server) apiAct(c *gin.Context, do func(context.Context, triage.Actor, int64) error) {
	id, ok := replyIDParam(c)
	if !ok {
		apiProblem(c, http.StatusNotFound, "no such reply", "", "id")
		return
	}
	a := apiActor(c)
	if err := do(c.Request.Context(), a, id); err != nil {
		s.apiFail(c, err)
		return
	}
	r, err := s.db.Reply(c.Request.Context(), a.TenantID, id)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": r.ID, "state": r.State})
}

// apiFail maps a workflow error to problem details.
func (s *server) apiFail(c *gin.Context, err error) {
	var ve *triage.ValidationError
	switch {
	case errors.As(err, &ve):
		apiProblem(c, http.StatusUnprocessableEntity, "invalid input", ve.Message, ve.Field)
	case errors.Is(err, triage.ErrForbidden):
		apiProblem(c, http.StatusForbidden, "not allowed", "", "")
	case errors.Is(err, triage.ErrNotFound):
		apiProblem(c, http.StatusNotFound, "no such reply", "", "id")
	case errors.Is(err, triage.ErrConflict):
		apiProblem(c, http.StatusConflict, "the reply was already handled", "", "")
	default:
		s.log.ErrorContext(c.Request.Context(), "api", "tenant", c.GetInt64("api_tenant"), "err", err)
		apiProblem(c, http.StatusServiceUnavailable, "try again later", "", "")
	}
}

// apiReminderBody is the body of POST /api/v1/reminders: a reminder the
// dunning system sent, so that replies to it find their customer.
type apiReminderBody struct {
	MessageID    string    `json:"message_id"`
	CustomerCode string    `json:"customer_code"`
	Items        []string  `json:"items"`
	SentAt       time.Time `json:"sent_at"`
}

// apiPostReminder records a sent reminder; recording it again is a no-op.
func (s *server) apiPostReminder(c *gin.Context) {
	var body apiReminderBody
	if !readJSON(c, &body) {
		return
	}
	ctx := c.Request.Context()
	tenantID := c.GetInt64("api_tenant")
	cust, err := s.db.CustomerByCode(ctx, tenantID, body.CustomerCode)
	if errors.Is(err, triage.ErrNotFound) {
		apiProblem(c, http.StatusUnprocessableEntity, "invalid input", "no such customer", "customer_code")
		return
	}
	if err != nil {
		s.apiFail(c, err)
		return
	}
	if body.SentAt.IsZero() {
		body.SentAt = s.now()
	}
	if err := s.db.InsertReminder(ctx, tenantID, cust.ID, body.MessageID, body.Items, body.SentAt); err != nil {
		s.apiFail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"message_id": body.MessageID, "customer_code": cust.Code})
}

// readJSON decodes the request's JSON body into v, strictly, or answers 400.
func readJSON(c *gin.Context, v any) bool {
	raw, err := io.ReadAll(c.Request.Body)
	if err == nil {
		err = strictJSON(raw, v)
	}
	if err != nil {
		apiProblem(c, http.StatusBadRequest, "invalid JSON", err.Error(), "body")
		return false
	}
	return true
}
