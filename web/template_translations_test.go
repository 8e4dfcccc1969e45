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

// withEnglishCustomer adds an English-speaking customer of julie's to the
// first tenant, with two open invoices.
func (f *fixture) withEnglishCustomer() triage.Customer {
	f.t.Helper()
	ctx := context.Background()
	id, err := f.db.InsertCustomer(ctx, triage.Customer{TenantID: f.acme.ID, Code: "C20018", Name: "Brennan Logistics Ltd",
		Emails: []string{"ap@brennanlogistics.ie"}, Lang: triage.LangEN, CollectorID: &f.julie.ID, Address: "4 Dock Road\nDublin 1"})
	must(f.t, err)
	for _, it := range []triage.Item{{Number: "F-2026-09312", OpenAmount: 8914}, {Number: "F-2026-10319", OpenAmount: 4602.35}} {
		it.TenantID, it.CustomerID, it.Kind, it.Currency = f.acme.ID, id, triage.ItemInvoice, "EUR"
		it.Due = triage.Day(time.Now()).AddDate(0, 0, -21)
		it.Issued, it.Amount = it.Due.AddDate(0, 0, -30), it.OpenAmount
		must(f.t, f.db.InsertItem(ctx, it))
	}
	c, err := f.db.Customer(ctx, f.acme.ID, id)
	must(f.t, err)
	return c
}

// TestCatalogTemplateTranslation: an admin writes the English translation
// of an email template; an unknown hashtag in it is refused naming the
// language, the preview in English is in English, and it is saved.
func TestCatalogTemplateTranslation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b, _ := f.admin()
	csrf := field(t, b.get("/admin/catalog"), csrfPattern)
	form := url.Values{"csrf": {csrf}, "op": {"template"}, "code": {"thanks_paid"}, "name": {"Remerciement"}, "kind": {"email"},
		"subject": {"Merci #customer_name"}, "body": {"Bonjour,\nMerci pour le règlement de #items_list_selected (#total_due).\n#collector_name"},
		"tr_subject_en": {"Thank you #customer_name"}, "tr_body_en": {"Hello,\nThank you for paying #items_list_selected (#totl_due).\n#collector_name"},
		"customer": {"C10042"}}
	p := b.post("/admin/catalog", form)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Traduction en anglais") || !strings.Contains(p.body, "#totl_due") {
		t.Fatalf("an unknown hashtag in the English text = %d, want a refusal naming English:\n%s", p.status, p.body)
	}
	if !strings.Contains(p.body, "Thank you for paying #items_list_selected (#totl_due).") {
		t.Error("the refused translation is not given back to fix")
	}
	form.Set("tr_body_en", "Hello,\nThank you for paying #items_list_selected (#total_due).\n#collector_name")
	form.Set("op", "preview:en")
	p = b.post("/admin/catalog", form)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Thank you Boulangerie Martin SARL") ||
		!strings.Contains(p.body, "F-2026-01187, F-2026-01302 (€2,112.95)") || !strings.Contains(p.body, "Aperçu en anglais") {
		t.Errorf("preview in English = %d:\n%s", p.status, p.body)
	}
	form.Set("op", "preview")
	if p = b.post("/admin/catalog", form); !strings.Contains(p.body, "Merci Boulangerie Martin SARL") || !strings.Contains(p.body, "2\u00a0112,95\u00a0€") {
		t.Errorf("preview for a French customer is not French:\n%s", p.body)
	}
	form.Set("op", "template")
	if p = b.post("/admin/catalog", form); p.status != http.StatusSeeOther {
		t.Fatalf("save = %d:\n%s", p.status, p.body)
	}
	ts, err := f.db.ActionTemplates(ctx, f.acme.ID)
	must(t, err)
	if len(ts) != 1 || ts[0].Translations[triage.LangEN] != (triage.TemplateText{Subject: "Thank you #customer_name",
		Body: "Hello,\nThank you for paying #items_list_selected (#total_due).\n#collector_name"}) {
		t.Fatalf("saved %+v", ts)
	}
	edit := b.post("/admin/catalog", url.Values{"csrf": {csrf}, "op": {"edit"}, "code": {"thanks_paid"}})
	if !strings.Contains(edit.body, `name="tr_subject_en" lang="en" value="Thank you #customer_name"`) {
		t.Errorf("the editor does not show the English translation:\n%s", edit.body)
	}
	// Emptying the translation removes it.
	form.Set("tr_subject_en", "")
	form.Set("tr_body_en", " ")
	if p = b.post("/admin/catalog", form); p.status != http.StatusSeeOther {
		t.Fatalf("save without translation = %d", p.status)
	}
	if ts, _ = f.db.ActionTemplates(ctx, f.acme.ID); len(ts[0].Translations) != 0 {
		t.Errorf("translations left: %+v", ts[0].Translations)
	}
}

// TestEmailsInTheCustomersLanguage: the automatic email of a status goes to
// an English customer in English and to a French one in French; the email
// proposed on a reply's page is in its customer's language.
func TestEmailsInTheCustomersLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, at := range triage.TranslatedActionTemplates() {
		at.TenantID = f.acme.ID
		must(t, f.db.UpsertActionTemplate(ctx, at))
	}
	must(t, f.db.UpsertActionTemplate(ctx, triage.ActionTemplate{TenantID: f.acme.ID, Code: "thanks_paid", Kind: "email", Name: "Remerciement",
		Subject: "Merci #customer_name", Body: "Bonjour,\nNous avons bien noté votre règlement de #items_list_selected le #today.\n#collector_name",
		Translations: triage.Translations{triage.LangEN: {Subject: "Thank you #customer_name",
			Body: "Hello,\nWe have noted your payment of #items_list_selected on #today.\n#collector_name"}}}))
	cat, err := f.db.Catalog(ctx, f.acme.ID)
	must(t, err)
	for i, st := range cat {
		if st.Code == "already_paid" {
			st.ActionTemplate, st.Mode = "thanks_paid", triage.ModeAutomatic
			must(t, f.db.UpsertStatus(ctx, st, i))
		}
	}
	english := f.withEnglishCustomer()
	b := f.loggedIn()
	tests := []struct {
		customer      triage.Customer
		item          string
		subject, body string
	}{
		{english, "F-2026-09312", "Thank you Brennan Logistics Ltd", "We have noted your payment of F-2026-09312 on " + triage.FormatDate(triage.LangEN, time.Now())},
		{f.customer, "F-2026-01187", "Merci Boulangerie Martin SARL", "Nous avons bien noté votre règlement de F-2026-01187"},
	}
	for _, tt := range tests {
		t.Run(tt.customer.Name, func(t *testing.T) {
			r := f.ingest(tt.customer, "Paid", "Invoice "+tt.item+" was paid yesterday.", time.Now())
			csrf := field(t, b.get(path(r, "")), csrfPattern)
			if p := b.post(path(r, "qualify"), url.Values{"csrf": {csrf}, "status": {"already_paid"}, "items": {tt.item}}); p.status != http.StatusSeeOther {
				t.Fatalf("qualify = %d", p.status)
			}
			sent, err := f.db.EmailsOfReply(ctx, f.acme.ID, r.ID)
			must(t, err)
			if len(sent) != 1 || sent[0].Subject != tt.subject || !strings.Contains(sent[0].Body, tt.body) {
				t.Fatalf("automatic email %+v, want %q with %q", sent, tt.subject, tt.body)
			}
		})
	}
	copyReq := f.ingest(english, "Invoice copy", "Could you send me a copy of invoice F-2026-10319?", time.Now())
	csrf := field(t, b.get(path(copyReq, "")), csrfPattern)
	if p := b.post(path(copyReq, "qualify"), url.Values{"csrf": {csrf}, "status": {"invoice_copy"}, "items": {"F-2026-10319"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify invoice_copy = %d", p.status)
	}
	if page := b.get(path(copyReq, "")); !strings.Contains(page.body, "Copy of your invoices") || strings.Contains(page.body, "Copie de vos factures") {
		t.Errorf("the email proposed to an English customer is not in English:\n%s", page.body)
	}
}

// TestLetterTemplateTranslation: an admin writes the English translation of
// a letter; the preview in English is made on an English customer, an
// unknown hashtag in it is refused naming the language.
func TestLetterTemplateTranslation(t *testing.T) {
	f := newFixture(t)
	ts := f.withLetters()
	english := f.withEnglishCustomer()
	boss, _ := f.admin()
	reminder := ts["letter_reminder"]
	p := boss.get(fmt.Sprintf("/admin/letters?edit=%d", reminder.ID))
	csrf := field(t, p, csrfPattern)
	if !strings.Contains(p.body, `id="letter-tr-en"`) || !strings.Contains(p.body, "Traduction en anglais") {
		t.Fatalf("the editor has no English fieldset:\n%s", p.body)
	}
	form := url.Values{"csrf": {csrf}, "id": {fmt.Sprint(reminder.ID)}, "name": {reminder.Name}, "letter_kind": {"simple"}, "mode": {"manual"},
		"subject": {reminder.Subject}, "body": {reminder.Body}, "customer": {fmt.Sprint(f.customer.ID)},
		"tr_subject_en": {"Reminder: account #customer_code"},
		"tr_body_en":    {"Dear Sir or Madam,\n\nThe following items remain unpaid: #items_list_selected, #amount_due in all.\n\n#collector_name"}}
	if p := boss.post("/admin/letters", form); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "Traduction en anglais") || !strings.Contains(p.body, "#amount_due") {
		t.Fatalf("an unknown hashtag in the English letter = %d:\n%s", p.status, p.body)
	}
	form.Set("tr_body_en", "Dear Sir or Madam,\n\nThe following items remain unpaid: #items_list_selected, #total_due in all.\n\n#collector_name")
	form.Set("preview", triage.LangEN)
	p = boss.post("/admin/letters", form)
	if p.status != http.StatusOK || !strings.Contains(p.body, "Reminder: account C20018") || !strings.Contains(p.body, "Brennan Logistics Ltd") ||
		!strings.Contains(p.body, "€13,516.35 in all") || !strings.Contains(p.body, "Aperçu en anglais, pour Brennan Logistics Ltd") {
		t.Fatalf("preview in English = %d:\n%s", p.status, p.body)
	}
	if !strings.Contains(p.body, fmt.Sprintf(`<option value="%d" selected>`, english.ID)) {
		t.Error("the customer picker does not show the English customer of the preview")
	}
	form.Del("preview")
	if p := boss.post("/admin/letters", form); p.status != http.StatusSeeOther {
		t.Fatalf("save = %d:\n%s", p.status, p.body)
	}
	saved, err := f.db.LetterTemplate(context.Background(), f.acme.ID, reminder.ID)
	must(t, err)
	if saved.Translations[triage.LangEN].Subject != "Reminder: account #customer_code" || saved.Subject != reminder.Subject {
		t.Errorf("saved %+v", saved)
	}
	// The French customer's preview stays French.
	p = boss.get(fmt.Sprintf("/admin/letters?edit=%d&customer=%d", reminder.ID, f.customer.ID))
	if !strings.Contains(p.body, "Relance : factures impayées") || !strings.Contains(p.body, "Aperçu en français, pour Boulangerie Martin SARL") {
		t.Errorf("French preview:\n%s", p.body)
	}
}
