package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// customersPage is the customers list with its search, the collector
// assignment in bulk (administrators) and the alert of customers with an
// open balance and no collector.
type customersPage struct {
	Codes      string // pasted codes, as typed
	Query      string
	Unassigned bool
	Customers  []customerRow
	Users      []triage.User
	Alert      int
	CanAssign  bool
	Return     string
}

func (s *server) customers(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	p := customersPage{Codes: c.Query("codes"), Query: c.Query("q"), Unassigned: c.Query("unassigned") == "1",
		CanAssign: a.Role == triage.RoleAdmin}
	p.Return = "/customers?" + url.Values{"codes": {p.Codes}, "q": {p.Query}, "unassigned": {map[bool]string{true: "1"}[p.Unassigned]}}.Encode()
	f := store.CustomerFilter{Codes: splitCodes(p.Codes), Query: p.Query, Unassigned: p.Unassigned, NonZero: p.Unassigned}
	cs, err := s.db.Customers(ctx, a.TenantID, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Users, err = s.db.Users(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	names := make(map[int64]string, len(p.Users))
	for _, u := range p.Users {
		names[u.ID] = u.Name
	}
	for _, cu := range cs {
		row := customerRow{Customer: cu}
		if cu.CollectorID != nil {
			row.Collector = names[*cu.CollectorID]
		}
		p.Customers = append(p.Customers, row)
	}
	if p.Alert, err = s.db.UnassignedWithBalance(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "customers", view{TitleKey: "nav.customers", Page: p})
}

// customerRow is a customer with its collector's name ("" for none).
type customerRow struct {
	triage.Customer
	Collector string
}

// splitCodes reads customer codes pasted from a spreadsheet: one a line,
// or separated by tabs, commas, semicolons or spaces.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\t' || r == ',' || r == ';' || r == ' '
	})
}

// assignCustomers gives the ticked customers a collector.
func (s *server) assignCustomers(c *gin.Context) {
	f := postForm(c)
	to, ok := optionalID(f.Get("collector"))
	if !ok {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	back := "/customers"
	if r := f.Get("return"); strings.HasPrefix(r, "/customers?") {
		back = r
	}
	n, err := s.svc.AssignCustomers(c.Request.Context(), actorOf(c), parseIDs(f["ids"]), to)
	var verr *triage.ValidationError
	switch {
	case errors.As(err, &verr) && verr.Field == "ids":
		s.setFlash(c, "bulk_none")
	case errors.As(err, &verr):
		s.errorPage(c, http.StatusUnprocessableEntity, "badrequest")
		return
	case err != nil:
		s.fail(c, err)
		return
	default:
		s.setFlash(c, "collector_set", int64(n))
	}
	c.Redirect(http.StatusSeeOther, back)
}
