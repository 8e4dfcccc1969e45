package suggest

import (
	"regexp"
	"time"

	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

// intentStatus maps the per-item intents extraction reads to the default
// catalog's statuses.
var intentStatus = map[string]string{
	"paid":            "already_paid",
	"promise":         "promise_to_pay",
	"dispute_price":   "price_dispute",
	"dispute_quality": "quality_dispute",
	"dispute_admin":   "admin_dispute",
	"copy":            "invoice_copy",
	"credit_note":     "awaiting_credit_note",
}

// planFollowUp is the follow-up of a suggested status: the day after a
// promised payment (or a plan's first instalment), the day an absent
// contact is back, else the status's configured delay, in business days of
// the tenant's calendar. text is what the dates were read in.
func planFollowUp(st triage.Status, text string, res extract.Result, now time.Time, cal triage.Calendar) *triage.FollowUp {
	switch {
	case (st.Code == "promise_to_pay" || st.Code == "payment_plan") && res.Promise != nil:
		return triage.FollowUpOn(st, res.Promise.AddDate(0, 0, 1), now, cal)
	case st.Code == "out_of_office":
		if back, ok := backOn(text, res); ok {
			return triage.FollowUpOn(st, back, now, cal)
		}
	}
	return triage.PlanFollowUp(st, now, cal)
}

// backCue names the day someone is back ("de retour le 12", "back on",
// "réouverture le"), as opposed to the last day away ("jusqu'au 9").
var backCue = regexp.MustCompile(`(?i)(retour|réouverture|reouverture|reprise|back|return|reopen|zurück|wieder|rientro|rientrerò|vuelta|regreso|regresaré)\P{L}{0,12}(\p{L}+\P{L}{0,3}){0,3}$`)

// backOn is the first day an absent contact is back: a date introduced as
// such, else the day after the last day of absence.
func backOn(text string, res extract.Result) (time.Time, bool) {
	for _, d := range res.Dates {
		if d.Start > 0 && d.Start <= len(text) && backCue.MatchString(text[max(0, d.Start-40):d.Start]) {
			return d.Time, true
		}
	}
	if res.Return != nil {
		return res.Return.AddDate(0, 0, 1), true
	}
	return time.Time{}, false
}

// itemStatuses gives each item its own status when the reply mixes intents
// ("F-101 est réglée, la F-102 a un prix erroné"): at least two items with
// two different statuses of the catalog; nil otherwise.
func itemStatuses(intents []extract.ItemIntent, cat triage.Catalog) map[string]string {
	out := map[string]string{}
	distinct := map[string]bool{}
	for _, in := range intents {
		st, ok := intentStatus[in.Cue]
		if _, known := cat.Find(st); !ok || !known {
			continue
		}
		if _, seen := out[in.Item]; !seen {
			out[in.Item] = st
			distinct[st] = true
		}
	}
	if len(out) < 2 || len(distinct) < 2 {
		return nil
	}
	return out
}
