package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// The tests of this file enumerate the routes from the gin engine, so that
// a route added without a CSRF check, a role check or a tenant check fails
// them without anyone having to remember to list it.

// routes returns the routes the fixture's server serves.
func (f *fixture) routes() gin.RoutesInfo {
	f.t.Helper()
	e, ok := f.srv.Config.Handler.(*gin.Engine)
	if !ok {
		f.t.Fatalf("the handler is a %T, not the gin engine", f.srv.Config.Handler)
	}
	return e.Routes()
}

// fill replaces the parameters of a route path with values.
func fill(p string, values map[string]string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = values[name]
		}
	}
	return strings.Join(parts, "/")
}

// anonymousPost reports the POST routes open to visitors, which a
// double-submit cookie protects instead of a session token.
func anonymousPost(p string) bool { return p == "/login" || strings.HasPrefix(p, "/form/") }

func TestEveryPostChecksCSRF(t *testing.T) {
	f := newFixture(t)
	boss, _ := f.admin()
	julie := f.loggedIn()
	r := f.ingest(f.customer, "RE: Relance F-2026-01187", "Nous avons payé le 3 mars.", time.Now())
	// A token of another, live, session: julie's, replayed with boss's cookie.
	forged := field(t, julie.get("/queue"), csrfPattern)
	params := map[string]string{"id": strconv.FormatInt(r.ID, 10), "aid": "1",
		"token": f.formToken(f.customer, time.Now().Add(time.Hour))}
	checked := 0
	for _, rt := range f.routes() {
		if rt.Method == http.MethodGet || rt.Method == http.MethodHead || strings.HasPrefix(rt.Path, "/api/") {
			continue // the API takes a bearer token and no cookie: TestAPIRoutesNeedAToken
		}
		target := fill(rt.Path, params)
		client, token := boss, forged
		if anonymousPost(rt.Path) {
			// A visitor with a CSRF cookie of their own posts the token
			// another visitor's page carried.
			other := f.browser()
			token = field(t, other.get(target), csrfPattern)
			client = f.browser()
			client.get(target)
		}
		for name, tok := range map[string]string{"missing": "", "forged": token} {
			form := url.Values{"status": {"paid"}, "login": {"julie"}, "password": {password}, "reason": {"paid"},
				"submission_id": {"0123456789abcdef0123456789abcdef"}}
			if tok != "" {
				form.Set("csrf", tok)
			}
			if p := client.post(target, form); p.status != http.StatusForbidden {
				t.Errorf("%s %s with a %s CSRF token = %d, want 403", rt.Method, target, name, p.status)
			}
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d state-changing routes found: is the enumeration broken?", checked)
	}
	// Nothing the forged posts aimed at happened.
	if got, err := f.db.Reply(context.Background(), f.acme.ID, r.ID); err != nil || got.State != triage.StatePending {
		t.Errorf("the reply changed under forged posts: %s %v", got.State, err)
	}
	if p := boss.get("/queue"); p.status != http.StatusOK {
		t.Errorf("the forged logout logged boss out: /queue = %d", p.status)
	}
}

func TestAdminRoutesRefuseCollectors(t *testing.T) {
	f := newFixture(t)
	julie := f.loggedIn()
	csrf := field(t, julie.get("/queue"), csrfPattern)
	checked := 0
	for _, rt := range f.routes() {
		if !strings.HasPrefix(rt.Path, "/admin/") {
			continue
		}
		target := fill(rt.Path, map[string]string{"id": "1"})
		var p page
		if rt.Method == http.MethodGet {
			p = julie.get(target)
		} else {
			p = julie.post(target, url.Values{"csrf": {csrf}})
		}
		if p.status != http.StatusForbidden {
			t.Errorf("%s %s as a collector = %d, want 403", rt.Method, target, p.status)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d admin routes found", checked)
	}
	anonymous := f.browser()
	for _, rt := range f.routes() {
		if strings.HasPrefix(rt.Path, "/admin/") && rt.Method == http.MethodGet {
			if p := anonymous.get(fill(rt.Path, map[string]string{"id": "1"})); p.status != http.StatusSeeOther || p.location != "/login" {
				t.Errorf("GET %s anonymously = %d %q, want a redirect to /login", rt.Path, p.status, p.location)
			}
		}
	}
}

func TestAPIRoutesNeedAToken(t *testing.T) {
	f := newFixture(t)
	julie := f.loggedIn() // a session cookie is no API credential
	for _, rt := range f.routes() {
		if !strings.HasPrefix(rt.Path, "/api/") {
			continue
		}
		req, err := http.NewRequest(rt.Method, f.srv.URL+fill(rt.Path, map[string]string{"id": "1"}), strings.NewReader(`{"text":"x"}`))
		must(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := julie.c.Do(req)
		must(t, err)
		if p := read(t, resp); p.status != http.StatusUnauthorized {
			t.Errorf("%s %s without a token = %d, want 401", rt.Method, rt.Path, p.status)
		}
	}
}

// foreignObjects creates, in the second tenant, one object of each kind a
// route names by id, and returns the route prefix → parameters to reach it.
func (f *fixture) foreignObjects() map[string]map[string]string {
	f.t.Helper()
	t, ctx := f.t, context.Background()
	cid := f.foreign.ID
	r, err := f.svc.Ingest(ctx, triage.NewReply{TenantID: f.globex.ID, Source: triage.SourceIMAP, MessageID: "<idor@globex.example>",
		From: "AP <ap@globex.example>", Subject: "Price of G-1", Text: "The price of G-1 is wrong.", CustomerID: &cid,
		ReceivedAt: time.Now(), Attachments: []triage.Attachment{{Name: "remittance.pdf", ContentType: "application/pdf",
			Size: 9, Data: []byte("%PDF-1.4\n")}}})
	must(t, err)
	atts, err := f.db.Attachments(ctx, f.globex.ID, r.ID)
	must(t, err)
	if len(atts) != 1 {
		t.Fatalf("the other tenant's reply has %d attachments", len(atts))
	}
	aid := strconv.FormatInt(atts[0].ID, 10)
	mb, err := f.db.CreateMailbox(ctx, store.Mailbox{TenantID: f.globex.ID, Name: "ap", Host: "imap.globex.example", Port: 993,
		TLSMode: "implicit", Username: "ap", PasswordRef: "env:GLOBEX_IMAP", Folder: "INBOX", Enabled: true})
	must(t, err)
	set, err := f.db.CreateEvalSet(ctx, f.globex.ID, "globex", "test", json.RawMessage(`[]`))
	must(t, err)
	run, err := f.db.StartEvalRun(ctx, f.globex.ID, set, "rules", nil)
	must(t, err)
	for _, at := range triage.DefaultActionTemplates() {
		at.TenantID = f.globex.ID
		must(t, f.db.UpsertActionTemplate(ctx, at))
	}
	letters, err := f.db.LetterTemplates(ctx, f.globex.ID)
	must(t, err)
	letter := "0"
	if len(letters) > 0 {
		letter = strconv.FormatInt(letters[0].ID, 10)
	}
	// An action of the other tenant: marc qualifies its reply as a dispute.
	marc := f.browser()
	if p := marc.login("marc", password); p.status != http.StatusSeeOther {
		t.Fatalf("marc's login = %d", p.status)
	}
	rid := strconv.FormatInt(r.ID, 10)
	csrf := field(t, marc.get("/replies/"+rid), csrfPattern)
	if p := marc.post("/replies/"+rid+"/qualify", url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Sales"},
		"items": {"G-1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("marc's qualify = %d", p.status)
	}
	m := regexp.MustCompile(`data-action="(\d+)"`).FindStringSubmatch(marc.get("/agenda").body)
	if m == nil {
		t.Fatal("marc's agenda has no action")
	}
	return map[string]map[string]string{
		"/replies/":          {"id": rid, "aid": aid},
		"/actions/":          {"id": m[1]},
		"/customers/":        {"id": strconv.FormatInt(f.foreign.ID, 10)},
		"/admin/mailboxes/":  {"id": strconv.FormatInt(mb.ID, 10)},
		"/admin/evals/runs/": {"id": strconv.FormatInt(run, 10)},
		"/admin/letters/":    {"id": letter},
		"/api/v1/replies/":   {"id": rid},
	}
}

func TestEveryIDRouteIsolatesTenants(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	objects := f.foreignObjects()
	boss, _ := f.admin() // an administrator of the first tenant sees the most
	csrf := field(t, boss.get("/queue"), csrfPattern)
	api := f.apiToken(f.acme.ID, "erp")
	checked := 0
	for _, rt := range f.routes() {
		if !strings.Contains(rt.Path, "/:id") {
			continue
		}
		var params map[string]string
		for prefix, p := range objects {
			if strings.HasPrefix(rt.Path, prefix) {
				params = p
			}
		}
		if params == nil {
			t.Errorf("%s %s names an object the test does not create in the other tenant: add it to foreignObjects", rt.Method, rt.Path)
			continue
		}
		target := fill(rt.Path, params)
		var p page
		switch {
		case strings.HasPrefix(rt.Path, "/api/"):
			st, _ := f.apiDo(rt.Method, target, api, "application/json", "", `{"status":"paid"}`)
			p.status = st
		case rt.Method == http.MethodGet:
			p = boss.get(target)
		default:
			// The fields a handler reads before loading its object, so that
			// it is the tenant check that answers.
			p = boss.post(target, url.Values{"csrf": {csrf}, "status": {"paid"}, "baseline": {params["id"]},
				"due": {time.Now().AddDate(0, 0, 7).Format(time.DateOnly)}})
		}
		if p.status != http.StatusNotFound {
			t.Errorf("%s %s on the other tenant's object = %d, want 404", rt.Method, target, p.status)
		}
		if strings.Contains(p.body, "G-1") || strings.Contains(p.body, "globex") {
			t.Errorf("%s %s shows the other tenant's data", rt.Method, target)
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("only %d routes with an id found", checked)
	}
	r, err := f.db.Reply(ctx, f.globex.ID, mustID(t, objects["/replies/"]["id"]))
	if err != nil || r.State == triage.StateDeleted {
		t.Errorf("the other tenant's reply: %s %v", r.State, err)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	must(t, err)
	return id
}

// TestCollectorsShareTheTenantQueue documents a choice, not a hole: the
// collectors of a tenant work one queue ("Mes réponses" is a filter, not a
// permission), so that a colleague covers an absence. Another collector
// opens and qualifies a reply of julie's customer.
func TestCollectorsShareTheTenantQueue(t *testing.T) {
	f := newFixture(t)
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	must(t, err)
	_, err = f.db.InsertUser(context.Background(), triage.User{TenantID: f.acme.ID, Login: "paul", Name: "Paul", Role: triage.RoleCollector}, hash)
	must(t, err)
	paul := f.browser()
	if p := paul.login("paul", password); p.status != http.StatusSeeOther {
		t.Fatalf("paul's login = %d", p.status)
	}
	r := f.ingest(f.customer, "RE: Relance F-2026-01187", "Le prix unitaire est faux.", time.Now())
	if mine := paul.get("/queue?mine=1"); strings.Contains(mine.body, "Le prix unitaire") {
		t.Error("paul's own queue lists julie's customer")
	}
	if all := paul.get("/queue?mine=0"); !strings.Contains(all.body, "Le prix unitaire") {
		t.Error("paul's view of the whole queue lacks julie's customer")
	}
	p := paul.get(path(r, ""))
	if p.status != http.StatusOK {
		t.Fatalf("paul opens julie's customer's reply = %d", p.status)
	}
	if q := paul.post(path(r, "qualify"), url.Values{"csrf": {field(t, p, csrfPattern)}, "status": {"price_dispute"},
		"resolver": {"Commercial"}, "items": {"F-2026-01187"}}); q.status != http.StatusSeeOther {
		t.Errorf("paul qualifies it = %d", q.status)
	}
}
