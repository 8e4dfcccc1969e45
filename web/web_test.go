package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
	"github.com/triage-ar/triage/web"
)

// These tests run the whole server against a real Postgres: set
// TRIAGE_TEST_DATABASE_URL to a superuser URL (make test does it).

const password = "correct horse battery staple"

// fakeSuggester always proposes a price dispute on the items the customer
// named, or the first open item; the real strategies live in suggest/.
type fakeSuggester struct{}

func (fakeSuggester) Suggest(_ context.Context, in triage.SuggestInput) (triage.Suggestion, error) {
	items := in.Reply.ItemRefs
	if len(items) == 0 && len(in.Items) > 0 {
		items = []string{in.Items[0].Number}
	}
	// Like the real strategies, the comment is taken from the customer's words.
	return triage.Suggestion{Strategy: "fake", Status: "price_dispute", Comment: in.Reply.BodyClean, Items: items,
		Confidence: 0.82, FollowUp: &triage.FollowUp{Template: "dispute_sales", Due: triage.Day(in.Now).AddDate(0, 0, 3)},
		Neighbours: []triage.Neighbour{{QualificationID: 1, Status: "price_dispute", Similarity: 0.91, Comment: "Remise oubliée"}}}, nil
}

// fakeEmbedder returns the same unit vector for every text.
type fakeEmbedder struct{}

func (fakeEmbedder) Embed(context.Context, string) ([]float32, error) {
	v := make([]float32, 1536)
	v[0] = 1
	return v, nil
}

// fixture is two tenants on a fresh database and the server in front of them.
type fixture struct {
	t        *testing.T
	db       *store.DB
	svc      *triage.Service
	cfg      *config.Config
	srv      *httptest.Server
	acme     triage.Tenant
	globex   triage.Tenant
	julie    triage.User // collector of acme
	customer triage.Customer
	foreign  triage.Customer // a customer of globex
	seq      atomic.Int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureOn(t, storetest.New(t))
}

// newFixtureOn is newFixture on a given migrated database.
func newFixtureOn(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, db: db}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	base, _ := url.Parse("http://triage.test")
	f.cfg = &config.Config{BaseURL: base, SecretKey: []byte("an integration test secret key, 32+ bytes"),
		SessionTTL: time.Hour, FormLinkTTL: time.Hour}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	setup := func(slug, name, login string, c triage.Customer, items ...triage.Item) (triage.Tenant, triage.User, triage.Customer) {
		tn, err := f.db.InsertTenant(ctx, slug, name)
		must(t, err)
		u, err := f.db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: login, Name: strings.ToUpper(login[:1]) + login[1:],
			Role: triage.RoleCollector}, hash)
		must(t, err)
		for i, st := range triage.DefaultCatalog() {
			st.TenantID = tn.ID
			must(t, f.db.UpsertStatus(ctx, st, i))
		}
		c.TenantID, c.CollectorID = tn.ID, &u.ID
		id, err := f.db.InsertCustomer(ctx, c)
		must(t, err)
		for _, it := range items {
			it.TenantID, it.CustomerID, it.Kind, it.Currency = tn.ID, id, triage.ItemInvoice, "EUR"
			it.Issued, it.Amount = it.Due.AddDate(0, 0, -30), it.OpenAmount
			must(t, f.db.InsertItem(ctx, it))
		}
		c, err = f.db.Customer(ctx, tn.ID, id)
		must(t, err)
		return tn, u, c
	}
	now := time.Now()
	f.acme, f.julie, f.customer = setup("acme", "ACME Distribution", "julie",
		triage.Customer{Code: "C10042", Name: "Boulangerie Martin SARL", Lang: "fr", Emails: []string{"compta@boulangerie-martin.fr"}},
		triage.Item{Number: "F-2026-01187", Due: triage.Day(now).AddDate(0, 0, -20), OpenAmount: 1245.60},
		triage.Item{Number: "F-2026-01302", Due: triage.Day(now).AddDate(0, 0, -3), OpenAmount: 867.35})
	f.globex, _, f.foreign = setup("globex", "Globex", "marc",
		triage.Customer{Code: "G1", Name: "Globex Customer Ltd", Lang: "en", Emails: []string{"ap@globex.example"}},
		triage.Item{Number: "G-1", Due: triage.Day(now).AddDate(0, 0, -5), OpenAmount: 10})

	f.svc = triage.NewService(f.db, fakeSuggester{}, fakeEmbedder{}, log)
	h, err := web.New(web.Deps{Config: f.cfg, DB: f.db, Service: f.svc, Log: log,
		Dialer: inbox.IMAPDialer{Getenv: os.Getenv, Timeout: 10 * time.Second}})
	must(t, err)
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// ingest stores a reply of a customer the way a mailbox would, with its suggestion.
func (f *fixture) ingest(c triage.Customer, subject, text string, at time.Time) triage.Reply {
	f.t.Helper()
	ctx := context.Background()
	cid := c.ID
	r, err := f.svc.Ingest(ctx, triage.NewReply{TenantID: c.TenantID, Source: triage.SourceIMAP,
		MessageID: fmt.Sprintf("<%d.%d@test>", time.Now().UnixNano(), f.seq.Add(1)), From: c.Name + " <" + c.Code + "@example.com>",
		Subject: subject, Text: text, CustomerID: &cid, ReceivedAt: at})
	must(f.t, err)
	_, err = f.svc.Suggest(ctx, c.TenantID, r.ID)
	must(f.t, err)
	return r
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see every 303.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func (f *fixture) browser() *browser {
	jar, err := cookiejar.New(nil)
	must(f.t, err)
	return &browser{t: f.t, base: f.srv.URL, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type page struct {
	status   int
	location string
	body     string
}

func (b *browser) get(path string) page {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	must(b.t, err)
	return read(b.t, resp)
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	must(b.t, err)
	return read(b.t, resp)
}

func read(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
}

var (
	csrfPattern       = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)
	suggestionPattern = regexp.MustCompile(`name="suggestion_id" value="(\d+)"`)
	submissionPattern = regexp.MustCompile(`name="submission_id" value="([0-9a-f]{32})"`)
)

func field(t *testing.T, p page, re *regexp.Regexp) string {
	t.Helper()
	m := re.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no %s in page:\n%s", re, p.body)
	}
	return m[1]
}

// login opens a session for julie and returns the CSRF token of her pages.
func (b *browser) login(login, pw string) page {
	b.t.Helper()
	lp := b.get("/login")
	return b.post("/login", url.Values{"csrf": {field(b.t, lp, csrfPattern)}, "login": {login}, "password": {pw}})
}

func (f *fixture) loggedIn() *browser {
	b := f.browser()
	if p := b.login("julie", password); p.status != http.StatusSeeOther {
		f.t.Fatalf("login = %d\n%s", p.status, p.body)
	}
	return b
}

// flip changes the first hex digit of a token.
func flip(tok string) string {
	if tok[0] == '0' {
		return "1" + tok[1:]
	}
	return "0" + tok[1:]
}

func path(r triage.Reply, action string) string {
	p := fmt.Sprintf("/replies/%d", r.ID)
	if action != "" {
		p += "/" + action
	}
	return p
}

func TestLoginQueueAndQualify(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.browser()

	if p := b.get("/queue"); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Fatalf("anonymous /queue = %d → %s", p.status, p.location)
	}
	for _, tc := range []struct{ login, pw string }{{"julie", "wrong"}, {"nobody", password}} {
		p := b.login(tc.login, tc.pw)
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "Identifiant ou mot de passe incorrect") {
			t.Errorf("login %s/%s = %d, want 401 with the generic message", tc.login, tc.pw, p.status)
		}
	}
	p := b.login("JULIE", password) // logins are case-insensitive
	if p.status != http.StatusSeeOther || p.location != "/" {
		t.Fatalf("login = %d → %q\n%s", p.status, p.location, p.body)
	}
	if p := b.get("/"); p.status != http.StatusSeeOther || p.location != "/queue" {
		t.Errorf("/ = %d → %s", p.status, p.location)
	}

	received := time.Date(2025, 11, 17, 8, 12, 0, 0, time.UTC)
	r := f.ingest(f.customer, "Facture F-2026-01187", "Bonjour,\nle prix unitaire de la facture F-2026-01187 ne correspond pas au devis.", received)
	q := b.get("/queue")
	for _, want := range []string{"Boulangerie Martin SARL", "C10042", "17/11/2025 09:12", "E-mail", "Facture F-2026-01187",
		"Bonjour,", "Litige prix", "82\u00a0%", "F-2026-01187", `href="/replies/` + fmt.Sprint(r.ID) + `"`, "Julie"} {
		if !strings.Contains(q.body, want) {
			t.Errorf("queue lacks %q", want)
		}
	}

	rp := b.get(path(r, ""))
	if rp.status != http.StatusOK {
		t.Fatalf("reply page = %d", rp.status)
	}
	for _, want := range []string{"Suggestion : Litige prix — 82\u00a0%", "Remise oubliée", "1\u00a0245,60\u00a0€",
		`value="F-2026-01187" checked`, `value="F-2026-01302">`, `<option value="price_dispute" selected>`} {
		if !strings.Contains(rp.body, want) {
			t.Errorf("reply page lacks %q", want)
		}
	}
	csrf, sid := field(t, rp, csrfPattern), field(t, rp, suggestionPattern)
	form := url.Values{"status": {"price_dispute"}, "comment": {"Prix du devis non appliqué"}, "items": {"F-2026-01187"},
		"suggestion_id": {sid}}

	if p := b.post(path(r, "qualify"), form); p.status != http.StatusForbidden {
		t.Errorf("qualify without csrf = %d, want 403", p.status)
	}
	form.Set("csrf", flip(csrf))
	if p := b.post(path(r, "qualify"), form); p.status != http.StatusForbidden {
		t.Errorf("qualify with a wrong csrf = %d, want 403", p.status)
	}
	form.Set("csrf", csrf)
	p = b.post(path(r, "qualify"), form) // a dispute without resolver
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Un litige doit être confié à un chargé de résolution.") ||
		!strings.Contains(p.body, "Prix du devis non appliqué") {
		t.Fatalf("qualify without resolver = %d, want 422 with the message and the posted comment", p.status)
	}
	form.Set("follow_up", "not-a-date")
	form.Set("resolver", "Service commercial")
	if p := b.post(path(r, "qualify"), form); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "date de suivi") {
		t.Errorf("qualify with a bad date = %d", p.status)
	}
	due := triage.Day(time.Now()).AddDate(0, 0, 4)
	form.Set("follow_up", due.Format(time.DateOnly))
	p = b.post(path(r, "qualify"), form)
	if p.status != http.StatusSeeOther || p.location != "/queue" {
		t.Fatalf("qualify = %d → %q\n%s", p.status, p.location, p.body)
	}
	got, err := f.db.Reply(ctx, f.acme.ID, r.ID)
	must(t, err)
	cur, err := f.db.CurrentQualification(ctx, f.acme.ID, r.ID)
	must(t, err)
	if got.State != triage.StateQualified || cur.Status != "price_dispute" || cur.Resolver != "Service commercial" ||
		!slices.Equal(cur.Items, []string{"F-2026-01187"}) || cur.ByUserID != f.julie.ID ||
		cur.FollowUp == nil || !cur.FollowUp.Due.Equal(due) || cur.FromSuggestion == nil || fmt.Sprint(*cur.FromSuggestion) != sid {
		t.Errorf("after qualify: state %s, qualification %+v", got.State, cur)
	}
	q = b.get("/queue")
	if !strings.Contains(q.body, "Réponse qualifiée.") || strings.Contains(q.body, `href="`+path(r, "")+`"`) {
		t.Error("the queue shows no flash or still lists the qualified reply")
	}
	if strings.Contains(b.get("/queue").body, "Réponse qualifiée.") {
		t.Error("the flash message shows twice")
	}
	done := b.get(path(r, ""))
	if !strings.Contains(done.body, "Réponse traitée") || !strings.Contains(done.body, "Service commercial") || strings.Contains(done.body, `action="`+path(r, "qualify")+`"`) {
		t.Error("a handled reply is not shown read-only")
	}
	if p := b.post(path(r, "validate"), url.Values{"csrf": {csrf}}); p.status != http.StatusConflict ||
		!strings.Contains(p.body, "Cette réponse a déjà été traitée") {
		t.Errorf("validate a qualified reply = %d, want 409", p.status)
	}

	if p := b.post("/logout", url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Errorf("logout = %d → %s", p.status, p.location)
	}
	if p := b.get("/queue"); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Errorf("/queue after logout = %d → %s", p.status, p.location)
	}
}

func TestActionsGoToTheNextReply(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	t0 := time.Now().Add(-time.Hour)
	older := f.ingest(f.customer, "Ancienne", "Merci de m'envoyer une copie de la facture", t0)
	newer := f.ingest(f.customer, "Récente", "Nous avons payé hier", t0.Add(time.Minute))
	csrf := field(t, b.get(path(newer, "")), csrfPattern)

	// From the reply page, the next pending reply (older, in queue order) opens.
	p := b.post(path(newer, "validate"), url.Values{"csrf": {csrf}})
	if p.status != http.StatusSeeOther || p.location != path(older, "") {
		t.Errorf("validate = %d → %q, want → %s", p.status, p.location, path(older, ""))
	}
	if !strings.Contains(b.get(p.location).body, "Réponse validée sans qualification.") {
		t.Error("no flash after validate")
	}
	// From the queue, the quick action comes back to the same queue view.
	p = b.post(path(older, "delete"), url.Values{"csrf": {csrf}, "return": {"/queue?mine=0"}})
	if p.status != http.StatusSeeOther || p.location != "/queue?mine=0" {
		t.Errorf("delete from the queue = %d → %q", p.status, p.location)
	}
	for id, want := range map[int64]triage.ReplyState{newer.ID: triage.StateValidated, older.ID: triage.StateDeleted} {
		if r, err := f.db.Reply(ctx, f.acme.ID, id); err != nil || r.State != want {
			t.Errorf("reply %d: %s %v, want %s", id, r.State, err, want)
		}
	}
}

func TestQueuePagination(t *testing.T) {
	f := newFixture(t)
	b := f.loggedIn()
	t0 := time.Now().Add(-2 * time.Hour)
	var replies []triage.Reply
	for i := range 52 {
		replies = append(replies, f.ingest(f.customer, fmt.Sprintf("Réponse n°%02d", i), "Bonjour", t0.Add(time.Duration(i)*time.Second)))
	}
	first := b.get("/queue")
	if !strings.Contains(first.body, `<span class="count" title="Réponses en attente">52</span>`) {
		t.Error("the count is not 52")
	}
	if !strings.Contains(first.body, "Réponse n°51") || strings.Contains(first.body, "Réponse n°01") {
		t.Error("the first page is not the 50 newest")
	}
	next := regexp.MustCompile(`href="(/queue\?[^"]+)" rel="next"`).FindStringSubmatch(first.body)
	if next == nil {
		t.Fatal("no next page link")
	}
	second := b.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if !strings.Contains(second.body, "Réponse n°01") || !strings.Contains(second.body, "Réponse n°00") ||
		strings.Contains(second.body, "Réponse n°02") || strings.Contains(second.body, `rel="next"`) {
		t.Errorf("second page is wrong:\n%s", second.body)
	}
	_ = replies
}

func TestTenantIsolation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	theirs := f.ingest(f.foreign, "Invoice G-1", "We will pay next week", time.Now())
	if p := b.get(path(theirs, "")); p.status != http.StatusNotFound || strings.Contains(p.body, "We will pay next week") {
		t.Errorf("another tenant's reply = %d", p.status)
	}
	csrf := field(t, b.get("/queue"), csrfPattern)
	for _, action := range []string{"validate", "delete", "qualify"} {
		p := b.post(path(theirs, action), url.Values{"csrf": {csrf}, "status": {"other"}})
		if p.status != http.StatusNotFound {
			t.Errorf("%s another tenant's reply = %d, want 404", action, p.status)
		}
	}
	if r, err := f.db.Reply(ctx, f.globex.ID, theirs.ID); err != nil || r.State != triage.StatePending {
		t.Errorf("the other tenant's reply changed: %s %v", r.State, err)
	}
	if q := b.get("/queue?mine=0"); strings.Contains(q.body, "Invoice G-1") {
		t.Error("the queue lists another tenant's reply")
	}
	for _, bad := range []string{"/replies/abc", "/replies/0", "/replies/99999999"} {
		if p := b.get(bad); p.status != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", bad, p.status)
		}
	}
}

func (f *fixture) formToken(c triage.Customer, expires time.Time, items ...string) string {
	tok, err := inbox.SignFormToken(f.cfg.SecretKey, inbox.FormClaims{TenantID: c.TenantID, CustomerID: c.ID, Items: items, Expires: expires})
	must(f.t, err)
	return tok
}

func TestCustomerForm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	customer := f.browser() // no login
	tok := f.formToken(f.customer, time.Now().Add(time.Hour), "F-2026-01302")
	link := strings.TrimPrefix(web.FormURL(f.cfg.BaseURL, tok), "http://triage.test")

	p := customer.get(link)
	for _, want := range []string{`<html lang="fr">`, "ACME Distribution", "Boulangerie Martin SARL", `value="F-2026-01302" checked`,
		`value="F-2026-01187">`, "1\u00a0245,60\u00a0€", "J&#39;ai déjà payé", `<label for="reason-paid">`, "<legend>", `<label for="text">`} {
		if p.status != http.StatusOK || !strings.Contains(p.body, want) {
			t.Errorf("form (%d) lacks %q", p.status, want)
		}
	}
	if en := customer.get(link + "?lang=en"); !strings.Contains(en.body, `<html lang="en">`) || !strings.Contains(en.body, "I have already paid") {
		t.Error("?lang=en does not switch to English")
	}
	if en := customer.get(strings.TrimPrefix(web.FormURL(f.cfg.BaseURL, f.formToken(f.foreign, time.Now().Add(time.Hour))), "http://triage.test")); !strings.Contains(en.body, `<html lang="en">`) {
		t.Error("a non-French customer does not get English")
	}

	forged, err := inbox.SignFormToken([]byte("not the server key, but 32 bytes long"), inbox.FormClaims{TenantID: f.acme.ID, CustomerID: f.customer.ID, Expires: time.Now().Add(time.Hour)})
	must(t, err)
	if p := customer.get("/form/" + forged); p.status != http.StatusNotFound || !strings.Contains(p.body, "Ce lien n&#39;est pas valide") {
		t.Errorf("forged link = %d\n%s", p.status, p.body)
	}
	expired := f.formToken(f.customer, time.Now().Add(-time.Minute))
	if p := customer.get("/form/" + expired); p.status != http.StatusGone ||
		!strings.Contains(p.body, "Ce lien a expiré ; demandez-en un nouveau à votre fournisseur.") {
		t.Errorf("expired link = %d\n%s", p.status, p.body)
	}

	csrf, submission := field(t, p, csrfPattern), field(t, p, submissionPattern)
	answer := url.Values{"reason": {"dispute"}, "items": {"F-2026-01187"}, "text": {"Le prix est faux."}, "submission_id": {submission}, "lang": {"fr"}}
	if p := customer.post(link, answer); p.status != http.StatusForbidden {
		t.Errorf("post without csrf = %d, want 403", p.status)
	}
	answer.Set("csrf", csrf)
	if p := customer.post("/form/"+expired, answer); p.status != http.StatusGone {
		t.Errorf("post on an expired link = %d, want 410", p.status)
	}
	bad := url.Values{"csrf": {csrf}, "reason": {"nonsense"}, "text": {"x"}, "submission_id": {submission}, "lang": {"fr"}}
	if p := customer.post(link, bad); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Choisissez une réponse.") ||
		field(t, p, submissionPattern) != submission {
		t.Errorf("post without a valid reason = %d, want 422 keeping the submission id", p.status)
	}

	before, err := f.db.PendingCount(ctx, f.acme.ID, nil)
	must(t, err)
	for range 2 { // a double click
		p := customer.post(link, answer)
		if p.status != http.StatusSeeOther || p.location != link+"/done?lang=fr" {
			t.Fatalf("post = %d → %q\n%s", p.status, p.location, p.body)
		}
	}
	after, err := f.db.PendingCount(ctx, f.acme.ID, nil)
	must(t, err)
	if after != before+1 {
		t.Errorf("pending replies %d → %d, want exactly one more", before, after)
	}
	rows, err := f.db.Queue(ctx, f.acme.ID, store.QueueFilter{})
	must(t, err)
	if len(rows) != 1 || rows[0].Reply.Source != triage.SourceWebForm || !slices.Equal(rows[0].Reply.ItemRefs, []string{"F-2026-01187"}) ||
		!strings.Contains(rows[0].Reply.Text, "Le prix est faux.") || rows[0].Reply.AssigneeID == nil || *rows[0].Reply.AssigneeID != f.julie.ID {
		t.Errorf("stored answer: %+v", rows)
	}
	if p := customer.get(link + "/done?lang=fr"); p.status != http.StatusOK || !strings.Contains(p.body, "Merci, votre réponse a bien été envoyée") ||
		!strings.Contains(p.body, "ACME Distribution") {
		t.Errorf("done page = %d\n%s", p.status, p.body)
	}
}

func TestFormPostsAreRateLimited(t *testing.T) {
	f := newFixture(t)
	customer := f.browser()
	link := "/form/" + f.formToken(f.customer, time.Now().Add(time.Hour))
	p := customer.get(link)
	csrf := field(t, p, csrfPattern)
	var last int
	for i := range 21 {
		last = customer.post(link, url.Values{"csrf": {csrf}, "reason": {"other"}, "text": {"Bonjour"},
			"submission_id": {fmt.Sprintf("%032x", i+1)}}).status
		if i < 20 && last != http.StatusSeeOther {
			t.Fatalf("post %d = %d", i+1, last)
		}
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("21st post = %d, want 429", last)
	}
}

func TestLoginIsRateLimited(t *testing.T) {
	f := newFixture(t)
	b := f.browser()
	for i := range 10 {
		if p := b.login("julie", "wrong"); p.status != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d", i+1, p.status)
		}
	}
	if p := b.login("julie", password); p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Trop de tentatives") {
		t.Errorf("login after 10 failures = %d, want 429", p.status)
	}
}

func TestCustomerContentIsEscaped(t *testing.T) {
	f := newFixture(t)
	b := f.loggedIn()
	r := f.ingest(f.customer, `<b onmouseover=alert(1)>Objet</b>`,
		"Bonjour <script>alert(1)</script> <img src=x onerror=alert(1)>\nsuite", time.Now())
	for _, p := range []string{"/queue", path(r, "")} {
		body := b.get(p).body
		for _, raw := range []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b onmouseover"} {
			if strings.Contains(body, raw) {
				t.Errorf("%s serves %q unescaped", p, raw)
			}
		}
		for _, escaped := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b onmouseover=alert(1)&gt;"} {
			if !strings.Contains(body, escaped) {
				t.Errorf("%s lacks the escaped %q", p, escaped)
			}
		}
	}
}

// TestNeedsReview: a suggestion under the tenant's confidence threshold is
// flagged in the queue and on the reply page; above it, it is not.
func TestNeedsReview(t *testing.T) {
	f := newFixture(t)
	b := f.loggedIn()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	const badge = `<span class="badge review"`
	if p := b.get("/queue"); strings.Contains(p.body, badge) {
		t.Error("a 82 % suggestion is flagged under the default threshold")
	}
	must(t, f.db.SaveSettings(context.Background(), f.acme.ID, triage.Settings{ConfidenceThreshold: 0.9, Calendar: triage.Calendar{Country: "FR"}}))
	if p := b.get("/queue"); !strings.Contains(p.body, badge) {
		t.Error("a 82 % suggestion is not flagged under a 90 % threshold")
	}
	if p := b.get(fmt.Sprintf("/replies/%d", r.ID)); !strings.Contains(p.body, `<p class="badge review">À vérifier`) {
		t.Error("the reply page does not flag the suggestion")
	}
}

// TestRequalify changes the qualification of a handled reply from its page;
// the form comes pre-filled with the qualification in force.
func TestRequalify(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	csrf := field(t, b.get(path(r, "")), csrfPattern)
	if p := b.post(path(r, "requalify"), url.Values{"csrf": {csrf}, "status": {"other"}}); p.status != http.StatusConflict {
		t.Errorf("requalify a pending reply = %d, want 409", p.status)
	}
	p := b.post(path(r, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Commercial"}, "items": {"F-2026-01187"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d", p.status)
	}
	page := b.get(path(r, ""))
	if !strings.Contains(page.body, "Modifier la qualification") || !strings.Contains(page.body, `action="/replies/`+fmt.Sprint(r.ID)+`/requalify"`) ||
		!strings.Contains(page.body, `value="Commercial"`) {
		t.Fatalf("no pre-filled requalify form:\n%s", page.body)
	}
	p = b.post(path(r, "requalify"), url.Values{"csrf": {csrf}, "status": {"awaiting_credit_note"}, "resolver": {"Commercial"}, "items": {"F-2026-01187"}, "comment": {"Avoir promis"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("requalify = %d\n%s", p.status, p.body)
	}
	q, err := f.db.CurrentQualification(ctx, f.acme.ID, r.ID)
	if err != nil || q.Status != "awaiting_credit_note" || q.Comment != "Avoir promis" {
		t.Errorf("after requalify: %+v %v", q, err)
	}
	hist, err := f.db.QualifiedTexts(ctx, f.acme.ID)
	if err != nil || len(hist) != 1 || hist[0].Status != "awaiting_credit_note" {
		t.Errorf("history in force: %+v %v", hist, err)
	}
}

// admin adds the administrator "boss" to the first tenant and returns a
// browser logged in as them.
func (f *fixture) admin() (*browser, triage.User) {
	f.t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	must(f.t, err)
	u, err := f.db.InsertUser(context.Background(), triage.User{TenantID: f.acme.ID, Login: "boss", Name: "Boss", Role: triage.RoleAdmin}, hash)
	must(f.t, err)
	b := f.browser()
	if p := b.login("boss", password); p.status != http.StatusSeeOther {
		f.t.Fatalf("admin login = %d", p.status)
	}
	return b, u
}

// withTemplates stores the default action templates in the first tenant.
func (f *fixture) withTemplates() {
	f.t.Helper()
	for _, at := range triage.DefaultActionTemplates() {
		at.TenantID = f.acme.ID
		must(f.t, f.db.UpsertActionTemplate(context.Background(), at))
	}
}
