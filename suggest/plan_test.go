package suggest

import (
	"testing"
	"time"

	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

func TestPlanFollowUp(t *testing.T) {
	cal := triage.Calendar{Country: "FR"}
	now := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC) // a Thursday
	cat := triage.DefaultCatalog()
	st := func(code string) triage.Status { s, _ := cat.Find(code); return s }
	tests := []struct {
		status, text, want string
	}{
		{"promise_to_pay", "Le virement partira le 16 novembre.", "2026-11-17"},              // promised day + 1
		{"promise_to_pay", "Nous réglerons le 10 novembre.", "2026-11-12"},                   // the 11th is a holiday
		{"payment_plan", "Premier virement le 20 novembre, puis un par mois.", "2026-11-23"}, // +1 is a Saturday
		{"out_of_office", "Je suis absente jusqu'au vendredi 13 novembre inclus.", "2026-11-16"},
		{"out_of_office", "Fermé du 9 au 13 novembre, réouverture le lundi 16 novembre.", "2026-11-16"},
		{"out_of_office", "I am back on November 18.", "2026-11-18"},
		{"out_of_office", "Je suis en congés.", "2026-11-17"},                    // no date: the status's 7 business days (the 11th is off)
		{"already_paid", "Payé le 3 novembre, virement VIR-4471.", "2026-11-10"}, // a past date changes nothing: 3 business days
		{"promise_to_pay", "Nous paierons la semaine prochaine.", "2026-11-13"},  // "next week" reads as a week on, + 1
	}
	for _, tt := range tests {
		res := extract.Extract(tt.text, now, nil)
		f := planFollowUp(st(tt.status), tt.text, res, now, cal)
		if got := f.Due.Format(time.DateOnly); got != tt.want {
			t.Errorf("%s %q: follow-up %s, want %s (dates %+v)", tt.status, tt.text, got, tt.want, res.Dates)
		}
	}
}

func TestItemStatuses(t *testing.T) {
	cat := triage.DefaultCatalog()
	intents := extract.ItemIntents("La F-101 est réglée depuis hier, mais le prix de la F-102 est erroné.", []string{"F-101", "F-102", "F-103"})
	got := itemStatuses(intents, cat)
	if len(got) != 2 || got["F-101"] != "already_paid" || got["F-102"] != "price_dispute" {
		t.Errorf("item statuses %v (intents %+v)", got, intents)
	}
	one := extract.ItemIntents("Les F-101 et F-102 sont réglées.", []string{"F-101", "F-102"})
	if got := itemStatuses(one, cat); got != nil {
		t.Errorf("a single intent gave item statuses %v", got)
	}
}
