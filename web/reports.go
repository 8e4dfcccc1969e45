package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// reportWeeks is how far back the acceptance report looks.
const reportWeeks = 12

// reportsPage shows the team's indicators.
type reportsPage struct {
	Rate       store.QualificationRate
	RatePct    float64 // of the overdue items, by count
	AmountPct  float64 // by amount
	Age        store.QueueAge
	Chart      chart
	Acceptance []acceptanceLine
}

// acceptanceLine sums a status and strategy over the report's weeks.
type acceptanceLine struct {
	Label, Strategy            string
	Accepted, Edited, Rejected int
	Rate                       float64 // kept (as is or edited) over all
}

func (s *server) reports(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	now := s.now()
	var p reportsPage
	var err error
	if p.Rate, err = s.db.QualificationRates(ctx, a.TenantID, triage.Day(now)); err != nil {
		s.fail(c, err)
		return
	}
	if p.Rate.Overdue > 0 {
		p.RatePct = float64(p.Rate.Qualified) / float64(p.Rate.Overdue)
	}
	if p.Rate.OverdueAmount > 0 {
		p.AmountPct = p.Rate.QualifiedAmount / p.Rate.OverdueAmount
	}
	if p.Age, err = s.db.QueueAges(ctx, a.TenantID, now); err != nil {
		s.fail(c, err)
		return
	}
	rows, err := s.db.Acceptance(ctx, a.TenantID, reportStart(now))
	if err != nil {
		s.fail(c, err)
		return
	}
	labels, err := s.statusLabels(c, a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := langOf(c)
	p.Chart = barChart(lang, tr(lang, "reports.chart"), weeklyBars(lang, rows, now))
	p.Acceptance = acceptanceLines(rows, labels)
	s.render(c, http.StatusOK, "reports", view{TitleKey: "nav.reports", Page: p})
}

// reportStart is the Monday reportWeeks weeks before now's week.
func reportStart(now time.Time) time.Time {
	d := triage.Day(now)
	d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	return d.AddDate(0, 0, -7*(reportWeeks-1))
}

// weeklyBars is the share of suggestions kept each week of the report.
func weeklyBars(lang string, rows []store.AcceptanceRow, now time.Time) []bar {
	start := reportStart(now)
	kept := make([]int, reportWeeks)
	total := make([]int, reportWeeks)
	for _, r := range rows {
		i := int(triage.Day(r.Week).Sub(start).Hours() / (24 * 7))
		if i < 0 || i >= reportWeeks {
			continue
		}
		kept[i] += r.Accepted + r.Edited
		total[i] += r.Total()
	}
	out := make([]bar, reportWeeks)
	for i := range out {
		out[i].Label = start.AddDate(0, 0, 7*i).Format(tr(lang, "charts.week"))
		out[i].Note = fmt.Sprintf("%d/%d", kept[i], total[i])
		if total[i] > 0 {
			out[i].Value = float64(kept[i]) / float64(total[i])
		}
	}
	return out
}

// acceptanceLines sums the weeks per status and strategy, most used first.
func acceptanceLines(rows []store.AcceptanceRow, labels map[string]string) []acceptanceLine {
	at := map[[2]string]*acceptanceLine{}
	var out []*acceptanceLine
	for _, r := range rows {
		k := [2]string{r.Status, r.Strategy}
		l := at[k]
		if l == nil {
			l = &acceptanceLine{Label: label(labels, r.Status), Strategy: r.Strategy}
			at[k] = l
			out = append(out, l)
		}
		l.Accepted += r.Accepted
		l.Edited += r.Edited
		l.Rejected += r.Rejected
	}
	lines := make([]acceptanceLine, len(out))
	for i, l := range out {
		if n := l.Accepted + l.Edited + l.Rejected; n > 0 {
			l.Rate = float64(l.Accepted+l.Edited) / float64(n)
		}
		lines[i] = *l
	}
	sort.SliceStable(lines, func(i, j int) bool {
		return lines[i].Accepted+lines[i].Edited+lines[i].Rejected > lines[j].Accepted+lines[j].Edited+lines[j].Rejected
	})
	return lines
}

// acceptanceCSV exports the weekly tallies for a spreadsheet.
func (s *server) acceptanceCSV(c *gin.Context) {
	a := actorOf(c)
	rows, err := s.db.Acceptance(c.Request.Context(), a.TenantID, reportStart(s.now()))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	lang := langOf(c)
	c.Header("Content-Disposition", `attachment; filename="`+tr(lang, "reports.csv.file")+`"`)
	w := csv.NewWriter(c.Writer)
	w.Write(strings.Split(tr(lang, "reports.csv.columns"), ","))
	for _, r := range rows {
		w.Write([]string{r.Week.Format(time.DateOnly), r.Status, r.Strategy,
			strconv.Itoa(r.Accepted), strconv.Itoa(r.Edited), strconv.Itoa(r.Rejected)})
	}
	w.Flush()
}
