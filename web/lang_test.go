package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// frenchChrome are texts of the staff pages' French chrome: none may show
// on an English user's page. (Statuses and templates are the tenant's own
// data and stay as the tenant wrote them.)
var frenchChrome = []string{
	"Réponses &amp; commentaires", "Se déconnecter", "Rechercher", "Mes réponses", "Toutes les réponses",
	"Supprimer", "Enregistrer", "Client inconnu", "Qualifier la réponse", "Valider sans qualification",
	"Mes actions", "En retard", "Aujourd&#39;hui", "Indicateurs", "Utilisateurs et accès", "Affectation",
	"Chargé de recouvrement", "Pièces", "échéance", "Raccourcis clavier", "Réglages", "Jours fériés",
	"Statuts et modèles", "Famille", "Libellé", "Taux de qualification", "Âge de la file",
}

func TestEnglishUserGetsEnglishPages(t *testing.T) {
	f := newFixture(t)
	f.withTemplates()
	ctx := context.Background()
	r := f.ingest(f.customer, "Relance F-2026-01187", "Bonjour, le virement de 1 245,60 € part vendredi.", time.Now())
	b, boss := f.admin()
	must(t, f.db.SetUserLang(ctx, f.acme.ID, boss.ID, triage.LangEN))

	for _, tc := range []struct {
		path    string
		english []string
	}{
		{"/queue", []string{`<html lang="en">`, "Replies &amp; comments", "Log out", "My replies", "All replies", "Accept the suggestions",
			"Keyboard shortcuts:", "Validate", "Delete", "Relance F-2026-01187"}},
		{fmt.Sprintf("/replies/%d", r.ID), []string{"Qualify the reply", "Items concerned", "€1,245.60", "due", "Dispute resolver",
			"Next reminder", "Let the dunning scenario run", "Payment", "Dispute"}},
		{"/agenda", []string{"My actions", "All actions", "Overdue", "Today", "Upcoming"}},
		{"/customers", []string{"Customer codes", "Paste a spreadsheet column", "Boulangerie Martin SARL", "€2,112.95"}},
		{"/reports", []string{"Qualification rate of overdue items", "Age of the queue", "Suggestions accepted per week", "Export as CSV"}},
		{"/admin/users", []string{"Users and access", "Add a user", "Initial password", "Collector", "Administrator", "API tokens"}},
		{"/admin/catalog", []string{"Statuses and action templates", "New status", "Save the template"}},
		{"/admin/settings", []string{"Suggestion confidence threshold (%)", "Public holidays", "Closing days"}},
		{"/admin/assignment", []string{"Customer assignment", "Add a rule", "Default collector"}},
		{"/admin/mailboxes", []string{"Add a mailbox", "IMAP server", "Mark messages as read"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p := b.get(tc.path)
			if p.status != http.StatusOK {
				t.Fatalf("GET %s = %d", tc.path, p.status)
			}
			for _, s := range tc.english {
				if !strings.Contains(p.body, s) {
					t.Errorf("%s does not show %q", tc.path, s)
				}
			}
			for _, s := range frenchChrome {
				if strings.Contains(p.body, s) {
					t.Errorf("%s still shows the French %q", tc.path, s)
				}
			}
		})
	}

	if p := b.get("/replies/999999"); p.status != http.StatusNotFound || !strings.Contains(p.body, "Page not found") ||
		!strings.Contains(p.body, "Back to the replies") {
		t.Errorf("an English user's error page = %d:\n%s", p.status, p.body)
	}
	if p := b.get("/reports/acceptance.csv"); !strings.HasPrefix(p.body, "week,suggested_status,strategy,accepted,edited,rejected") {
		t.Errorf("an English user's CSV starts %.60q", p.body)
	}

	csrf := field(t, b.get("/queue"), csrfPattern)
	if p := b.post(path(r, "validate"), url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
		t.Fatalf("validate = %d", p.status)
	}
	if p := b.get("/queue"); !strings.Contains(p.body, "Reply validated without qualification.") || !strings.Contains(p.body, "No pending reply.") {
		t.Errorf("the English flash or empty queue is missing:\n%s", p.body)
	}

	// Julie, a French collector, keeps her French pages meanwhile.
	q := f.loggedIn().get("/queue")
	for _, s := range []string{`<html lang="fr">`, "Réponses &amp; commentaires", "Se déconnecter"} {
		if !strings.Contains(q.body, s) {
			t.Errorf("the French queue does not show %q", s)
		}
	}
}

func TestSwitchLanguageFromTheUserMenu(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	q := b.get("/queue?mine=0")
	csrf := field(t, q, csrfPattern)
	if !strings.Contains(q.body, `action="/me/lang"`) || !strings.Contains(q.body, `name="return" value="/queue?mine=0"`) {
		t.Fatalf("no language switch coming back to the page in the user menu:\n%s", q.body)
	}

	if p := b.post("/me/lang", url.Values{"lang": {"en"}, "return": {"/agenda"}}); p.status != http.StatusForbidden {
		t.Errorf("switch without CSRF = %d", p.status)
	}
	if p := b.post("/me/lang", url.Values{"csrf": {flip(csrf)}, "lang": {"en"}}); p.status != http.StatusForbidden {
		t.Errorf("switch with a wrong CSRF token = %d", p.status)
	}
	if u, err := f.db.UserByLoginInTenant(ctx, f.acme.ID, "julie"); err != nil || u.Lang != "fr" {
		t.Fatalf("refused switches changed the language: %q, %v", u.Lang, err)
	}
	if p := b.post("/me/lang", url.Values{"csrf": {csrf}, "lang": {"de"}}); p.status != http.StatusBadRequest {
		t.Errorf("switch to German = %d", p.status)
	}

	p := b.post("/me/lang", url.Values{"csrf": {csrf}, "lang": {"en"}, "return": {"/queue?mine=0"}})
	if p.status != http.StatusSeeOther || p.location != "/queue?mine=0" {
		t.Fatalf("switch to English = %d → %q", p.status, p.location)
	}
	if q := b.get("/queue?mine=0"); !strings.Contains(q.body, "Replies &amp; comments") || strings.Contains(q.body, "Se déconnecter") {
		t.Errorf("the queue is not in English after the switch:\n%s", q.body)
	}
	// The choice is the user's, not the session's: it survives a new login.
	if q := f.loggedIn().get("/agenda"); !strings.Contains(q.body, `<html lang="en">`) || !strings.Contains(q.body, "My actions") {
		t.Error("a new session of julie is not in English")
	}

	for _, back := range []string{"//evil.example/queue", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "queue", ""} {
		p := b.post("/me/lang", url.Values{"csrf": {csrf}, "lang": {"fr"}, "return": {back}})
		if p.status != http.StatusSeeOther || p.location != "/queue" {
			t.Errorf("return %q → %d %q, want /queue", back, p.status, p.location)
		}
	}
	if q := b.get("/queue"); !strings.Contains(q.body, "Réponses &amp; commentaires") {
		t.Error("the queue is not back in French")
	}
}

func TestLoginPageFollowsAcceptLanguage(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ header, lang, title string }{
		{"", "fr", "<h1>Connexion</h1>"},
		{"en-GB,en;q=0.9", "en", "<h1>Log in</h1>"},
		{"fr-CA,fr;q=0.9,en;q=0.5", "fr", "<h1>Connexion</h1>"},
		{"de-DE,de;q=0.9", "fr", "<h1>Connexion</h1>"},
		{"not a header;;q=", "fr", "<h1>Connexion</h1>"},
	} {
		req, err := http.NewRequest(http.MethodGet, f.srv.URL+"/login", nil)
		must(t, err)
		if tc.header != "" {
			req.Header.Set("Accept-Language", tc.header)
		}
		resp, err := f.srv.Client().Do(req)
		must(t, err)
		p := read(t, resp)
		if !strings.Contains(p.body, `<html lang="`+tc.lang+`">`) || !strings.Contains(p.body, tc.title) {
			t.Errorf("Accept-Language %q: want %s and %s", tc.header, tc.lang, tc.title)
		}
	}
	b := f.browser()
	lp := b.get("/login")
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/login", strings.NewReader(url.Values{
		"csrf": {field(t, lp, csrfPattern)}, "login": {"julie"}, "password": {"wrong password"}}.Encode()))
	must(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", "en-US")
	resp, err := b.c.Do(req)
	must(t, err)
	if p := read(t, resp); !strings.Contains(p.body, "Incorrect login or password") {
		t.Errorf("failed English login:\n%s", p.body)
	}
}

func TestAdminSetsUsersLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b, _ := f.admin()
	csrf := field(t, b.get("/admin/users"), csrfPattern)
	post := func(v url.Values) page {
		v.Set("csrf", csrf)
		return b.post("/admin/users", v)
	}
	if p := post(url.Values{"op": {"add"}, "login": {"emma"}, "name": {"Emma Clarke"}, "role": {"collector"}, "lang": {"en"},
		"password": {"a long enough password"}}); p.status != http.StatusSeeOther {
		t.Fatalf("add an English user = %d", p.status)
	}
	emma, err := f.db.UserByLoginInTenant(ctx, f.acme.ID, "emma")
	must(t, err)
	if emma.Lang != "en" {
		t.Errorf("emma's language = %q", emma.Lang)
	}
	if p := post(url.Values{"op": {"add"}, "login": {"hans"}, "name": {"Hans"}, "role": {"collector"}, "lang": {"de"},
		"password": {"a long enough password"}}); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Choisissez le français ou l&#39;anglais.") {
		t.Errorf("add a German user = %d", p.status)
	}
	if p := post(url.Values{"op": {"update"}, "id": {fmt.Sprint(f.julie.ID)}, "role": {"collector"}, "lang": {"en"}}); p.status != http.StatusSeeOther {
		t.Fatalf("switch julie to English = %d", p.status)
	}
	// A form without the language keeps the user's.
	if p := post(url.Values{"op": {"update"}, "id": {fmt.Sprint(f.julie.ID)}, "role": {"collector"}}); p.status != http.StatusSeeOther {
		t.Fatalf("update julie = %d", p.status)
	}
	if j, err := f.db.UserByLoginInTenant(ctx, f.acme.ID, "julie"); err != nil || j.Lang != "en" {
		t.Errorf("julie's language = %q, %v", j.Lang, err)
	}
	page := b.get("/admin/users")
	if !strings.Contains(page.body, `<select name="lang" form="user-`+fmt.Sprint(f.julie.ID)+`"`) ||
		!strings.Contains(page.body, `<option value="en" lang="en" selected>English</option>`) {
		t.Errorf("the users page does not show julie's language:\n%s", page.body)
	}
}
