package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// assignmentPage shows the automatic assignment of collectors: the rules,
// first match wins, and the default collector.
type assignmentPage struct {
	Rules   []store.AssignmentRule
	Default int64 // 0: none
	Users   []triage.User
	Error   string
}

func (s *server) assignment(c *gin.Context) {
	s.renderAssignment(c, http.StatusOK, "")
}

func (s *server) renderAssignment(c *gin.Context, status int, problem string) {
	ctx := c.Request.Context()
	a := actorOf(c)
	rules, def, err := s.db.AssignmentRules(ctx, a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	users, err := s.db.Users(ctx, a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := assignmentPage{Rules: rules, Users: users, Error: problem}
	if def != nil {
		p.Default = *def
	}
	s.render(c, status, "assignment", view{TitleKey: "admin.assignment.title", Page: p})
}

// saveAssignment handles the page's forms: add or delete a rule, set the
// default collector, apply the rules to the customers without a collector.
func (s *server) saveAssignment(c *gin.Context) {
	ctx := c.Request.Context()
	tenant := actorOf(c).TenantID
	f := postForm(c)
	var err error
	flash := "rules_saved"
	var applied int
	switch f.Get("op") {
	case "add":
		r := store.AssignmentRule{Country: f.Get("country"), CodePrefix: f.Get("code_prefix")}
		if r.CollectorID, err = strconv.ParseInt(f.Get("collector"), 10, 64); err != nil {
			err = refuse("collector", "admin.assignment.err.collector")
			break
		}
		if v := strings.TrimSpace(strings.ReplaceAll(f.Get("min_balance"), ",", ".")); v != "" {
			b, perr := strconv.ParseFloat(v, 64)
			if perr != nil || b < 0 {
				err = refuse("min_balance", "admin.assignment.err.min_balance")
				break
			}
			r.MinBalance = &b
		}
		err = s.db.AddAssignmentRule(ctx, tenant, r)
	case "delete":
		id, perr := strconv.ParseInt(f.Get("id"), 10, 64)
		if perr != nil {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		err = s.db.DeleteAssignmentRule(ctx, tenant, id)
	case "default":
		var to *int64
		if v := f.Get("collector"); v != "" {
			n, perr := strconv.ParseInt(v, 10, 64)
			if perr != nil {
				s.errorPage(c, http.StatusBadRequest, "badrequest")
				return
			}
			to = &n
		}
		err = s.db.SetDefaultCollector(ctx, tenant, to)
	case "apply":
		flash = "rules_applied"
		applied, err = s.db.ApplyAssignmentRules(ctx, tenant)
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	if msg, ok := refusalText(langOf(c), err); ok {
		s.renderAssignment(c, http.StatusUnprocessableEntity, msg)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	if flash == "rules_applied" {
		s.setFlash(c, flash, int64(applied))
	} else {
		s.setFlash(c, flash)
	}
	c.Redirect(http.StatusSeeOther, "/admin/assignment")
}
