package triage

import "time"

// PlanFollowUp returns the follow-up a status calls for when nothing more
// precise is known: its template, due FollowUpDays business days after now.
// It returns nil for statuses without follow-up (e.g. dispute resolved).
func PlanFollowUp(st Status, now time.Time, cal Calendar) *FollowUp {
	if st.FollowUpDays <= 0 {
		return nil
	}
	return &FollowUp{Template: st.ActionTemplate, Due: cal.AddBusinessDays(now, st.FollowUpDays)}
}

// FollowUpOn returns the follow-up of a status moved to a known day: the day
// after a promised payment, or an absence's return day. A day off moves it to
// the next business day; a day already past gives the status's usual plan.
func FollowUpOn(st Status, day, now time.Time, cal Calendar) *FollowUp {
	if Day(day).Before(Day(now)) {
		return PlanFollowUp(st, now, cal)
	}
	tmpl := st.ActionTemplate
	if tmpl == "" {
		tmpl = "task_review"
	}
	return &FollowUp{Template: tmpl, Due: cal.OnOrAfter(day)}
}

// Day truncates t to midnight UTC of its calendar day: follow-ups are dates, not instants.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
