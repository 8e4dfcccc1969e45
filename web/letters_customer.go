package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// customerLettersPage is a customer's timeline of letters: each planned
// letter with its proof-of-sending history (seed 004).
type customerLettersPage struct {
	Customer triage.Customer
	Letters  []customerLetter
	Here     string
}

type customerLetter struct {
	ActionID int64
	Name     string
	Action   triage.Action
	Badge    *letterBadge
}

func (s *server) customerLetters(c *gin.Context) {
	id, ok := s.idParam(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	a := actorOf(c)
	cu, err := s.db.Customer(ctx, a.TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	rows, err := s.db.CustomerLetters(ctx, a.TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := customerLettersPage{Customer: cu, Here: c.Request.URL.Path}
	for _, x := range rows {
		p.Letters = append(p.Letters, customerLetter{ActionID: x.Action.ID, Name: x.Template.Name, Action: x.Action, Badge: badgeOf(a, x)})
	}
	s.render(c, http.StatusOK, "letter_customer", view{Title: cu.Name, Page: p})
}
