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

// letterFixture is a tenant with a collector, a customer with an address
// and two invoices, and the default letter templates.
type letterFixture struct {
	db        *store.DB
	tenant    triage.Tenant
	collector triage.User
	customer  int64
}

func newLetterFixture(t *testing.T, slug string) letterFixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	f := letterFixture{db: db}
	var err error
	if f.tenant, err = db.InsertTenant(ctx, slug, "Transports Lefèvre"); err != nil {
		t.Fatal(err)
	}
	if f.collector, err = db.InsertUser(ctx, triage.User{TenantID: f.tenant.ID, Login: slug + "-claire", Name: "Claire Martin",
		Role: triage.RoleCollector}, []byte("x")); err != nil {
		t.Fatal(err)
	}
	f.customer = f.addCustomer(t, f.tenant.ID, "C-1042", "Boulangerie Dupont", "12 rue des Lilas\n69003 Lyon")
	for _, lt := range triage.DefaultLetterTemplates(triage.LangFR) {
		lt.TenantID = f.tenant.ID
		if _, err := db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.tenant.ID, Action: "seed", Entity: "action_template"}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f letterFixture) addCustomer(t *testing.T, tenantID int64, code, name, address string) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := f.db.InsertCustomer(ctx, triage.Customer{TenantID: tenantID, Code: code, Name: name, Lang: "fr", Address: address})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"F-2291", "F-2305"} {
		if err := f.db.InsertItem(ctx, triage.Item{TenantID: tenantID, CustomerID: id, Number: n, Kind: triage.ItemInvoice,
			Issued: time.Now().AddDate(0, -2, 0), Due: time.Now().AddDate(0, -1, 0), Amount: 1245.60, OpenAmount: 1245.60, Currency: "EUR"}); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (f letterFixture) plan(t *testing.T, template string, due time.Time) int64 {
	t.Helper()
	id, err := f.db.PlanLetter(context.Background(), triage.Action{TenantID: f.tenant.ID, CustomerID: f.customer,
		Items: []string{"F-2291"}, Template: template, Due: due, AssigneeID: &f.collector.ID})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func audit(tenantID int64) func(int64) triage.Audit {
	return func(id int64) triage.Audit {
		return triage.Audit{TenantID: tenantID, Action: "approve_letter", Entity: "action", EntityID: id}
	}
}

func TestLetterTemplatesAndLetterhead(t *testing.T) {
	f := newLetterFixture(t, "lettres")
	ctx := context.Background()
	ts, err := f.db.LetterTemplates(ctx, f.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]triage.SendMode{}
	for _, lt := range ts {
		kinds[lt.LetterKind] = lt.Mode
	}
	if len(ts) != 3 || kinds[triage.LetterSimple] != triage.SendManual || kinds[triage.LetterRegistered] != triage.SendConfirm ||
		kinds[triage.LetterElectronic] != triage.SendConfirm {
		t.Fatalf("templates = %+v", ts)
	}
	// Letter templates are action templates too, so statuses can name them.
	all, err := f.db.ActionTemplates(ctx, f.tenant.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("action templates = %d, %v", len(all), err)
	}
	lt := ts[0]
	lt.Name, lt.Mode = "Relance courrier", triage.SendAutomatic
	if _, err := f.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.tenant.ID, Action: "save", Entity: "action_template"}); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.LetterTemplate(ctx, f.tenant.ID, lt.ID)
	if err != nil || got.Name != "Relance courrier" || got.Mode != triage.SendAutomatic {
		t.Fatalf("updated template = %+v, %v", got, err)
	}
	dup := ts[1]
	dup.ID, dup.Code = 0, ts[0].Code
	if _, err := f.db.SaveLetterTemplate(ctx, dup, triage.Audit{TenantID: f.tenant.ID, Action: "save", Entity: "action_template"}); !errors.Is(err, triage.ErrConflict) {
		t.Fatalf("duplicate code: %v, want ErrConflict", err)
	}
	other, err := f.db.InsertTenant(ctx, "autre", "Autre SA")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.LetterTemplate(ctx, other.ID, lt.ID); !errors.Is(err, triage.ErrNotFound) {
		t.Fatalf("other tenant's template: %v, want ErrNotFound", err)
	}

	h, err := f.db.Letterhead(ctx, f.tenant.ID)
	if err != nil || h.Name != "Transports Lefèvre" || h.Address != "" || h.Logo != nil {
		t.Fatalf("empty letterhead = %+v, %v", h, err)
	}
	logo := []byte("\x89PNG\r\n\x1a\nfake-but-stored")
	h = triage.Letterhead{TenantID: f.tenant.ID, Address: "3 quai Perrache\n69002 Lyon", Legal: "SAS au capital de 50 000 € – RCS Lyon 812 345 678",
		Logo: logo, LogoMIME: "image/png", ShowLogo: true}
	if err := f.db.SaveLetterhead(ctx, h, triage.Audit{TenantID: f.tenant.ID, Action: "save_letterhead", Entity: "tenant"}); err != nil {
		t.Fatal(err)
	}
	// Saving without a logo keeps the stored one.
	h.Logo, h.LogoMIME, h.Legal = nil, "", "SAS – RCS Lyon 812 345 678"
	if err := f.db.SaveLetterhead(ctx, h, triage.Audit{TenantID: f.tenant.ID, Action: "save_letterhead", Entity: "tenant"}); err != nil {
		t.Fatal(err)
	}
	got2, err := f.db.Letterhead(ctx, f.tenant.ID)
	if err != nil || string(got2.Logo) != string(logo) || got2.LogoMIME != "image/png" || got2.Legal != "SAS – RCS Lyon 812 345 678" || !got2.ShowLogo {
		t.Fatalf("letterhead = %+v, %v", got2, err)
	}
	if c, err := f.db.Customer(ctx, f.tenant.ID, f.customer); err != nil || c.Address != "12 rue des Lilas\n69003 Lyon" {
		t.Fatalf("customer address = %q, %v", c.Address, err)
	}
	// A letter template made on the catalog page, which asks no kind of
	// letter, is a simple letter that can be sent.
	if err := f.db.UpsertActionTemplate(ctx, triage.ActionTemplate{TenantID: f.tenant.ID, Code: "courrier_libre", Kind: "letter",
		Name: "Courrier libre", Subject: "Votre compte", Body: "Bonjour #customer_name"}); err != nil {
		t.Fatal(err)
	}
	id := f.plan(t, "courrier_libre", time.Now())
	if err := f.db.QueueLetters(ctx, f.tenant.ID, []int64{id}, nil, audit(f.tenant.ID)); err != nil {
		t.Fatal(err)
	}
	if x, err := f.db.LetterAction(ctx, f.tenant.ID, id); err != nil || x.Template.LetterKind != triage.LetterSimple || x.Letter.Kind != triage.LetterSimple {
		t.Fatalf("catalog letter = %+v, %v", x, err)
	}
}

func TestLetterLifecycle(t *testing.T) {
	f := newLetterFixture(t, "envoi")
	ctx := context.Background()
	today := triage.Day(time.Now())
	id := f.plan(t, "letter_formal_notice", today)
	if _, err := f.db.PlanLetter(ctx, triage.Action{TenantID: f.tenant.ID, CustomerID: f.customer, Template: "unknown_letter", Due: today}); !errors.Is(err, triage.ErrNotFound) {
		t.Fatalf("plan with unknown template: %v", err)
	}
	x, err := f.db.LetterAction(ctx, f.tenant.ID, id)
	if err != nil || x.Letter != nil || x.Template.LetterKind != triage.LetterRegistered || x.Customer.Name != "Boulangerie Dupont" {
		t.Fatalf("planned letter = %+v, %v", x, err)
	}
	due, err := f.db.LetterActionsDue(ctx, f.tenant.ID, &f.collector.ID, today)
	if err != nil || len(due) != 1 || due[0].Action.ID != id {
		t.Fatalf("agenda letters = %+v, %v", due, err)
	}

	// Another tenant cannot queue it.
	other, err := f.db.InsertTenant(ctx, "intrus", "Intrus")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.QueueLetters(ctx, other.ID, []int64{id}, nil, audit(other.ID)); !errors.Is(err, triage.ErrNotFound) {
		t.Fatalf("other tenant queues: %v, want ErrNotFound", err)
	}
	if err := f.db.QueueLetters(ctx, f.tenant.ID, []int64{id}, &f.collector.ID, audit(f.tenant.ID)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.QueueLetters(ctx, f.tenant.ID, []int64{id}, &f.collector.ID, audit(f.tenant.ID)); !errors.Is(err, triage.ErrConflict) {
		t.Fatalf("queued twice: %v, want ErrConflict", err)
	}
	j, err := f.db.ClaimJob(ctx, time.Minute)
	if err != nil || j.Kind != store.JobSendLetter {
		t.Fatalf("job = %+v, %v", j, err)
	}
	if aid, err := j.LetterActionID(); err != nil || aid != id {
		t.Fatalf("job payload: %d %v", aid, err)
	}

	if err := f.db.SaveLetterPDF(ctx, f.tenant.ID, id, []byte("%PDF-1.4 lettre"), "abc123", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.db.LetterAttemptFailed(ctx, f.tenant.ID, id, errors.New("postal: 503 Service Unavailable"), false); err != nil {
		t.Fatal(err)
	}
	x, err = f.db.LetterAction(ctx, f.tenant.ID, id)
	if err != nil || x.Letter.Status != triage.LetterQueued || x.Letter.Attempts != 1 || x.Letter.LastError != "postal: 503 Service Unavailable" {
		t.Fatalf("after a temporary failure: %+v, %v", x.Letter, err)
	}
	sentAt := time.Now().UTC()
	if err := f.db.LetterSent(ctx, f.tenant.ID, id, "drop", "ref-42", triage.LetterEvent{Status: triage.LetterSent, At: sentAt}); err != nil {
		t.Fatal(err)
	}
	tracked, err := f.db.TrackedLetters(ctx, "drop")
	if err != nil || len(tracked) != 1 || tracked[0].ProviderRef != "ref-42" {
		t.Fatalf("tracked = %+v, %v", tracked, err)
	}
	evs := []triage.LetterEvent{{Status: triage.LetterDelivered, At: sentAt.Add(time.Hour), Detail: "distribué"},
		{Status: triage.LetterAcknowledged, At: sentAt.Add(2 * time.Hour), Detail: "AR signé"}}
	for range 2 { // a second tracking pass reports the same events: nothing is duplicated
		if err := f.db.RecordLetterEvents(ctx, f.tenant.ID, id, evs); err != nil {
			t.Fatal(err)
		}
	}
	x, err = f.db.LetterAction(ctx, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var seen []triage.LetterStatus
	for _, e := range x.Events {
		seen = append(seen, e.Status)
	}
	want := []triage.LetterStatus{triage.LetterQueued, triage.LetterSent, triage.LetterDelivered, triage.LetterAcknowledged}
	if len(seen) != len(want) || x.Letter.Status != triage.LetterAcknowledged || !x.Action.Done || x.Letter.Attempts != 2 || x.Letter.LastError != "" {
		t.Fatalf("after tracking: letter %+v done=%v events %v, want %v", x.Letter, x.Action.Done, seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("events %v, want %v", seen, want)
		}
	}
	if tracked, _ := f.db.TrackedLetters(ctx, "drop"); len(tracked) != 0 {
		t.Fatalf("an acknowledged letter is still tracked: %+v", tracked)
	}
	if pdf, err := f.db.LetterPDF(ctx, f.tenant.ID, id); err != nil || string(pdf) != "%PDF-1.4 lettre" {
		t.Fatalf("pdf = %q, %v", pdf, err)
	}
	cl, err := f.db.CustomerLetters(ctx, f.tenant.ID, f.customer)
	if err != nil || len(cl) != 1 || len(cl[0].Events) != 4 {
		t.Fatalf("customer letters = %+v, %v", cl, err)
	}
}

func TestDueAutomaticLetters(t *testing.T) {
	f := newLetterFixture(t, "auto")
	ctx := context.Background()
	ts, err := f.db.LetterTemplates(ctx, f.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, lt := range ts {
		if lt.Code == "letter_electronic_notice" {
			lt.Mode = triage.SendAutomatic
			if _, err := f.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.tenant.ID, Action: "save", Entity: "action_template"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	today := triage.Day(time.Now())
	dueToday := f.plan(t, "letter_electronic_notice", today)
	f.plan(t, "letter_electronic_notice", today.AddDate(0, 0, 3)) // not due yet
	f.plan(t, "letter_formal_notice", today)                      // waits for a collector
	printed := f.plan(t, "letter_reminder", today)
	if err := f.db.RecordLetterPrinted(ctx, f.tenant.ID, printed, &f.collector.ID, triage.LetterSimple, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.DueAutomaticLetters(ctx, today)
	if err != nil || len(got) != 1 || got[0].ID != dueToday || got[0].TenantID != f.tenant.ID {
		t.Fatalf("due automatic = %+v, %v; want action %d", got, err, dueToday)
	}
	x, err := f.db.LetterAction(ctx, f.tenant.ID, printed)
	if err != nil || x.Letter == nil || x.Letter.Provider != triage.ProviderManual || x.Letter.Status != triage.LetterSent {
		t.Fatalf("printed letter = %+v, %v", x.Letter, err)
	}
}
