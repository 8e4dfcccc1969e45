package jobs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters/postal"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// letterEnv is a tenant with a letterhead, its default letter templates, a
// collector and a customer with a postal address and two invoices, and a
// worker posting letters into a drop directory.
type letterEnv struct {
	db       *store.DB
	conn     *pgx.Conn
	svc      *triage.Service
	letters  *triage.Letters
	actor    triage.Actor
	customer triage.Customer
	dir      string
	flaky    *flakyProvider
	sender   *jobs.LetterSender
	worker   *jobs.Worker
}

// flakyProvider fails its first failures sends with a temporary error, as
// a provider answering 503 does, then hands the mail to the drop directory.
type flakyProvider struct {
	*postal.DropDir
	mu       sync.Mutex
	failures int
	ids      []string
}

func (p *flakyProvider) Send(ctx context.Context, m postal.Mail) (postal.Receipt, error) {
	p.mu.Lock()
	p.ids = append(p.ids, m.ID)
	fail := p.failures > 0
	p.failures--
	p.mu.Unlock()
	if fail {
		return postal.Receipt{}, fmt.Errorf("%w: 503 Service Unavailable", postal.ErrTemporary)
	}
	return p.DropDir.Send(ctx, m)
}

func newLetterEnv(t *testing.T) *letterEnv {
	t.Helper()
	ctx := context.Background()
	db, url := storetest.NewWithURL(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &letterEnv{db: db, conn: conn, dir: t.TempDir()}
	tn, err := db.InsertTenant(ctx, "lefevre", "Transports Lefèvre")
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: "claire", Name: "Claire Martin", Role: triage.RoleCollector}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	e.actor = triage.Actor{TenantID: tn.ID, UserID: u.ID, Role: triage.RoleCollector}
	cid, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: "C10042", Name: "Boulangerie Martin SARL",
		Emails: []string{"compta@boulangerie-martin.fr"}, Lang: "fr", CollectorID: &u.ID, Address: "12 rue des Lilas\n69003 Lyon"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, it := range []triage.Item{{Number: "F-2026-01187", Amount: 1245.60}, {Number: "F-2026-01302", Amount: 867.35}} {
		it.TenantID, it.CustomerID, it.Kind, it.Currency, it.OpenAmount = tn.ID, cid, triage.ItemInvoice, "EUR", it.Amount
		it.Issued, it.Due = now.AddDate(0, -2, 0), now.AddDate(0, 0, -20)
		if err := db.InsertItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	if e.customer, err = db.Customer(ctx, tn.ID, cid); err != nil {
		t.Fatal(err)
	}
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = tn.ID
		if st.Code == "financial_difficulty" { // a status whose follow-up is a formal notice
			st.ActionTemplate = "letter_formal_notice"
		}
		if err := db.UpsertStatus(ctx, st, i); err != nil {
			t.Fatal(err)
		}
	}
	for _, lt := range triage.DefaultLetterTemplates(triage.LangFR) {
		lt.TenantID = tn.ID
		if _, err := db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: tn.ID, Action: "seed", Entity: "action_template"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveLetterhead(ctx, triage.Letterhead{TenantID: tn.ID, Address: "3 quai Perrache\n69002 Lyon",
		Legal: "SAS au capital de 50 000 € – RCS Lyon 812 345 678"}, triage.Audit{TenantID: tn.ID, Action: "seed", Entity: "tenant"}); err != nil {
		t.Fatal(err)
	}
	emb := suggest.HashEmbedder{}
	models := suggest.NewModels(db, emb, suggest.ModelsOptions{Log: log})
	t.Cleanup(models.Close)
	e.svc = triage.NewService(db, suggest.KNN{Embedder: emb, Index: db, Models: models}, emb, log)
	drop, err := postal.NewDropDir(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	e.flaky = &flakyProvider{DropDir: drop}
	e.letters = triage.NewLetters(e.svc, db)
	e.sender = &jobs.LetterSender{DB: db, Letters: e.letters, Provider: e.flaky, Log: log}
	e.worker = &jobs.Worker{DB: db, Service: e.svc, Letters: e.sender, Log: log}
	return e
}

// plan plans a letter of template code for the customer, due on day.
func (e *letterEnv) plan(t *testing.T, code string, day time.Time) int64 {
	t.Helper()
	id, err := e.db.PlanLetter(context.Background(), triage.Action{TenantID: e.actor.TenantID, CustomerID: e.customer.ID,
		Items: []string{"F-2026-01187"}, Template: code, Due: triage.Day(day), AssigneeID: &e.actor.UserID})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *letterEnv) letter(t *testing.T, id int64) triage.LetterAction {
	t.Helper()
	x, err := e.db.LetterAction(context.Background(), e.actor.TenantID, id)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// droppedPDFs lists the PDFs of the drop directory.
func (e *letterEnv) droppedPDFs(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(e.dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestQualifiedReplyPlansALetterSentOnApproval(t *testing.T) {
	e := newLetterEnv(t)
	ctx := context.Background()
	cid := e.customer.ID
	r, err := e.svc.Ingest(ctx, triage.NewReply{TenantID: e.actor.TenantID, Source: triage.SourceAPI, MessageID: "<difficultes@boulangerie-martin.fr>",
		From: "compta@boulangerie-martin.fr", Subject: "Re: relance", Text: "Bonjour, nous traversons des difficultés de trésorerie et ne pourrons pas régler la facture 1187 ce mois-ci.",
		Lang: "fr", CustomerID: &cid})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Qualify(ctx, e.actor, r.ID, triage.QualifyInput{Status: "financial_difficulty",
		Comment: "Difficultés de trésorerie", Items: []string{"F-2026-01187"}}); err != nil {
		t.Fatal(err)
	}
	planned, err := e.db.CustomerLetters(ctx, e.actor.TenantID, cid)
	if err != nil || len(planned) != 1 {
		t.Fatalf("letters planned by the qualification = %+v, %v", planned, err)
	}
	x := planned[0]
	if x.Template.LetterKind != triage.LetterRegistered || x.Letter != nil || !slices.Equal(x.Action.Items, []string{"F-2026-01187"}) {
		t.Fatalf("planned letter = %+v", x)
	}
	id := x.Action.ID

	// The draft is in the customer's language, with its address and the
	// selected invoice only.
	d, err := e.letters.Draft(ctx, e.actor, id)
	if err != nil {
		t.Fatal(err)
	}
	text := jobs.ComposeLetter(d)
	if d.Values["#customer_address"] != "12 rue des Lilas\n69003 Lyon" || d.Values["#items_list_selected"] != "F-2026-01187" ||
		d.Values["#total_due"] != triage.FormatMoney("fr", 2112.95, "EUR") || d.Values["#collector_name"] != "Claire Martin" || len(text.Selected) != 1 {
		t.Fatalf("values = %q, selected %d", d.Values, len(text.Selected))
	}

	if err := e.letters.Approve(ctx, e.actor, []int64{id}); err != nil {
		t.Fatal(err)
	}
	if err := e.letters.Approve(ctx, e.actor, []int64{id}); !errors.Is(err, triage.ErrConflict) {
		t.Fatalf("approved twice: %v, want ErrConflict", err)
	}
	if n, err := e.worker.Drain(ctx); err != nil || n != 2 { // the reply's suggestion, the letter
		t.Fatalf("drain = %d, %v", n, err)
	}
	x = e.letter(t, id)
	if x.Letter == nil || x.Letter.Status != triage.LetterSent || x.Letter.Provider != "dropdir" || !x.Action.Done || x.Letter.Pages < 1 {
		t.Fatalf("after the job: letter %+v, done %v", x.Letter, x.Action.Done)
	}
	pdfs := e.droppedPDFs(t)
	if len(pdfs) != 1 {
		t.Fatalf("drop directory holds %q, want one PDF", pdfs)
	}
	b, err := os.ReadFile(pdfs[0])
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("dropped file is not a PDF: %.20q %v", b, err)
	}
	var man postal.Manifest
	mb, err := os.ReadFile(strings.TrimSuffix(pdfs[0], ".pdf") + ".json")
	if err != nil || json.Unmarshal(mb, &man) != nil {
		t.Fatalf("manifest: %s %v", mb, err)
	}
	if man.ID != jobs.MailID(e.actor.TenantID, id) || man.Kind != "registered" || man.Recipient.Name != "Boulangerie Martin SARL" ||
		!slices.Equal(man.Recipient.Lines, []string{"12 rue des Lilas", "69003 Lyon"}) {
		t.Fatalf("manifest = %+v", man)
	}

	// The print service reports the delivery, then the signed receipt.
	at := time.Now().UTC().Add(time.Hour).Truncate(time.Second)
	status := fmt.Sprintf(`{"events":[{"status":"delivered","at":%q,"detail":"Distribué à Lyon"},{"status":"acknowledged","at":%q,"detail":"AR signé"}]}`,
		at.Format(time.RFC3339), at.Add(time.Hour).Format(time.RFC3339))
	if err := os.WriteFile(filepath.Join(e.dir, man.ID+".status.json"), []byte(status), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := e.sender.Track(ctx); err != nil {
		t.Fatal(err)
	}
	x = e.letter(t, id)
	var seen []triage.LetterStatus
	for _, ev := range x.Events {
		seen = append(seen, ev.Status)
	}
	want := []triage.LetterStatus{triage.LetterQueued, triage.LetterSent, triage.LetterDelivered, triage.LetterAcknowledged}
	if x.Letter.Status != triage.LetterAcknowledged || !slices.Equal(seen, want) {
		t.Fatalf("after tracking: %s, events %v, want %v", x.Letter.Status, seen, want)
	}
}

func TestLetterRetriedAfterTemporaryFailureIsPostedOnce(t *testing.T) {
	e := newLetterEnv(t)
	ctx := context.Background()
	e.flaky.failures = 1
	id := e.plan(t, "letter_formal_notice", time.Now())
	if err := e.letters.Approve(ctx, e.actor, []int64{id}); err != nil {
		t.Fatal(err)
	}
	if did, err := e.worker.RunOne(ctx); !did || err != nil {
		t.Fatalf("first attempt: did %v, %v", did, err)
	}
	x := e.letter(t, id)
	if x.Letter.Status != triage.LetterQueued || x.Letter.Attempts != 1 || !strings.Contains(x.Letter.LastError, "503") || x.Action.Done {
		t.Fatalf("after the 503: %+v", x.Letter)
	}
	if pdfs := e.droppedPDFs(t); len(pdfs) != 0 {
		t.Fatalf("a failed sending dropped %q", pdfs)
	}
	// The job waits for its backoff; make it due now instead of waiting.
	if _, err := e.conn.Exec(ctx, `UPDATE job SET run_at = now() WHERE kind = $1 AND done_at IS NULL`, store.JobSendLetter); err != nil {
		t.Fatal(err)
	}
	if n, err := e.worker.Drain(ctx); err != nil || n != 1 {
		t.Fatalf("retry: %d jobs, %v", n, err)
	}
	x = e.letter(t, id)
	if x.Letter.Status != triage.LetterSent || x.Letter.LastError != "" || !x.Action.Done {
		t.Fatalf("after the retry: %+v", x.Letter)
	}
	// A sending job run again (a lease that expired, an admin's retry)
	// posts nothing more.
	if err := e.sender.Send(ctx, e.actor.TenantID, id); err != nil {
		t.Fatal(err)
	}
	key := jobs.MailID(e.actor.TenantID, id)
	if len(e.flaky.ids) != 2 || e.flaky.ids[0] != key || e.flaky.ids[1] != key {
		t.Fatalf("provider saw sends %q, want the same key twice", e.flaky.ids)
	}
	if pdfs := e.droppedPDFs(t); len(pdfs) != 1 {
		t.Fatalf("drop directory holds %q, want one PDF", pdfs)
	}
}

func TestAutomaticLettersSweptOnTheirDay(t *testing.T) {
	e := newLetterEnv(t)
	ctx := context.Background()
	ts, err := e.db.LetterTemplates(ctx, e.actor.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	for _, lt := range ts {
		if lt.Code == "letter_electronic_notice" {
			lt.Mode = triage.SendAutomatic
			if _, err := e.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: e.actor.TenantID, Action: "save", Entity: "action_template"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	due := e.plan(t, "letter_electronic_notice", time.Now())
	later := e.plan(t, "letter_electronic_notice", time.Now().AddDate(0, 0, 3))
	confirm := e.plan(t, "letter_formal_notice", time.Now())
	n, err := e.letters.SweepAutomatic(ctx)
	if err != nil || n != 1 {
		t.Fatalf("sweep queued %d, %v; want 1", n, err)
	}
	if n, err := e.letters.SweepAutomatic(ctx); err != nil || n != 0 {
		t.Fatalf("second sweep queued %d, %v; want 0", n, err)
	}
	if _, err := e.worker.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if x := e.letter(t, due); x.Letter == nil || x.Letter.Status != triage.LetterSent || x.Letter.ApprovedBy != nil {
		t.Fatalf("automatic letter: %+v", x.Letter)
	}
	for _, id := range []int64{later, confirm} {
		if x := e.letter(t, id); x.Letter != nil {
			t.Fatalf("letter %d sent without its day or its confirmation: %+v", id, x.Letter)
		}
	}
	if pdfs := e.droppedPDFs(t); len(pdfs) != 1 {
		t.Fatalf("drop directory holds %q, want one PDF", pdfs)
	}
}

func TestLetterWithoutProviderFailsVisibly(t *testing.T) {
	e := newLetterEnv(t)
	ctx := context.Background()
	e.sender.Provider = nil
	id := e.plan(t, "letter_reminder", time.Now())
	if err := e.letters.Approve(ctx, e.actor, []int64{id}); err != nil {
		t.Fatal(err)
	}
	// Every attempt fails; once they are used up the job is a dead letter
	// administrators see, with why, in Admin → Tâches.
	for attempt := 1; ; attempt++ {
		did, err := e.worker.RunOne(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !did {
			break
		}
		if attempt > 10 {
			t.Fatal("the job is retried for ever")
		}
		if _, err := e.conn.Exec(ctx, `UPDATE job SET run_at = now() WHERE kind = $1 AND done_at IS NULL`, store.JobSendLetter); err != nil {
			t.Fatal(err)
		}
	}
	dead, err := e.db.DeadJobs(ctx, e.actor.TenantID)
	if err != nil || len(dead) != 1 || dead[0].Kind != store.JobSendLetter || !strings.Contains(dead[0].LastError, "TRIAGE_POSTAL=off") {
		t.Fatalf("dead jobs = %+v, %v", dead, err)
	}
	if x := e.letter(t, id); x.Letter.Status != triage.LetterQueued || x.Action.Done || !strings.Contains(x.Letter.LastError, "TRIAGE_POSTAL=off") {
		t.Fatalf("a letter never posted: %+v done %v", x.Letter, x.Action.Done)
	}
}

// mailingAPI is a mailing provider's API in a test server: it answers 503
// to the first failures posts, then stores letters by Idempotency-Key.
type mailingAPI struct {
	mu       sync.Mutex
	failures int
	posts    []string          // the Idempotency-Key of every post
	letters  map[string]string // key → the letter's id at the provider
}

func (m *mailingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/v1/letters" || r.Header.Get("Authorization") != "Bearer jeton-de-test" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	m.posts = append(m.posts, key)
	if m.failures > 0 {
		m.failures--
		http.Error(w, `{"error":"maintenance"}`, http.StatusServiceUnavailable)
		return
	}
	id, ok := m.letters[key]
	if !ok {
		id = fmt.Sprintf("LRAR-%04d", len(m.letters)+1)
		m.letters[key] = id
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":%q,"status":"queued"}`, id)
}

func TestLetterRetriedAfterProvider503(t *testing.T) {
	e := newLetterEnv(t)
	ctx := context.Background()
	api := &mailingAPI{failures: 2, letters: map[string]string{}}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	p, err := postal.NewHTTP(srv.URL+"/v1", "jeton-de-test", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	e.sender.Provider = p
	id := e.plan(t, "letter_formal_notice", time.Now())
	if err := e.letters.Approve(ctx, e.actor, []int64{id}); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 3; attempt++ {
		if did, err := e.worker.RunOne(ctx); !did || err != nil {
			t.Fatalf("attempt %d: did %v, %v", attempt, did, err)
		}
		x := e.letter(t, id)
		if attempt < 3 && (x.Letter.Status != triage.LetterQueued || x.Letter.Attempts != attempt || !strings.Contains(x.Letter.LastError, "503")) {
			t.Fatalf("after attempt %d: %+v", attempt, x.Letter)
		}
		// The job waits for its backoff; make it due now instead of waiting.
		if _, err := e.conn.Exec(ctx, `UPDATE job SET run_at = now() WHERE kind = $1 AND done_at IS NULL`, store.JobSendLetter); err != nil {
			t.Fatal(err)
		}
	}
	x := e.letter(t, id)
	if x.Letter.Status != triage.LetterSent || x.Letter.Provider != "http" || x.Letter.ProviderRef != "LRAR-0001" || !x.Action.Done {
		t.Fatalf("after the provider came back: %+v", x.Letter)
	}
	key := jobs.MailID(e.actor.TenantID, id)
	if len(api.letters) != 1 || len(api.posts) != 3 || slices.IndexFunc(api.posts, func(k string) bool { return k != key }) >= 0 {
		t.Fatalf("the provider got posts %q and holds %d letters, want 3 posts of %s and one letter", api.posts, len(api.letters), key)
	}
	if did, err := e.worker.RunOne(ctx); did || err != nil {
		t.Fatalf("a job is left: did %v, %v", did, err)
	}
}
