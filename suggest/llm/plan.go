package llm

import (
	"time"

	"github.com/triage-ar/triage/triage"
)

// followUp is the follow-up of the model's status st. A date the model read
// in the reply moves the status's follow-up to it, or to the day after for
// payment statuses, whose follow-up checks that the money came; without a
// date the base's plan stands when the base chose the same status, else
// the status's configured delay. A status without follow-up gets none.
func followUp(st triage.Status, date *time.Time, base triage.Suggestion, in triage.SuggestInput) *triage.FollowUp {
	plan := triage.PlanFollowUp(st, in.Now, in.Settings.Calendar)
	switch {
	case plan == nil:
		return nil
	case date != nil:
		day := *date
		if st.Kind == triage.KindPayment {
			day = day.AddDate(0, 0, 1)
		}
		return triage.FollowUpOn(st, day, in.Now, in.Settings.Calendar)
	case st.Code == base.Status:
		return base.FollowUp
	default:
		return plan
	}
}
