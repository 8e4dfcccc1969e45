package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// queueParams are the queue's filters as its URL carries them, so that a
// filtered view can be bookmarked, paged and come back to after an action.
type queueParams struct {
	Mine    bool
	Mailbox string // mailbox id
	Source  string // imap, webform, api
	Status  string // suggested status code
	Review  string // "1": under the threshold only; "0": above it only
	Unknown bool   // customer unknown only
	Auto    string // "1": automatic replies only; "0": none of them
	// Unreadable keeps the replies whose message could not be parsed.
	Unreadable bool
	Search     string
}

// parseQueueParams reads the filters of a queue URL; unknown values are dropped.
func parseQueueParams(q url.Values, role triage.Role) queueParams {
	p := queueParams{Mine: queueMine(q.Get("mine"), role), Status: q.Get("status"),
		Unknown: q.Get("unknown") == "1", Unreadable: q.Get("unreadable") == "1", Search: strings.TrimSpace(q.Get("q"))}
	if _, err := strconv.ParseInt(q.Get("mailbox"), 10, 64); err == nil {
		p.Mailbox = q.Get("mailbox")
	}
	switch src := triage.Source(q.Get("source")); src {
	case triage.SourceIMAP, triage.SourceWebForm, triage.SourceAPI:
		p.Source = string(src)
	}
	if v := q.Get("review"); v == "0" || v == "1" {
		p.Review = v
	}
	if v := q.Get("auto"); v == "0" || v == "1" {
		p.Auto = v
	}
	if len(p.Search) > 200 {
		p.Search = p.Search[:200]
	}
	return p
}

// url links to the queue with these filters and an optional cursor.
func (p queueParams) url(after string) string {
	q := url.Values{"mine": {"0"}}
	if p.Mine {
		q.Set("mine", "1")
	}
	for k, v := range map[string]string{"mailbox": p.Mailbox, "source": p.Source, "status": p.Status,
		"review": p.Review, "auto": p.Auto, "q": p.Search, "after": after} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if p.Unknown {
		q.Set("unknown", "1")
	}
	if p.Unreadable {
		q.Set("unreadable", "1")
	}
	return "/queue?" + q.Encode()
}

// filter is the store's filter for a user and the tenant's threshold.
func (p queueParams) filter(a triage.Actor, threshold float64) store.QueueFilter {
	f := store.QueueFilter{Source: p.Source, Status: p.Status, UnknownCustomer: p.Unknown, Unreadable: p.Unreadable,
		Search: p.Search, Threshold: threshold}
	if p.Mine {
		f.AssigneeID = &a.UserID
	}
	if id, err := strconv.ParseInt(p.Mailbox, 10, 64); err == nil {
		f.MailboxID = &id
	}
	if p.Review != "" {
		v := p.Review == "1"
		f.NeedsReview = &v
	}
	if p.Auto != "" {
		v := p.Auto == "1"
		f.AutoReply = &v
	}
	return f
}
