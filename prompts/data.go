package prompts

import (
	"time"

	"github.com/triage-ar/triage/triage"
)

// DataOf is what a prompt may show of a reply: the tenant's catalog, the
// customer and its open items, similar past qualifications, and the
// customer's new words. Every strategy and the admins' preview build it
// here, so that a preview shows what the LLM will read.
func DataOf(company string, in triage.SuggestInput, neighbours []triage.Neighbour) Data {
	d := Data{Company: company, Language: in.Reply.Lang, Reply: in.Reply.BodyClean}
	if d.Reply == "" {
		d.Reply = in.Reply.Text
	}
	if d.Language == "" {
		d.Language = "fr"
	}
	received := in.Reply.ReceivedAt
	if received.IsZero() {
		received = in.Now
	}
	d.Received = received.Format(time.DateOnly)
	for _, st := range in.Catalog {
		d.Catalog = append(d.Catalog, Status{Code: st.Code, Label: st.Label, Kind: string(st.Kind), Description: st.Description})
	}
	if c := in.Customer; c != nil {
		d.Customer = c.Name + " (" + c.Code + ")"
	}
	for _, it := range in.Items {
		d.Items = append(d.Items, Item{Number: it.Number, Due: it.Due.Format(time.DateOnly), Open: triage.FormatMoney("en", it.OpenAmount, it.Currency)})
	}
	for _, n := range neighbours {
		if n.Comment != "" {
			d.Neighbours = append(d.Neighbours, Neighbour{Status: n.Status, Text: n.Comment})
		}
	}
	return d
}
