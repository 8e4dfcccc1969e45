package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// settingsPage is the administrators' page of the tenant's suggestion and
// calendar settings.
type settingsPage struct {
	Threshold string // percent
	Country   string
	Closed    string // one YYYY-MM-DD a line
	Countries []string
	Error     string
}

func settingsValues(set triage.Settings) settingsPage {
	var days []string
	for _, d := range set.Calendar.Closed {
		days = append(days, d.Format(time.DateOnly))
	}
	return settingsPage{Threshold: strconv.FormatFloat(set.ConfidenceThreshold*100, 'f', -1, 64),
		Country: set.Calendar.Country, Closed: strings.Join(days, "\n"), Countries: triage.Countries}
}

func (s *server) settings(c *gin.Context) {
	a := actorOf(c)
	set, err := s.db.Settings(c.Request.Context(), a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "settings", view{TitleKey: "admin.settings.title", Page: settingsValues(set)})
}

func (s *server) saveSettings(c *gin.Context) {
	f := postForm(c)
	p := settingsPage{Threshold: f.Get("threshold"), Country: f.Get("country"), Closed: f.Get("closed"), Countries: triage.Countries}
	set, err := p.parse()
	if err == nil {
		err = s.db.SaveSettings(c.Request.Context(), actorOf(c).TenantID, set)
	}
	if msg, ok := refusalText(langOf(c), err); ok {
		p.Error = msg
		s.render(c, http.StatusUnprocessableEntity, "settings", view{TitleKey: "admin.settings.title", Page: p})
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "settings")
	c.Redirect(http.StatusSeeOther, "/admin/settings")
}

// parse reads the posted form into settings.
func (p settingsPage) parse() (triage.Settings, error) {
	pct, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p.Threshold), "%")), 64)
	if err != nil || pct < 0 || pct > 100 {
		return triage.Settings{}, refuse("threshold", "admin.settings.err.threshold")
	}
	cal, err := triage.ParseCalendar(p.Country, strings.Fields(p.Closed))
	if err != nil {
		return triage.Settings{}, refuse("calendar", "admin.settings.err.calendar", strings.Join(triage.Countries, ", "))
	}
	return triage.Settings{ConfidenceThreshold: pct / 100, Calendar: cal}, nil
}
