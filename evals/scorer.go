package evals

import (
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/suggest"

	"github.com/triage-ar/triage/triage"
)

// scorer accumulates the per-case outcomes of a run into its report.
type scorer struct {
	gold, pred  []string
	conf        []float64
	right       []bool
	lat         []time.Duration
	preds       []Prediction
	langs, tags groups
	items       itemTally
	follow      followTally
	perItem     groups // one group, "all": per-item statuses of multi-intent cases
	tokens      int
	cost        float64
	summary     SummaryCheck
	lang        func(string) string
}

func newScorer(n int) *scorer {
	return &scorer{gold: make([]string, 0, n), pred: make([]string, 0, n), conf: make([]float64, 0, n),
		right: make([]bool, 0, n), lat: make([]time.Duration, 0, n), preds: make([]Prediction, 0, n),
		langs: groups{}, tags: groups{}, perItem: groups{}}
}

// add scores the suggestion made for case c, received on day now.
func (s *scorer) add(c Case, lang string, now time.Time, sg triage.Suggestion) {
	ok := sg.Status == c.Status
	s.gold, s.pred = append(s.gold, c.Status), append(s.pred, sg.Status)
	s.conf, s.right, s.lat = append(s.conf, sg.Confidence), append(s.right, ok), append(s.lat, sg.Latency)
	s.tokens += sg.Tokens
	s.cost += sg.Cost
	s.langs.add(lang, ok)
	for _, t := range c.Tags {
		s.tags.add(t, ok)
	}
	p := Prediction{ID: c.ID, Lang: lang, Status: c.Status, Predicted: sg.Status, Confidence: sg.Confidence,
		LatencyMS: ms(sg.Latency), Items: sg.Items, ItemStatuses: sg.ItemStatuses, Tags: c.Tags}
	if sg.FollowUp != nil {
		p.FollowUp = sg.FollowUp.Due.Format(time.DateOnly)
	}
	if len(c.OpenItems) > 0 && len(c.Items) > 0 {
		s.items.add(c.Items, sg.Items)
	}
	if c.FollowUpDays != nil {
		want := triage.Day(now).AddDate(0, 0, *c.FollowUpDays)
		off := 0
		if sg.FollowUp != nil {
			off = int(triage.Day(sg.FollowUp.Due).Sub(want).Hours() / 24)
		}
		s.follow.add(off, sg.FollowUp != nil)
	}
	s.checkSummary(sg.Comment, lang)
	for item, st := range c.ItemStatuses {
		got := sg.ItemStatuses[item]
		if got == "" && len(sg.ItemStatuses) == 0 {
			got = sg.Status // a single-intent suggestion gives its status to every item
		}
		s.perItem.add("all", got == st)
	}
	s.preds = append(s.preds, p)
}

// report fills rep with the metrics of the cases added.
func (s *scorer) report(rep *Report) {
	rep.Classification = Classify(s.gold, s.pred)
	rep.Calibration = Calibrate(s.conf, s.right, Bins)
	rep.LatencyMS = Latencies(s.lat)
	rep.PerLang = s.langs.result()
	rep.PerTag = s.tags.result()
	rep.Items = s.items.result()
	rep.FollowUp = s.follow.result()
	if g, ok := s.perItem.result()["all"]; ok {
		rep.ItemStatuses = &g
	}
	rep.Tokens, rep.Cost = s.tokens, s.cost
	rep.Summary = s.summary
	rep.Predictions = s.preds
}

// checkSummary checks a suggested comment: at most 300 characters, not
// empty, in the reply's language when it is long enough to tell.
func (s *scorer) checkSummary(comment, lang string) {
	s.summary.Cases++
	switch n := utf8.RuneCountInString(comment); {
	case n == 0:
		s.summary.Empty++
	case n > suggest.MaxSummary:
		s.summary.TooLong++
	}
	if s.lang == nil || lang == "" || utf8.RuneCountInString(comment) < 40 {
		return
	}
	if got := s.lang(comment); got != "" {
		s.summary.LangChecks++
		if got != lang {
			s.summary.WrongLang++
		}
	}
}
