package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

func TestCustomerMatching(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := db.InsertTenant(ctx, "t2", "T2")
	add := func(tenant int64, code string, emails []string, items ...string) int64 {
		id, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tenant, Code: code, Name: code, Emails: emails})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range items {
			d := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
			if err := db.InsertItem(ctx, triage.Item{TenantID: tenant, CustomerID: id, Number: n, Kind: triage.ItemInvoice,
				Issued: d, Due: d, Amount: 10, OpenAmount: 10, Currency: "EUR"}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	a := add(tn.ID, "A", []string{"Compta@A.fr", "boss@a.fr"}, "F-2026-01187", "F-2026-01203")
	b := add(tn.ID, "B", []string{"ap@b.com"}, "INV-40871", "FA26-0456")
	add(other.ID, "X", []string{"compta@a.fr"}, "F-2026-09999")

	tests := []struct {
		refs []string
		want []int64
	}{
		{[]string{"F-2026-01187"}, []int64{a}},
		{[]string{"f2026/01187"}, []int64{a}}, // case and punctuation do not matter
		{[]string{"1187"}, []int64{a}},        // the last digits, as in "facture 1187"
		{[]string{"456"}, []int64{b}},         // leading zeros of the number dropped
		{[]string{"1187", "40871"}, []int64{a, b}},
		{[]string{"87"}, nil},           // two digits say nothing
		{[]string{"F-2026-09999"}, nil}, // another tenant's item
		{nil, nil},
	}
	for _, tt := range tests {
		got, err := db.CustomersByItemRefs(ctx, tn.ID, tt.refs)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("CustomersByItemRefs(%q) = %v, %v; want %v", tt.refs, got, err, tt.want)
		}
	}

	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if err := db.InsertReminder(ctx, tn.ID, b, "<relance-1@acme.fr>", []string{"INV-40871"}, at); err != nil {
		t.Fatal(err)
	}
	if err := db.InsertReminder(ctx, tn.ID, b, "relance-1@acme.fr", nil, at); err != nil {
		t.Fatalf("recording a reminder again: %v", err)
	}
	if id, err := db.CustomerByThread(ctx, tn.ID, []string{"unknown@x", "relance-1@acme.fr"}); err != nil || id == nil || *id != b {
		t.Errorf("CustomerByThread = %v, %v; want %d", id, err, b)
	}
	if id, err := db.CustomerByThread(ctx, other.ID, []string{"relance-1@acme.fr"}); err != nil || id != nil {
		t.Errorf("another tenant's reminder matched: %v %v", id, err)
	}
	if err := db.InsertReminder(ctx, tn.ID, b, " ", nil, at); err == nil {
		t.Error("a reminder without message id was recorded")
	}

	// A bounce for compta@a.fr marks it on tenant t1's customer only.
	n, err := db.MarkEmailsInvalid(ctx, tn.ID, []string{"COMPTA@a.fr", "nobody@nowhere"})
	if err != nil || n != 1 {
		t.Fatalf("MarkEmailsInvalid = %d, %v", n, err)
	}
	if n, _ := db.MarkEmailsInvalid(ctx, tn.ID, []string{"compta@a.fr"}); n != 0 {
		t.Errorf("marking again changed %d customers", n)
	}
	c, err := db.Customer(ctx, tn.ID, a)
	if err != nil || !slices.Equal(c.InvalidEmails, []string{"compta@a.fr"}) {
		t.Errorf("customer A invalid emails %v, %v", c.InvalidEmails, err)
	}
	x, _ := db.CustomerByCode(ctx, other.ID, "X")
	if len(x.InvalidEmails) != 0 {
		t.Errorf("another tenant's customer changed: %v", x.InvalidEmails)
	}
}
