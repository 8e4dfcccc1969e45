package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestDomainRefusalsInTheUsersLanguage posts forms the domain refuses, as a
// collector and as an administrator reading French then English: each page
// says why in the user's language, and shows neither the other language's
// sentence nor the domain's English message in a French frame.
func TestDomainRefusalsInTheUsersLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.withTemplates()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	collector := f.loggedIn()
	// A qualified dispute proposes its internal email: the form the refusals show in.
	if p := collector.post(path(r, "qualify"), url.Values{"csrf": {field(t, collector.get(path(r, "")), csrfPattern)},
		"status": {"price_dispute"}, "resolver": {"Commercial"}, "items": {"F-2026-01187"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d", p.status)
	}
	admin, boss := f.admin()
	email := func(to, subject, body string) func(csrf string) (string, url.Values) {
		return func(csrf string) (string, url.Values) {
			return path(r, "email"), url.Values{"csrf": {csrf}, "op": {"send"}, "to": {to}, "subject": {subject}, "body": {body}}
		}
	}
	for _, tc := range []struct {
		name   string
		admin  bool
		page   string
		post   func(csrf string) (string, url.Values)
		fr, en string
	}{
		{"recipient", false, path(r, ""), email("compta@boulangerie", "Relevé de compte", "Bonjour,\nVeuillez trouver le relevé."),
			"« compta@boulangerie » n'est pas une adresse email. Écrivez des adresses email valides",
			"“compta@boulangerie” is not an email address. Write valid email addresses"},
		{"no recipient", false, path(r, ""), email(" ; ", "Relevé de compte", "Bonjour,\nVeuillez trouver le relevé."),
			"Indiquez au moins un destinataire.", "Give at least one recipient."},
		{"hashtag in an email", false, path(r, ""), email("compta@boulangerie-martin.fr", "Relevé", "Solde dû : #montant_du"),
			"Balise(s) inconnue(s) : #montant_du ; balises connues : #customer_name",
			"Unknown hashtag(s): #montant_du; known hashtags: #customer_name"},
		{"hashtag in a template", true, "/admin/catalog", func(csrf string) (string, url.Values) {
			return "/admin/catalog", url.Values{"csrf": {csrf}, "op": {"template"}, "code": {"merci_paiement"}, "name": {"Remerciement"},
				"kind": {"email"}, "subject": {"Merci #customer_name"}, "body": {"Merci pour le règlement de #totl_due."}}
		}, "Balise(s) inconnue(s) : #totl_due ; balises connues :", "Unknown hashtag(s): #totl_due; known hashtags:"},
		{"mailbox password", true, "/admin/mailboxes", func(csrf string) (string, url.Values) {
			return "/admin/mailboxes", url.Values{"csrf": {csrf}, "name": {"relances"}, "host": {"imap.acme.test"}, "tls": {"implicit"},
				"user": {"relances@acme.test"}, "password_ref": {"Motdepasse2026!"}, "folder": {"INBOX"}}
		}, "jamais le mot de passe lui-même", "never the password itself"},
		{"mailbox host", true, "/admin/mailboxes", func(csrf string) (string, url.Values) {
			return "/admin/mailboxes", url.Values{"csrf": {csrf}, "name": {"relances"}, "host": {"imap.acme.test/inbox"}, "tls": {"implicit"},
				"user": {"relances@acme.test"}, "password_ref": {"env:ACME_IMAP_PASSWORD"}, "folder": {"INBOX"}}
		}, "« imap.acme.test/inbox » n'est ni un nom de serveur ni une adresse IP.", "“imap.acme.test/inbox” is not a host name or an IP address."},
		{"cue phrase", true, "/admin/cues", func(csrf string) (string, url.Values) {
			return "/admin/cues", url.Values{"csrf": {csrf}, "op": {"add"}, "lang": {"fr"}, "cue": {"paid"}, "pattern": {"déjà réglé {montant}"}}
		}, "Emplacement inconnu {montant} à la colonne 12 : écrivez {date}, {amount} ou {num}.",
			"Unknown slot {montant} at column 12: write {date}, {amount} or {num}."},
		{"prompt template", true, "/admin/prompts", func(csrf string) (string, url.Values) {
			return "/admin/prompts", url.Values{"csrf": {csrf}, "op": {"create"}, "name": {"v2-exemples"},
				"system": {"Tu aides un chargé de recouvrement de {{.Tenant}."}, "user": {"{{.Text}}"}}
		}, "Le modèle système est refusé : template: system:1:", "The system template is refused: template: system:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, user := collector, f.julie
			if tc.admin {
				b, user = admin, boss
			}
			for _, lang := range triage.Langs {
				must(t, f.db.SetUserLang(ctx, f.acme.ID, user.ID, lang))
				target, form := tc.post(field(t, b.get(tc.page), csrfPattern))
				p := b.post(target, form)
				body := html.UnescapeString(p.body)
				want, other, frame := tc.fr, tc.en, "Value refused"
				if lang == triage.LangEN {
					want, other, frame = tc.en, tc.fr, "Valeur refusée"
				}
				if p.status != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
					t.Errorf("%s: %d, the page does not say %q", lang, p.status, want)
				}
				for _, bad := range []string{other, frame, "is not an email address", "unknown hashtag(s)", "give at least one recipient",
					"password reference:", "is not a host name", "bad pattern", "prompts: "} {
					if lang == triage.LangEN && strings.Contains(want, bad) {
						continue
					}
					if strings.Contains(body, bad) {
						t.Errorf("%s: the page shows %q", lang, bad)
					}
				}
			}
		})
	}
}
