package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// bulk runs an action on the replies ticked in the queue: accept their
// suggestions (those under the confidence threshold only when confirmed),
// delete them, or assign them to a collector.
func (s *server) bulk(c *gin.Context) {
	ctx := c.Request.Context()
	f := postForm(c)
	a := actorOf(c)
	ids := parseIDs(f["ids"])
	back := "/queue"
	if u, ok := queueReturn(f.Get("return")); ok {
		back = u
	}
	var (
		res triage.BulkResult
		err error
		key string
	)
	switch f.Get("action") {
	case "accept":
		key = "accepted"
		res, err = s.svc.AcceptSuggestions(ctx, a, ids, triage.AcceptOptions{
			ConfirmLow: f.Get("confirm_low") == "1", Resolver: f.Get("resolver")})
	case "delete":
		key = "deleted_n"
		res, err = s.svc.DeleteMany(ctx, a, ids)
	case "assign":
		key = "assigned"
		to, ok := optionalID(f.Get("assignee"))
		if !ok {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		res, err = s.svc.Assign(ctx, a, ids, to)
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	if verr, ok := errors.AsType[*triage.ValidationError](err); ok && verr.Field == "ids" {
		s.setFlash(c, "bulk_none")
		c.Redirect(http.StatusSeeOther, back)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	for id, ferr := range res.Failed {
		s.logOf(c).InfoContext(ctx, "web: bulk action failed on a reply", "action", key, "reply", id, "err", ferr)
	}
	if key == "accepted" {
		s.setFlash(c, key, int64(len(res.Done)), int64(len(res.Skipped)), int64(len(res.Failed)))
	} else {
		s.setFlash(c, key, int64(len(res.Done)), int64(len(res.Failed)))
	}
	c.Redirect(http.StatusSeeOther, back)
}

// restore undoes a deletion.
func (s *server) restore(c *gin.Context) {
	s.act(c, "restored", nil, func(ctx context.Context, a triage.Actor, id int64) error {
		return s.svc.Restore(ctx, a, id)
	})
}

// optionalID reads an optional positive id of a form ("" is none); ok is
// false for anything else.
func optionalID(v string) (id *int64, ok bool) {
	if v == "" {
		return nil, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return nil, false
	}
	return &n, true
}

// parseIDs reads positive reply ids, without duplicates, ignoring the rest.
func parseIDs(vals []string) []int64 {
	seen := make(map[int64]bool, len(vals))
	out := make([]int64, 0, len(vals))
	for _, v := range vals {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}
