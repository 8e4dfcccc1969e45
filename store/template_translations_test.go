package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestTemplateTranslationsRoundTrip: the translations of an action template
// and of a letter template are stored with them, read back by every query
// that reads a template, replaced on update, and a template without any
// reads back none.
func TestTemplateTranslationsRoundTrip(t *testing.T) {
	f := newLetterFixture(t, "tr-roundtrip")
	ctx := context.Background()
	copyEmail := triage.ActionTemplate{TenantID: f.tenant.ID, Code: "send_copy", Kind: "email", Name: "Envoyer une copie de facture",
		Subject: "Copie de vos factures", Body: "Bonjour,\n\nVeuillez trouver ci-joint #items_list_selected.\n\nCordialement,\n#collector_name",
		Translations: triage.Translations{triage.LangEN: {Subject: "Copy of your invoices",
			Body: "Hello,\n\nPlease find attached #items_list_selected.\n\nKind regards,\n#collector_name"}}}
	call := triage.ActionTemplate{TenantID: f.tenant.ID, Code: "call_customer", Kind: "call", Name: "Appeler le client",
		Body: "Appeler #customer_name au sujet de #items_list_selected"}
	for _, x := range []triage.ActionTemplate{copyEmail, call} {
		if err := f.db.UpsertActionTemplate(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	byCode := func() map[string]triage.ActionTemplate {
		t.Helper()
		ts, err := f.db.ActionTemplates(ctx, f.tenant.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]triage.ActionTemplate{}
		for _, x := range ts {
			m[x.Code] = x
		}
		return m
	}
	got := byCode()
	if tr := got["send_copy"].Translations[triage.LangEN]; tr != copyEmail.Translations[triage.LangEN] || len(got["send_copy"].Translations) != 1 {
		t.Errorf("send_copy translations = %+v", got["send_copy"].Translations)
	}
	if len(got["call_customer"].Translations) != 0 {
		t.Errorf("call_customer has translations %+v", got["call_customer"].Translations)
	}
	if len(got["letter_reminder"].Translations) != 0 {
		t.Errorf("a letter saved without translations reads %+v", got["letter_reminder"].Translations)
	}

	// An update replaces the translations, removing one included.
	copyEmail.Translations = nil
	if err := f.db.UpsertActionTemplate(ctx, copyEmail); err != nil {
		t.Fatal(err)
	}
	if tr := byCode()["send_copy"].Translations; len(tr) != 0 {
		t.Errorf("translations after removing them = %+v", tr)
	}

	// Letter templates: created and updated with their translations, read
	// by LetterTemplate, LetterTemplates and LetterAction.
	var lt triage.LetterTemplate
	for _, x := range triage.TranslatedLetterTemplates() {
		if x.Code == "letter_formal_notice" {
			lt = x
		}
	}
	lt.TenantID, lt.Code = f.tenant.ID, "letter_formal_notice_en"
	id, err := f.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.tenant.ID, Action: "save", Entity: "action_template"})
	if err != nil {
		t.Fatal(err)
	}
	read, err := f.db.LetterTemplate(ctx, f.tenant.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if en := read.Translations[triage.LangEN]; en.Subject != "Formal notice to pay" || en.Body != lt.Translations[triage.LangEN].Body {
		t.Errorf("letter translation read back %+v", en)
	}
	lt.ID = id
	lt.Translations = triage.Translations{triage.LangEN: {Subject: "Final notice before legal action", Body: "Dear Sir or Madam,\n\nPlease pay #total_due.\n\n#collector_name"}}
	if _, err := f.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.tenant.ID, Action: "save", Entity: "action_template"}); err != nil {
		t.Fatal(err)
	}
	all, err := f.db.LetterTemplates(ctx, f.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range all {
		if x.ID == id {
			found = x.Translations[triage.LangEN].Subject == "Final notice before legal action"
		}
	}
	if !found {
		t.Error("LetterTemplates does not read the updated translation")
	}
	act := f.plan(t, lt.Code, triage.Day(time.Now()))
	x, err := f.db.LetterAction(ctx, f.tenant.ID, act)
	if err != nil {
		t.Fatal(err)
	}
	if x.Template.Translations[triage.LangEN].Subject != "Final notice before legal action" {
		t.Errorf("LetterAction template translations = %+v", x.Template.Translations)
	}
}
