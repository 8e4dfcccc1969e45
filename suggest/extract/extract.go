package extract

import "time"

// Result is what Extract reads in a reply.
type Result struct {
	Promise      *time.Time // the first promised payment date, nil when none
	Return       *time.Time // the last return date of an absent contact ("du 16 au 20 mars"), nil when none
	Dates        []Date
	Amounts      []Amount
	Items        []string // the open items the reply designates (MatchItems)
	TransferRefs []string
	ItemIntents  []ItemIntent
}

// Extract reads all the facts of a reply received at received from a
// customer whose open item numbers are open.
func Extract(text string, received time.Time, open []string) Result {
	r := Result{
		Dates:        Dates(text, received),
		Amounts:      Amounts(text),
		Items:        MatchItems(text, nil, open),
		TransferRefs: TransferRefs(text),
		ItemIntents:  ItemIntents(text, open),
	}
	for _, d := range r.Dates {
		switch {
		case d.Kind == Promise && r.Promise == nil:
			r.Promise = &d.Time
		case d.Kind == Return && (r.Return == nil || d.Time.After(*r.Return)):
			r.Return = &d.Time
		}
	}
	return r
}
