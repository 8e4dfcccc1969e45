package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestQueueCountMatchesQueue: under every filter, the count of the queue's
// header is the number of rows the queue lists, whether it joins the
// customer and the suggestion (filters on them) or reads the reply alone.
func TestQueueCountMatchesQueue(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "Acme")
	if err != nil {
		t.Fatal(err)
	}
	julie, err := db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: "julie", Name: "Julie", Role: triage.RoleCollector, Lang: "fr"}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	cust, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: "C10042", Name: "Boulangerie Martin"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	replies := []struct {
		text, status string
		conf         float64
		customer     bool
		assigned     bool
		auto         bool
	}{
		{"Le virement de la facture F-2026-01187 est parti hier.", "already_paid", 0.9, true, true, false},
		{"Nous paierons F-2026-01190 à la fin du mois.", "promise_to_pay", 0.4, true, false, false},
		{"I am out of the office until Monday.", "out_of_office", 0.95, false, true, true},
		{"Who are you? We never ordered anything.", "", 0, false, false, false}, // no suggestion yet
	}
	for i, r := range replies {
		in := triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: string(rune('a'+i)) + "@mailer",
			ReceivedAt: at.Add(time.Duration(i) * time.Minute), Text: r.text, BodyClean: r.text, AutoReply: r.auto}
		if r.customer {
			in.CustomerID = &cust
		}
		rep, _, err := db.InsertReply(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.assigned {
			if err := db.AssignReply(ctx, tn.ID, rep.ID, &julie.ID, triage.Audit{TenantID: tn.ID, Action: "assign", Entity: "reply", EntityID: rep.ID}); err != nil {
				t.Fatal(err)
			}
		}
		if r.status != "" {
			if _, err := db.SaveSuggestion(ctx, triage.Suggestion{TenantID: tn.ID, ReplyID: rep.ID, Strategy: "knn",
				Status: r.status, Confidence: r.conf}); err != nil {
				t.Fatal(err)
			}
		}
	}
	yes, no := true, false
	tests := []struct {
		name string
		f    store.QueueFilter
		want int
	}{
		{"all", store.QueueFilter{}, 4},
		{"mine", store.QueueFilter{AssigneeID: &julie.ID}, 2},
		{"unknown customer", store.QueueFilter{UnknownCustomer: true}, 2},
		{"automatic replies", store.QueueFilter{AutoReply: &yes}, 1},
		{"human replies", store.QueueFilter{AutoReply: &no}, 3},
		{"source", store.QueueFilter{Source: "api"}, 4},
		{"status", store.QueueFilter{Status: "already_paid"}, 1},
		{"needs review", store.QueueFilter{NeedsReview: &yes, Threshold: 0.6}, 1},
		{"search in the customer's name", store.QueueFilter{Search: "boulangerie"}, 2},
		{"search in the words, mine", store.QueueFilter{Search: "office", AssigneeID: &julie.ID}, 1},
		{"search an invoice number", store.QueueFilter{Search: "f-2026-01190"}, 1},
		{"search the customer's code", store.QueueFilter{Search: "C10042"}, 2},
		{"search a percent sign", store.QueueFilter{Search: "%"}, 0},
		{"at or above the threshold", store.QueueFilter{NeedsReview: &no, Threshold: 0.6}, 2},
		{"status, mine", store.QueueFilter{Status: "out_of_office", AssigneeID: &julie.ID}, 1},
		{"status of another collector's reply, mine", store.QueueFilter{Status: "promise_to_pay", AssigneeID: &julie.ID}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := db.QueueCount(ctx, tn.ID, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.Queue(ctx, tn.ID, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.want || len(rows) != tt.want {
				t.Errorf("count %d, %d rows; want %d", n, len(rows), tt.want)
			}
		})
	}
}
