package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func testPages(t *testing.T) *pages {
	t.Helper()
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	p, err := parsePages(a)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEveryTemplateIsAPage(t *testing.T) {
	p := testPages(t)
	names, _ := fs.Glob(templateFS, "templates/*.html")
	if len(p.byName) != len(names)-len(baseTemplates) {
		t.Errorf("%d pages for %d template files", len(p.byName), len(names))
	}
	for _, want := range []string{"login", "queue", "reply", "form", "form_done", "error"} {
		if p.byName[want] == nil {
			t.Errorf("page %s is missing", want)
		}
	}
}

// TestPagesRenderZeroData renders every page with empty data, as a staff
// page and as a public one: no template may depend on a field being set.
func TestPagesRenderZeroData(t *testing.T) {
	p := testPages(t)
	zero := map[string]any{
		"login": loginPage{}, "queue": queuePage{}, "reply": &replyPage{}, "form": formPage{},
		"form_done": formDonePage{}, "error": problem{}, "settings": settingsPage{}, "agenda": agendaPage{}, "mailboxes": mailboxesPage{}, "customers": customersPage{}, "assignment": assignmentPage{}, "reports": reportsPage{}, "smtp": smtpPage{}, "users": usersPage{}, "catalog": catalogPage{}, "prompts": promptsPage{}, "evals": evalsPage{}, "eval_run": evalRunPage{}, "jobs": jobsPage{}, "cues": cuesPage{},
		"letters": lettersPage{}, "letter_customer": customerLettersPage{},
	}
	for name := range p.byName {
		data, ok := zero[name]
		if !ok {
			t.Errorf("no zero data for page %s: add it here", name)
			continue
		}
		for _, v := range []view{
			{Lang: "fr", Page: data},
			{Lang: "fr", User: &triage.User{Name: "Julie"}, CSRF: "tok", Flash: &flash{Text: "Réponse validée."}, Page: data},
			{Lang: "en", Tenant: "ACME", Page: data},
		} {
			b, err := p.execute(name, v)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			html := string(b)
			if !strings.HasPrefix(html, "<!doctype html>") || !strings.Contains(html, `<html lang="`+v.Lang+`">`) {
				t.Errorf("%s: no doctype or lang attribute", name)
			}
			if v.User != nil && (!strings.Contains(html, `action="/logout"`) || !strings.Contains(html, "Julie") ||
				!strings.Contains(html, "Réponse validée.")) {
				t.Errorf("%s: the staff header or flash is missing", name)
			}
		}
	}
}

func TestReplyPageRendersEverything(t *testing.T) {
	p := testPages(t)
	due := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	rp := &replyPage{
		Reply:    triage.Reply{ID: 7, Subject: "Facture F-1", From: "Compta <compta@example.com>", Source: triage.SourceIMAP, State: triage.StatePending},
		Body:     "Le prix\nest faux",
		FullText: "Le prix\nest faux\n> citation",
		Customer: &triage.Customer{Name: "Boulangerie Martin", Code: "C10042", Balance: 2112.95},
		Currency: "EUR",
		Pending:  true,
		Suggestion: &suggestionView{Label: "Litige prix", Confidence: 0.82, Comment: "Conteste le prix", Items: []string{"F-1"},
			FollowUp: due, Strategy: "knn", Neighbours: []neighbourView{{Label: "Litige prix", Similarity: 0.91, Comment: "Remise oubliée"}}},
		Form: qualifyForm{
			qualifyValues: qualifyValues{Status: "price_dispute", SuggestionID: "12", FollowUp: "2026-03-13"},
			Groups:        statusGroups("fr", triage.DefaultCatalog(), "price_dispute"),
			Items:         itemChoices([]triage.Item{{Number: "F-1", Due: due, OpenAmount: 1245.6, Currency: "EUR"}, {Number: "F-2", Due: due, OpenAmount: 1, Currency: "EUR"}}, []string{"F-1"}),
		},
		Errors: map[string]string{"resolver": "Un litige doit être confié à un chargé de résolution."},
	}
	b, err := p.execute("reply", view{Lang: "fr", User: &triage.User{Name: "Julie"}, CSRF: "tok", Page: rp})
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{
		"Suggestion : Litige prix — 82\u00a0%",
		`<option value="price_dispute" selected>Litige prix</option>`,
		`<optgroup label="Litige">`,
		`value="F-1" checked>`,
		`value="F-2">`,
		"1\u00a0245,60\u00a0€",
		"échéance 13/03/2026",
		`name="suggestion_id" value="12"`,
		`name="follow_up" value="2026-03-13"`,
		`id="resolver-error"`,
		`aria-invalid="true"`,
		"Remise oubliée",
		`formaction="/replies/7/validate"`,
		`formaction="/replies/7/delete"`,
		"Compta &lt;compta@example.com&gt;",
		"2\u00a0112,95\u00a0€",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("reply page lacks %q", want)
		}
	}
}

// TestNoInlineScriptOrStyle keeps the templates within the CSP: no inline
// scripts, event handlers or style attributes.
func TestNoInlineScriptOrStyle(t *testing.T) {
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, n := range names {
		b, _ := fs.ReadFile(templateFS, n)
		s := strings.ToLower(string(b))
		for _, bad := range []string{"<script>", "style=", " onclick", " onsubmit", " onload", "<style", "javascript:"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", n, bad)
			}
		}
		if strings.Contains(s, "safehtml") {
			t.Errorf("%s bypasses escaping", n)
		}
	}
}

// TestNoTrustedHTML keeps customer content escaped: no Go code of the
// package marks a string as safe HTML.
func TestNoTrustedHTML(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"template.HTML", "template.JS", "template.URL", "template.HTMLAttr"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s uses %s", f, bad)
			}
		}
	}
}
