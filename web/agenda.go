package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// agendaHorizon is how far ahead the agenda shows upcoming actions.
const agendaHorizon = 14 * 24 * time.Hour

// agendaLimit bounds the actions one agenda page lists.
const agendaLimit = 300

// agendaPage is a collector's follow-up actions: overdue, today, upcoming.
type agendaPage struct {
	Mine     bool
	MineURL  string
	AllURL   string
	Today    time.Time
	Groups   []agendaGroup
	Truncate bool // more actions than the page lists
}

type agendaGroup struct {
	Title   string
	Class   string
	Actions []agendaAction
}

type agendaAction struct {
	ID           int64
	Due          time.Time
	CustomerName string
	CustomerCode string
	Template     string
	Items        []string
	Status       string       // label of the items' status
	Letter       *letterBadge // nil when the action is not a letter
}

func (s *server) agenda(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	mine := queueMine(c.Query("mine"), a.Role)
	var who *int64
	if mine {
		who = &a.UserID
	}
	today := triage.Day(time.Now())
	rows, err := s.db.Agenda(ctx, a.TenantID, who, today.Add(agendaHorizon), agendaLimit+1)
	if err != nil {
		s.fail(c, err)
		return
	}
	letterRows, err := s.db.LetterActionsDue(ctx, a.TenantID, who, today.Add(agendaHorizon))
	if err != nil {
		s.fail(c, err)
		return
	}
	badges := make(map[int64]*letterBadge, len(letterRows))
	for _, x := range letterRows {
		badges[x.Action.ID] = badgeOf(a, x)
	}
	labels, err := s.statusLabels(c, a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := agendaPage{Mine: mine, MineURL: "/agenda?mine=1", AllURL: "/agenda?mine=0", Today: today,
		Truncate: len(rows) > agendaLimit}
	lang := langOf(c)
	groups := []agendaGroup{{Title: tr(lang, "agenda.group.overdue"), Class: "overdue"},
		{Title: tr(lang, "agenda.group.today"), Class: "today"}, {Title: tr(lang, "agenda.group.upcoming"), Class: "upcoming"}}
	for i, r := range rows {
		if i == agendaLimit {
			break
		}
		name := r.TemplateName
		if name == "" {
			name = r.Action.Template
		}
		act := agendaAction{ID: r.Action.ID, Due: r.Action.Due, CustomerName: r.CustomerName, CustomerCode: r.CustomerCode,
			Template: name, Items: r.Action.Items, Letter: badges[r.Action.ID]}
		if r.ItemStatus != "" {
			act.Status = label(labels, r.ItemStatus)
		}
		g := 2
		switch due := triage.Day(r.Action.Due); {
		case due.Before(today):
			g = 0
		case due.Equal(today):
			g = 1
		}
		groups[g].Actions = append(groups[g].Actions, act)
	}
	p.Groups = groups
	s.render(c, http.StatusOK, "agenda", view{TitleKey: "nav.agenda", Page: p})
}

func (s *server) completeAction(c *gin.Context) {
	s.actOnAction(c, "completed", func(ctx context.Context, a triage.Actor, id int64) error {
		return s.letters.Complete(ctx, a, id)
	})
}

func (s *server) postponeAction(c *gin.Context) {
	s.actOnAction(c, "postponed", func(ctx context.Context, a triage.Actor, id int64) error {
		to, err := time.Parse(time.DateOnly, postForm(c).Get("due"))
		if err != nil {
			return &triage.ValidationError{Field: "due", Message: "not a YYYY-MM-DD date"}
		}
		_, err = s.svc.PostponeAction(ctx, a, id, to)
		return err
	})
}

// actOnAction runs an agenda action and comes back to the agenda.
func (s *server) actOnAction(c *gin.Context, flash string, do func(context.Context, triage.Actor, int64) error) {
	id, ok := s.idParam(c)
	if !ok {
		return
	}
	if err := do(c.Request.Context(), actorOf(c), id); err != nil {
		if _, ok := errors.AsType[*triage.ValidationError](err); ok {
			s.setFlash(c, "baddate")
			c.Redirect(http.StatusSeeOther, "/agenda")
			return
		}
		s.fail(c, err)
		return
	}
	s.setFlash(c, flash)
	c.Redirect(http.StatusSeeOther, "/agenda")
}
