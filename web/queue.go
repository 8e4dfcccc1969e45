package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// queuePageSize is how many replies a queue page lists.
const queuePageSize = 50

// excerptLen is how much of a reply's first line the queue shows.
const excerptLen = 140

// queuePage is the review queue ("Réponses & commentaires").
type queuePage struct {
	Mine    bool // only the replies routed to the user
	Count   int  // pending replies under the current filter
	Rows    []queueRow
	NextURL string // the next page, "" on the last one
	MineURL string
	AllURL  string
	Return  string        // where quick actions come back to
	Users   []triage.User // whom replies can be assigned to
	// Unassigned counts the customers with an open balance and no
	// collector, shown to administrators as an alert.
	Unassigned int
	Params     queueParams // the filters in force
	Catalog    triage.Catalog
	Mailboxes  []store.Mailbox
}

// queueRow is one pending reply of the queue.
type queueRow struct {
	ID           int64
	CustomerName string // "" when the sender matched no customer
	CustomerCode string
	Received     time.Time
	Source       triage.Source
	Subject      string
	Lang         string // detected language of the customer's words
	Excerpt      string
	Suggestion   *suggestedStatus
	// Unreadable marks a message that could not be parsed: its text is the
	// parser's reason, which the reply page shows, so Excerpt is empty.
	Unreadable bool
}

// suggestedStatus is a suggestion as a list shows it.
type suggestedStatus struct {
	Label       string
	Confidence  float64
	NeedsReview bool // below the tenant's confidence threshold
	Items       []string
}

func (s *server) queue(c *gin.Context) {
	ctx := c.Request.Context()
	user := actorOf(c)
	params := parseQueueParams(c.Request.URL.Query(), user.Role)
	set, err := s.db.Settings(ctx, user.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := params.filter(user, set.ConfidenceThreshold)
	count, err := s.db.QueueCount(ctx, user.TenantID, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	after := c.Query("after")
	f.Limit, f.After = queuePageSize+1, parseCursor(after)
	if f.After == nil {
		after = ""
	}
	rows, err := s.db.Queue(ctx, user.TenantID, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	cat, err := s.db.Catalog(ctx, user.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	labels := labelsOf(cat)
	users, err := s.db.Users(ctx, user.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	mailboxes, err := s.db.Mailboxes(ctx, user.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	mine, all := params, params
	mine.Mine, all.Mine = true, false
	p := queuePage{Mine: params.Mine, Count: count, MineURL: mine.url(""), AllURL: all.url(""),
		Return: params.url(after), Users: users, Params: params, Catalog: cat, Mailboxes: mailboxes}
	if user.Role == triage.RoleAdmin {
		if p.Unassigned, err = s.db.UnassignedWithBalance(ctx, user.TenantID); err != nil {
			s.fail(c, err)
			return
		}
	}
	if len(rows) > queuePageSize {
		rows = rows[:queuePageSize]
		last := rows[len(rows)-1].Reply
		p.NextURL = params.url(formatCursor(last.ReceivedAt, last.ID))
	}
	for _, r := range rows {
		// The suggested comment is the reply's first sentences without the
		// greeting: more telling than a first line that says "Bonjour,".
		gist := r.Reply.BodyClean
		if r.Suggestion != nil && r.Suggestion.Comment != "" {
			gist = r.Suggestion.Comment
		}
		row := queueRow{
			ID: r.Reply.ID, CustomerName: r.CustomerName, CustomerCode: r.CustomerCode,
			Received: r.Reply.ReceivedAt, Source: r.Reply.Source, Subject: r.Reply.Subject, Lang: r.Reply.Lang,
			Excerpt: excerpt(gist, excerptLen), Suggestion: suggested(r.Suggestion, labels, set),
		}
		if r.Reply.Unreadable() {
			// The text is the parser's reason, not the customer's words:
			// the page says what it means in the collector's language.
			row.Unreadable, row.Excerpt = true, ""
		}
		p.Rows = append(p.Rows, row)
	}
	s.render(c, http.StatusOK, "queue", view{TitleKey: "queue.title", Page: p})
}

// queueMine decides the queue's filter: collectors see their own replies
// unless they ask for all (mine=0), admins see all unless they ask (mine=1).
func queueMine(param string, role triage.Role) bool {
	switch param {
	case "1":
		return true
	case "0":
		return false
	}
	return role == triage.RoleCollector
}

// formatCursor writes a keyset position as <unix-nanos>_<id>.
func formatCursor(at time.Time, id int64) string {
	return fmt.Sprintf("%d_%d", at.UnixNano(), id)
}

// parseCursor reads <unix-nanos>_<id>; anything else means the first page.
func parseCursor(s string) *store.QueueCursor {
	ns, id, ok := strings.Cut(s, "_")
	if !ok {
		return nil
	}
	n, err1 := strconv.ParseInt(ns, 10, 64)
	i, err2 := strconv.ParseInt(id, 10, 64)
	if err1 != nil || err2 != nil || i <= 0 {
		return nil
	}
	return &store.QueueCursor{ReceivedAt: time.Unix(0, n), ID: i}
}

// statusLabels maps the tenant's status codes to their labels.
func (s *server) statusLabels(c *gin.Context, tenantID int64) (map[string]string, error) {
	cat, err := s.db.Catalog(c.Request.Context(), tenantID)
	if err != nil {
		return nil, err
	}
	return labelsOf(cat), nil
}

func labelsOf(cat triage.Catalog) map[string]string {
	m := make(map[string]string, len(cat))
	for _, st := range cat {
		m[st.Code] = st.Label
	}
	return m
}

// label is a status's label, or its code when the catalog lost it.
func label(labels map[string]string, code string) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return code
}

func suggested(sg *triage.Suggestion, labels map[string]string, set triage.Settings) *suggestedStatus {
	if sg == nil {
		return nil
	}
	return &suggestedStatus{Label: label(labels, sg.Status), Confidence: sg.Confidence, Items: sg.Items,
		NeedsReview: set.NeedsReview(sg.Confidence)}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
