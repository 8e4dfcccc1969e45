package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

// replyPage is one reply with its suggestion and the qualify form.
type replyPage struct {
	Reply      triage.Reply
	Body       string // the customer's new words
	FullText   string // the whole text when it differs (quotes, signature)
	Customer   *triage.Customer
	Currency   string
	Pending    bool
	Requalify  bool // handled: the form changes the qualification in force
	Suggestion *suggestionView
	Current    *qualificationView // the qualification in force of a handled reply
	Form       qualifyForm
	Errors     map[string]string // field → message, after a refused qualification
	Files      []triage.Attachment
	Thread     []threadEvent // the customer's other replies
	Found      *extracted    // what the customer's words name: dates, amounts, transfers
	RawSize    int           // bytes of the message as received, 0 when it came as text
	HasHTML    bool          // the message has an HTML body to show sanitized
	Email      emailForm     // the confirmation email, once the reply is handled
	EmailOpen  bool          // the email form is being worked on: show it unfolded
}

// threadEvent is an earlier reply of the customer, as the page lists it.
type threadEvent struct {
	store.CustomerEvent
	Label string // the status's label
}

// extracted is what extraction read in the customer's words, shown as the
// evidence of a follow-up date or a payment.
type extracted struct {
	Promise, Return *time.Time
	Amounts         []string
	Transfers       []string
}

// extractedOf reads a reply's words; nil when they name nothing.
func extractedOf(text string, received time.Time, open []triage.Item) *extracted {
	numbers := make([]string, len(open))
	for i, it := range open {
		numbers[i] = it.Number
	}
	res := extract.Extract(text, received, numbers)
	x := &extracted{Promise: res.Promise, Return: res.Return, Transfers: res.TransferRefs}
	for _, a := range res.Amounts {
		x.Amounts = append(x.Amounts, triage.FormatMoney("fr", float64(a.Minor)/100, a.Currency))
	}
	if x.Promise == nil && x.Return == nil && len(x.Amounts) == 0 && len(x.Transfers) == 0 {
		return nil
	}
	return x
}

// suggestionView is the latest suggestion and the evidence behind it.
type suggestionView struct {
	Label        string
	Confidence   float64
	NeedsReview  bool // below the tenant's confidence threshold
	Comment      string
	Items        []string
	ItemStatuses []itemStatusView // multi-intent replies: each item's own status
	FollowUp     time.Time        // zero: no follow-up
	Strategy     string
	Neighbours   []neighbourView
}

// itemStatusView is an item with the status suggested for it.
type itemStatusView struct{ Item, Label string }

// neighbourView is a past qualification that voted for the suggestion.
type neighbourView struct {
	Label      string
	Similarity float64
	Comment    string
}

// qualificationView is a recorded qualification, read-only.
type qualificationView struct {
	Label    string
	Comment  string
	Items    []string
	Resolver string
	FollowUp time.Time
	At       time.Time
}

// qualifyForm is the qualify form with its choices.
type qualifyForm struct {
	qualifyValues
	Groups    []statusGroup
	Items     []itemChoice
	Templates []triage.ActionTemplate // for a specific action
	Users     []triage.User           // who may be given it
}

// statusGroup is an <optgroup> of the catalog: the statuses of one kind.
type statusGroup struct {
	Label   string
	Options []statusOption
}

type statusOption struct {
	Code     string
	Label    string
	Dispute  bool
	Selected bool
}

// itemChoice is an open item offered as a checkbox.
type itemChoice struct {
	Number     string
	Due        time.Time
	OpenAmount float64
	Currency   string
	Checked    bool
}

func (s *server) reply(c *gin.Context) {
	id, ok := replyIDParam(c)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	s.renderReply(c, http.StatusOK, id, nil, nil)
}

// replyIDParam reads the :id of the URL; a malformed id is a page that does not exist.
func replyIDParam(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	return id, err == nil && id > 0
}

// renderReply shows a reply of the session's tenant. vals are the posted
// values to show again after a refused qualification (nil: start from the
// suggestion), with the refusal in verr.
func (s *server) renderReply(c *gin.Context, status int, id int64, vals *qualifyValues, verr *triage.ValidationError) {
	p, err := s.loadReply(c.Request.Context(), langOf(c), actorOf(c).TenantID, id, vals)
	if err != nil {
		s.fail(c, err)
		return
	}
	if verr != nil {
		p.Errors = fieldErrors(langOf(c), verr)
	}
	title := p.Reply.Subject
	if title == "" {
		title = tr(langOf(c), "reply.title")
	}
	s.render(c, status, "reply", view{Title: title, Page: p})
}

func (s *server) loadReply(ctx context.Context, lang string, tenantID, id int64, vals *qualifyValues) (*replyPage, error) {
	r, err := s.db.Reply(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}
	cat, err := s.db.Catalog(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	labels := labelsOf(cat)
	p := &replyPage{Reply: r, Body: r.BodyClean, Pending: r.State == triage.StatePending, Currency: "EUR"}
	if p.Files, err = s.db.Attachments(ctx, tenantID, id); err != nil {
		return nil, err
	}
	if p.RawSize, p.HasHTML, err = s.db.RawInfo(ctx, tenantID, id); err != nil {
		return nil, err
	}
	if r.CustomerID != nil {
		events, err := s.db.CustomerThread(ctx, tenantID, *r.CustomerID, id, 20)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			p.Thread = append(p.Thread, threadEvent{CustomerEvent: e, Label: label(labels, e.Status)})
		}
	}
	if p.Body == "" {
		p.Body = r.Text
	}
	if r.Text != p.Body {
		p.FullText = r.Text
	}
	if r.Unreadable() {
		// Its text is the parser's reason, which the page shows as such:
		// there are no customer's words to show or to read dates in, and
		// no HTML body the parser would read this time.
		p.Body, p.FullText, p.HasHTML = "", "", false
	}
	var open []triage.Item
	if r.CustomerID != nil {
		cust, err := s.db.Customer(ctx, tenantID, *r.CustomerID)
		if err != nil {
			return nil, err
		}
		p.Customer = &cust
		if open, err = s.db.OpenItems(ctx, tenantID, cust.ID); err != nil {
			return nil, err
		}
		if len(open) > 0 {
			p.Currency = open[0].Currency
		}
	}
	p.Found = extractedOf(p.Body, r.ReceivedAt, open)
	sg, err := s.db.LatestSuggestion(ctx, tenantID, id)
	hasSuggestion := err == nil
	switch {
	case hasSuggestion:
		set, err := s.db.Settings(ctx, tenantID)
		if err != nil {
			return nil, err
		}
		p.Suggestion = suggestionOf(sg, labels, set)
	case !errors.Is(err, triage.ErrNotFound): // none yet: the job has not run
		return nil, err
	}
	var current *triage.Qualification
	if !p.Pending {
		p.Requalify = r.State == triage.StateQualified || r.State == triage.StateValidated
		q, err := s.db.CurrentQualification(ctx, tenantID, id)
		switch {
		case err == nil:
			p.Current, current = qualificationOf(q, labels), &q
		case !errors.Is(err, triage.ErrNotFound): // validated or deleted: no qualification
			return nil, err
		}
	}
	if vals == nil {
		v := suggestedValues(r, sg, hasSuggestion)
		if current != nil {
			v = currentValues(*current)
		}
		vals = &v
	}
	p.Form = qualifyForm{qualifyValues: *vals, Groups: statusGroups(lang, cat, vals.Status), Items: itemChoices(open, vals.Items)}
	if p.Form.Templates, err = s.db.ActionTemplates(ctx, tenantID); err != nil {
		return nil, err
	}
	if p.Form.Users, err = s.db.Users(ctx, tenantID); err != nil {
		return nil, err
	}
	if !p.Pending {
		p.Email.Templates = emailTemplates(p.Form.Templates)
		if current != nil {
			// Propose the email of the status's action, if it is one.
			if st, ok := cat.Find(current.Status); ok {
				for _, t := range p.Email.Templates {
					if t.Code == st.ActionTemplate {
						p.Email = draftFrom(t, p.Customer)
						p.Email.Templates = emailTemplates(p.Form.Templates)
						p.EmailOpen = st.Mode != triage.ModeAutomatic
					}
				}
			}
		}
		if p.Email.Sent, err = s.db.EmailsOfReply(ctx, tenantID, id); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func suggestionOf(sg triage.Suggestion, labels map[string]string, set triage.Settings) *suggestionView {
	v := &suggestionView{Label: label(labels, sg.Status), Confidence: sg.Confidence, Comment: sg.Comment,
		Items: sg.Items, Strategy: sg.Strategy, NeedsReview: set.NeedsReview(sg.Confidence)}
	for _, it := range sortedKeys(sg.ItemStatuses) {
		v.ItemStatuses = append(v.ItemStatuses, itemStatusView{Item: it, Label: label(labels, sg.ItemStatuses[it])})
	}
	if sg.FollowUp != nil {
		v.FollowUp = sg.FollowUp.Due
	}
	for _, n := range sg.Neighbours {
		v.Neighbours = append(v.Neighbours, neighbourView{Label: label(labels, n.Status), Similarity: n.Similarity, Comment: n.Comment})
	}
	return v
}

// currentValues pre-fills the requalify form with the qualification in force.
func currentValues(q triage.Qualification) qualifyValues {
	v := qualifyValues{Status: q.Status, Comment: q.Comment, Items: q.Items, Resolver: q.Resolver}
	if q.FollowUp != nil {
		v.FollowUp = isoDate(q.FollowUp.Due)
	}
	return v
}

func qualificationOf(q triage.Qualification, labels map[string]string) *qualificationView {
	v := &qualificationView{Label: label(labels, q.Status), Comment: q.Comment, Items: q.Items, Resolver: q.Resolver, At: q.CreatedAt}
	if q.FollowUp != nil {
		v.FollowUp = q.FollowUp.Due
	}
	return v
}

// statusGroups groups the catalog by kind, in the order kinds first appear.
func statusGroups(lang string, cat triage.Catalog, selected string) []statusGroup {
	var groups []statusGroup
	index := map[triage.StatusKind]int{}
	for _, st := range cat {
		i, ok := index[st.Kind]
		if !ok {
			i = len(groups)
			index[st.Kind] = i
			groups = append(groups, statusGroup{Label: tr(lang, "catalog.kind."+string(st.Kind))})
		}
		groups[i].Options = append(groups[i].Options, statusOption{Code: st.Code, Label: st.Label,
			Dispute: st.IsDispute, Selected: st.Code == selected})
	}
	return groups
}

func itemChoices(open []triage.Item, checked []string) []itemChoice {
	out := make([]itemChoice, 0, len(open))
	for _, it := range open {
		out = append(out, itemChoice{Number: it.Number, Due: it.Due, OpenAmount: it.OpenAmount,
			Currency: it.Currency, Checked: slices.Contains(checked, it.Number)})
	}
	return out
}

// fieldErrors shows a refused qualification next to its field; fields the
// form does not show are reported under "other".
func fieldErrors(lang string, e *triage.ValidationError) map[string]string {
	switch e.Field {
	case "status", "comment", "resolver", "items", "follow_up":
		return map[string]string{e.Field: tr(lang, "reply.field."+e.Field)}
	}
	return map[string]string{"other": tr(lang, "reply.field.other")}
}
