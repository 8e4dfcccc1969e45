package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

func TestAssignmentRules(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, _ := db.InsertTenant(ctx, "t1", "T1")
	other, _ := db.InsertTenant(ctx, "t2", "T2")
	user := func(tenant int64, login string) int64 {
		u, err := db.InsertUser(ctx, triage.User{TenantID: tenant, Login: login, Name: login, Role: triage.RoleCollector}, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	anna, ben, cleo := user(tn.ID, "anna"), user(tn.ID, "ben"), user(tn.ID, "cleo")
	stranger := user(other.ID, "zed")
	customer := func(code, country string, collector *int64, balance float64) int64 {
		id, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: code, Name: code, Country: country, CollectorID: collector})
		if err != nil {
			t.Fatal(err)
		}
		if balance != 0 {
			d := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
			if err := db.InsertItem(ctx, triage.Item{TenantID: tn.ID, CustomerID: id, Number: "F-" + code, Kind: triage.ItemInvoice,
				Issued: d, Due: d, Amount: balance, OpenAmount: balance, Currency: "EUR"}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	collector := func(id int64) int64 {
		c, err := db.Customer(ctx, tn.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.CollectorID == nil {
			return 0
		}
		return *c.CollectorID
	}
	// Before any rule: customers get nobody, and count in the alert once they owe.
	early := customer("B100", "BE", nil, 500)
	big := customer("F900", "FR", nil, 20000)
	if n, _ := db.UnassignedWithBalance(ctx, tn.ID); n != 2 {
		t.Errorf("unassigned with a balance = %d, want 2", n)
	}
	million := 10000.0
	for _, r := range []store.AssignmentRule{{Country: "be", CollectorID: anna}, {CodePrefix: "C2", CollectorID: ben}, {MinBalance: &million, CollectorID: cleo}} {
		if err := db.AddAssignmentRule(ctx, tn.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	var verr *triage.ValidationError
	if err := db.AddAssignmentRule(ctx, tn.ID, store.AssignmentRule{CollectorID: stranger}); !errors.As(err, &verr) {
		t.Errorf("a rule for another tenant's user: %v", err)
	}
	if err := db.SetDefaultCollector(ctx, tn.ID, &cleo); err != nil {
		t.Fatal(err)
	}
	rules, def, err := db.AssignmentRules(ctx, tn.ID)
	if err != nil || len(rules) != 3 || rules[0].Country != "BE" || rules[1].Collector != "ben" || def == nil || *def != cleo {
		t.Fatalf("rules %+v default %v, %v", rules, def, err)
	}
	// New customers take the first rule that matches, else the default.
	for _, tt := range []struct {
		code, country string
		given         *int64
		want          int64
	}{
		{"B200", "BE", nil, anna},
		{"C210", "BE", nil, anna}, // the country rule comes first
		{"C220", "FR", nil, ben},
		{"X1", "FR", nil, cleo}, // the default
		{"X2", "FR", &ben, ben}, // a collector given is kept
	} {
		if got := collector(customer(tt.code, tt.country, tt.given, 0)); got != tt.want {
			t.Errorf("%s (%s): collector %d, want %d", tt.code, tt.country, got, tt.want)
		}
	}
	if n, err := db.ApplyAssignmentRules(ctx, tn.ID); err != nil || n != 2 {
		t.Errorf("apply = %d, %v; want 2", n, err)
	}
	if collector(early) != anna || collector(big) != cleo {
		t.Errorf("after applying: B100 → %d, F900 → %d", collector(early), collector(big))
	}
	if err := db.DeleteAssignmentRule(ctx, other.ID, rules[0].ID); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("deleting another tenant's rule: %v", err)
	}
	got, err := db.Customers(ctx, tn.ID, store.CustomerFilter{Codes: []string{"B100", " X1 ", "NOPE"}})
	if err != nil || len(got) != 2 || got[0].Code != "B100" || got[1].Code != "X1" {
		t.Errorf("customers by pasted codes: %+v %v", got, err)
	}
	if got, _ := db.Customers(ctx, tn.ID, store.CustomerFilter{Query: "c2"}); len(got) != 2 {
		t.Errorf("customers matching c2: %d", len(got))
	}
	if got, _ := db.Customers(ctx, tn.ID, store.CustomerFilter{Query: "%"}); len(got) != 0 {
		t.Errorf("a %% in the search matched %d customers", len(got))
	}
}
