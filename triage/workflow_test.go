package triage_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// fixture is a tenant with a catalog, a collector and a customer with two
// open items, on a fresh database.
type fixture struct {
	db       *store.DB
	svc      *triage.Service
	worker   *jobs.Worker
	tenant   triage.Tenant
	actor    triage.Actor
	customer triage.Customer
	items    []triage.Item
	now      time.Time
	obs      *recordingObserver
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := storetest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f := &fixture{db: db, now: time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)}
	var err error
	if f.tenant, err = db.InsertTenant(ctx, "acme", "ACME Distribution"); err != nil {
		t.Fatal(err)
	}
	u, err := db.InsertUser(ctx, triage.User{TenantID: f.tenant.ID, Login: "julie", Name: "Julie", Role: triage.RoleCollector}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	f.actor = triage.Actor{TenantID: f.tenant.ID, UserID: u.ID, Role: u.Role}
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = f.tenant.ID
		if err := db.UpsertStatus(ctx, st, i); err != nil {
			t.Fatal(err)
		}
	}
	cid, err := db.InsertCustomer(ctx, triage.Customer{TenantID: f.tenant.ID, Code: "C10042", Name: "Boulangerie Martin SARL",
		Emails: []string{"compta@boulangerie-martin.fr"}, Lang: "fr", CollectorID: &u.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []triage.Item{
		{Number: "F-2026-01187", Due: f.now.AddDate(0, 0, -20), Amount: 1245.60, OpenAmount: 1245.60},
		{Number: "F-2026-01302", Due: f.now.AddDate(0, 0, -3), Amount: 867.35, OpenAmount: 867.35},
	} {
		it.TenantID, it.CustomerID, it.Kind, it.Currency, it.Issued = f.tenant.ID, cid, triage.ItemInvoice, "EUR", it.Due.AddDate(0, 0, -30)
		if err := db.InsertItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	if f.customer, err = db.Customer(ctx, f.tenant.ID, cid); err != nil {
		t.Fatal(err)
	}
	if f.items, err = db.OpenItems(ctx, f.tenant.ID, cid); err != nil {
		t.Fatal(err)
	}
	emb := suggest.HashEmbedder{}
	models := suggest.NewModels(db, emb, suggest.ModelsOptions{Log: log}) // as cli/app.go wires it
	t.Cleanup(models.Close)
	knn := suggest.KNN{Embedder: emb, Index: db, Models: models}
	f.svc = triage.NewService(db, knn, emb, log).WithClock(func() time.Time { return f.now })
	f.obs = &recordingObserver{}
	f.svc.Observe(f.obs)
	f.worker = &jobs.Worker{DB: db, Service: f.svc, Log: log}
	return f
}

// submitForm posts a web-form answer the way the web handler does and runs
// the suggestion job, returning the stored reply and its suggestion.
func (f *fixture) submitForm(t *testing.T, submission, text string, items ...string) (triage.Reply, triage.Suggestion) {
	t.Helper()
	ctx := context.Background()
	claims := inbox.FormClaims{TenantID: f.tenant.ID, CustomerID: f.customer.ID, Expires: f.now.Add(time.Hour)}
	nr, err := inbox.FormReply(claims, f.customer, f.items, inbox.FormAnswer{Reason: "other", Items: items, Text: text, SubmissionID: submission}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.Ingest(ctx, nr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.worker.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	sg, err := f.db.LatestSuggestion(ctx, f.tenant.ID, r.ID)
	if err != nil {
		t.Fatalf("no suggestion for reply %d: %v", r.ID, err)
	}
	return r, sg
}

func TestWorkflowLearnsFromQualifications(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// 1. A first reply with no history: the catch-all, with no confidence.
	r1, sg1 := f.submitForm(t, "0123456789abcdef0123456789abcdef",
		"Bonjour, nous avons réglé la facture 1187 par virement hier, référence VIR-889120. Cordialement")
	if sg1.Status != "other" || sg1.Confidence != 0 || sg1.Strategy != suggest.StrategyKNN {
		t.Errorf("cold suggestion = %s %.2f %s", sg1.Status, sg1.Confidence, sg1.Strategy)
	}
	if !slices.Equal(sg1.Items, []string{"F-2026-01187"}) {
		t.Errorf("suggested items = %q, want the invoice the customer named", sg1.Items)
	}
	if r1.AssigneeID == nil || *r1.AssigneeID != f.actor.UserID {
		t.Errorf("reply not routed to the customer's collector: %v", r1.AssigneeID)
	}

	// 2. The collector qualifies it as already paid.
	sid := sg1.ID
	q, err := f.svc.Qualify(ctx, f.actor, r1.ID, triage.QualifyInput{Status: "already_paid",
		Comment: "Réglé par virement VIR-889120", Items: []string{"F-2026-01187"}, SuggestionID: &sid})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Edits, []string{"status", "comment"}) {
		t.Errorf("edits = %q", q.Edits)
	}
	if o := f.obs; !slices.Equal(o.events, []string{"ingested webform true", "suggested knn", "qualified true status,comment"}) {
		t.Errorf("the observer saw %q", o.events)
	}
	wantDue := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC) // +3 days, from the status config
	if q.FollowUp == nil || !q.FollowUp.Due.Equal(wantDue) || q.FollowUp.Template != "verify_remittance" {
		t.Errorf("follow-up = %+v", q.FollowUp)
	}
	got, _ := f.db.Reply(ctx, f.tenant.ID, r1.ID)
	if got.State != triage.StateQualified {
		t.Errorf("reply state = %s", got.State)
	}
	items, _ := f.db.OpenItems(ctx, f.tenant.ID, f.customer.ID)
	if items[0].Status != "already_paid" || items[0].InScenario || items[1].Status != "" || !items[1].InScenario {
		t.Errorf("items after qualify: %+v", items)
	}
	audit, err := f.db.AuditOf(ctx, f.tenant.ID, "reply", r1.ID)
	if err != nil || len(audit) != 1 || audit[0].Action != "qualify" {
		t.Errorf("audit = %+v, %v", audit, err)
	}

	// 3. A similar reply now gets "already paid", with the first one as evidence.
	_, sg2 := f.submitForm(t, "fedcba9876543210fedcba9876543210",
		"Bonjour, la facture 1302 a été réglée par virement ce matin. Bonne journée")
	if sg2.Status != "already_paid" || sg2.Confidence <= 0.5 {
		t.Errorf("learned suggestion = %s %.2f", sg2.Status, sg2.Confidence)
	}
	if len(sg2.Neighbours) != 1 || sg2.Neighbours[0].QualificationID != q.ID {
		t.Errorf("neighbours = %+v, want the qualification %d", sg2.Neighbours, q.ID)
	}
	if !slices.Equal(sg2.Items, []string{"F-2026-01302"}) || sg2.FollowUp == nil || !sg2.FollowUp.Due.Equal(wantDue) {
		t.Errorf("suggestion items %q follow-up %+v", sg2.Items, sg2.FollowUp)
	}
}

func TestWorkflowStates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, _ := f.submitForm(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Merci de m'envoyer une copie de la facture 1187")

	// The same submission (double click) is stored once.
	again, _ := f.submitForm(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Merci de m'envoyer une copie de la facture 1187")
	if again.ID != r.ID {
		t.Errorf("resubmission created reply %d besides %d", again.ID, r.ID)
	}

	// Invalid qualifications are refused with the field named.
	bad := []struct {
		in    triage.QualifyInput
		field string
	}{
		{triage.QualifyInput{Status: "nope"}, "status"},
		{triage.QualifyInput{Status: "price_dispute", Items: []string{"F-2026-01187"}}, "resolver"},
		{triage.QualifyInput{Status: "invoice_copy", Items: []string{"F-9999"}}, "items"},
		{triage.QualifyInput{Status: "invoice_copy", FollowUpDue: new(f.now.AddDate(0, 0, -1))}, "follow_up"},
	}
	for _, b := range bad {
		var ve *triage.ValidationError
		if _, err := f.svc.Qualify(ctx, f.actor, r.ID, b.in); !errors.As(err, &ve) || ve.Field != b.field {
			t.Errorf("Qualify(%+v) = %v, want a %s validation error", b.in, err, b.field)
		}
	}

	// Another tenant cannot act on the reply.
	other := triage.Actor{TenantID: f.tenant.ID + 1000, UserID: f.actor.UserID, Role: triage.RoleAdmin}
	if err := f.svc.Validate(ctx, other, r.ID); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("cross-tenant validate = %v, want ErrNotFound", err)
	}

	if err := f.svc.Validate(ctx, f.actor, r.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete(ctx, f.actor, r.ID); !errors.Is(err, triage.ErrConflict) {
		t.Errorf("delete after validate = %v, want ErrConflict", err)
	}

	// Requalifying a validated reply works and supersedes nothing but itself.
	due := f.now.AddDate(0, 0, 2)
	q1, err := f.svc.Requalify(ctx, f.actor, r.ID, triage.QualifyInput{Status: "invoice_copy", Items: []string{"F-2026-01187"}, FollowUpDue: &due})
	if err != nil {
		t.Fatal(err)
	}
	if !q1.FollowUp.Due.Equal(triage.Day(due)) {
		t.Errorf("explicit follow-up date ignored: %v", q1.FollowUp.Due)
	}
	q2, err := f.svc.Requalify(ctx, f.actor, r.ID, triage.QualifyInput{Status: "other", Comment: "en fait autre chose"})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := f.db.CurrentQualification(ctx, f.tenant.ID, r.ID)
	if err != nil || cur.ID != q2.ID || cur.Status != "other" {
		t.Errorf("current qualification = %+v, %v; want %d", cur, err, q2.ID)
	}
	ns, err := f.db.Nearest(ctx, f.tenant.ID, make1536(), 10)
	if err != nil || len(ns) != 1 || ns[0].QualificationID != q2.ID {
		t.Errorf("only the qualification in force may vote: %+v, %v", ns, err)
	}

	r2, _ := f.submitForm(t, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "spam spam")
	if err := f.svc.Delete(ctx, f.actor, r2.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.db.Reply(ctx, f.tenant.ID, r2.ID); got.State != triage.StateDeleted {
		t.Errorf("deleted reply state = %s", got.State)
	}
	if n, _ := f.db.PendingCount(ctx, f.tenant.ID, nil); n != 0 {
		t.Errorf("pending = %d after handling everything", n)
	}
}

func make1536() []float32 {
	v := make([]float32, suggest.Dim)
	v[0] = 1
	return v
}

// recordingObserver keeps what the workflow tells its observer.
type recordingObserver struct{ events []string }

func (o *recordingObserver) Ingested(source string, created bool) {
	o.events = append(o.events, fmt.Sprintf("ingested %s %v", source, created))
}
func (o *recordingObserver) Suggested(strategy string, _ time.Duration) {
	o.events = append(o.events, "suggested "+strategy)
}
func (o *recordingObserver) Qualified(fromSuggestion bool, edits []string) {
	o.events = append(o.events, fmt.Sprintf("qualified %v %s", fromSuggestion, strings.Join(edits, ",")))
}
