package inbox

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// fullDirectory adds the thread and item lookups to fakeDirectory.
type fullDirectory struct {
	fakeDirectory
	reminders map[string]int64   // message id → customer
	items     map[string][]int64 // reference → owners
	dead      []string
}

func (d *fullDirectory) CustomerByThread(_ context.Context, _ int64, ids []string) (*int64, error) {
	for _, id := range ids {
		if c, ok := d.reminders[id]; ok {
			return &c, nil
		}
	}
	return nil, nil
}

func (d *fullDirectory) CustomersByItemRefs(_ context.Context, _ int64, refs []string) ([]int64, error) {
	var out []int64
	for _, r := range refs {
		for _, c := range d.items[r] {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (d *fullDirectory) MarkEmailsInvalid(_ context.Context, _ int64, addrs []string) (int, error) {
	d.dead = append(d.dead, addrs...)
	return len(addrs), nil
}

func TestResolveCustomer(t *testing.T) {
	dir := &fullDirectory{
		fakeDirectory: fakeDirectory{1: {"compta@boulangerie-martin.fr"}, 2: {"ap@globex.example"}, 3: {"achats@globex.example"}},
		reminders:     map[string]int64{"relance-77@acme.fr": 2},
		items:         map[string][]int64{"F-2026-01187": {1}, "4471": {2, 3}},
	}
	id := func(n int64) *int64 { return &n }
	tests := []struct {
		name string
		in   triage.NewReply
		want *int64
		how  string
	}{
		{"the reminder it answers wins over the sender", triage.NewReply{From: "compta@boulangerie-martin.fr", Thread: []string{"x@y", "relance-77@acme.fr"}}, id(2), "thread"},
		{"the sender's address", triage.NewReply{From: "Compta <COMPTA@boulangerie-martin.fr>"}, id(1), "sender"},
		{"a bounce belongs to the dead address's customer", triage.NewReply{From: "MAILER-DAEMON@mx.acme.fr", BounceTo: []string{"compta@boulangerie-martin.fr"}}, id(1), "bounce"},
		{"a shared domain is ambiguous, the invoice decides", triage.NewReply{From: "new.person@globex.example", Refs: []string{"F-2026-01187"}}, id(1), "items"},
		{"invoices of two customers decide nothing", triage.NewReply{From: "someone@gmail.com", Refs: []string{"4471"}}, nil, ""},
		{"nothing known", triage.NewReply{From: "someone@gmail.com"}, nil, ""},
		{"the source said it", triage.NewReply{CustomerID: id(3), From: "compta@boulangerie-martin.fr"}, id(3), ""},
	}
	for _, tt := range tests {
		r := tt.in
		how, err := ResolveCustomer(context.Background(), dir, &r)
		if err != nil || how != tt.how || (r.CustomerID == nil) != (tt.want == nil) || (r.CustomerID != nil && *r.CustomerID != *tt.want) {
			t.Errorf("%s: customer %v by %q, %v; want %v by %q", tt.name, deref(r.CustomerID), how, err, deref(tt.want), tt.how)
		}
	}
	// A directory without the optional lookups still matches by sender.
	r := triage.NewReply{From: "ap@globex.example", Thread: []string{"relance-77@acme.fr"}}
	if how, _ := ResolveCustomer(context.Background(), dir.fakeDirectory, &r); how != "sender" || *r.CustomerID != 2 {
		t.Errorf("plain directory: %v by %q", deref(r.CustomerID), how)
	}
}

// TestIngestBounce: a Postfix bounce read from a mailbox is stored, linked
// to the customer whose address bounced, and the address is marked dead.
func TestIngestBounce(t *testing.T) {
	raw, err := os.ReadFile("testdata/eml/35_dsn_postfix_bounce.eml")
	if err != nil {
		t.Fatal(err)
	}
	dir := &fullDirectory{fakeDirectory: fakeDirectory{9: {"compta@ancien-client.fr"}}}
	svc := &recordingService{}
	in := &Ingester{Service: svc, Customers: dir}
	if err := in.Ingest(context.Background(), Fetched{Mailbox: Mailbox{TenantID: 1, ID: 1, Name: "inbox"}, UIDValidity: 1, UID: 1, Raw: raw, Received: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if len(svc.got) != 1 || svc.got[0].CustomerID == nil || *svc.got[0].CustomerID != 9 || !svc.got[0].AutoReply {
		t.Fatalf("stored %+v", svc.got)
	}
	if !slices.Equal(dir.dead, []string{"compta@ancien-client.fr"}) {
		t.Errorf("dead addresses recorded: %v", dir.dead)
	}
}
