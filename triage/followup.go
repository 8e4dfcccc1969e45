package triage

import "time"

// PlanFollowUp returns the follow-up a status calls for when nothing more
// precise is known: its template, due FollowUpDays after now at midnight UTC.
// It returns nil for statuses without follow-up (e.g. dispute resolved).
func PlanFollowUp(st Status, now time.Time) *FollowUp {
	if st.FollowUpDays <= 0 {
		return nil
	}
	return &FollowUp{Template: st.ActionTemplate, Due: Day(now).AddDate(0, 0, st.FollowUpDays)}
}

// Day truncates t to midnight UTC of its calendar day: follow-ups are dates, not instants.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
