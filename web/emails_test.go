package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// TestConfirmationEmail: once a dispute is qualified, its internal email is
// proposed on the reply's page; the preview fills the #hashtags; sending
// puts it in the outbox, listed on the page.
func TestConfirmationEmail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, at := range triage.DefaultActionTemplates() {
		at.TenantID = f.acme.ID
		at.Recipients = "commercial@acme.test"
		must(t, f.db.UpsertActionTemplate(ctx, at))
	}
	b := f.loggedIn()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	csrf := field(t, b.get(path(r, "")), csrfPattern)
	if p := b.post(path(r, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Commercial"},
		"items": {"F-2026-01187"}, "comment": {"Remise de 5 % oubliée"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d", p.status)
	}
	page := b.get(path(r, ""))
	if !strings.Contains(page.body, `<details open>`) || !strings.Contains(page.body, `value="commercial@acme.test"`) ||
		!strings.Contains(page.body, "Litige prix – #customer_name") {
		t.Fatalf("the dispute's internal email is not proposed:\n%s", page.body)
	}
	form := url.Values{"csrf": {csrf}, "template": {"dispute_sales"}, "to": {"commercial@acme.test"},
		"subject": {"Litige prix – #customer_name"}, "body": {"#customer_name conteste : #items_list_selected.\nCommentaire : #comment\n#collector_name"}}
	form.Set("op", "preview")
	prev := b.post(path(r, "email"), form)
	for _, want := range []string{"Litige prix – Boulangerie Martin SARL", "Boulangerie Martin SARL conteste : F-2026-01187.", "Commentaire : Remise de 5 % oubliée", "Julie"} {
		if prev.status != http.StatusOK || !strings.Contains(prev.body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	bad := url.Values{"csrf": {csrf}, "op": {"send"}, "to": {"pas une adresse"}, "subject": {"x"}, "body": {"y"}}
	if p := b.post(path(r, "email"), bad); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "« pas une adresse » n&#39;est pas une adresse email.") {
		t.Errorf("bad recipient = %d", p.status)
	}
	form.Set("op", "send")
	if p := b.post(path(r, "email"), form); p.status != http.StatusSeeOther {
		t.Fatalf("send = %d\n%s", p.status, p.body)
	}
	emails, err := f.db.EmailsOfReply(ctx, f.acme.ID, r.ID)
	must(t, err)
	if len(emails) != 1 || emails[0].Subject != "Litige prix – Boulangerie Martin SARL" || emails[0].State != triage.EmailPending {
		t.Fatalf("outbox %+v", emails)
	}
	if page := b.get(path(r, "")); !strings.Contains(page.body, "en attente") {
		t.Error("the queued email is not listed")
	}
	// The SMTP page is for administrators, and checks what it saves.
	if p := b.get("/admin/smtp"); p.status != http.StatusForbidden {
		t.Errorf("collector on /admin/smtp = %d", p.status)
	}
	admin, _ := f.admin()
	acsrf := field(t, admin.get("/admin/smtp"), csrfPattern)
	if p := admin.post("/admin/smtp", url.Values{"csrf": {acsrf}, "host": {"smtp.acme.test"}, "port": {"587"}, "tls": {"starttls"},
		"user": {"relances"}, "password_ref": {"hunter2"}, "from": {"relances@acme.test"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("a password instead of its reference = %d", p.status)
	}
	if p := admin.post("/admin/smtp", url.Values{"csrf": {acsrf}, "host": {"smtp.acme.test"}, "port": {"587"}, "tls": {"starttls"},
		"user": {"relances"}, "password_ref": {"env:ACME_SMTP_PASSWORD"}, "from": {"Relances ACME <relances@acme.test>"}}); p.status != http.StatusSeeOther {
		t.Fatalf("save smtp = %d", p.status)
	}
	if a, err := f.db.SMTPAccount(ctx, f.acme.ID); err != nil || a != (store.SMTPAccount{Host: "smtp.acme.test", Port: 587, TLSMode: "starttls",
		Username: "relances", PasswordRef: "env:ACME_SMTP_PASSWORD", From: "Relances ACME <relances@acme.test>"}) {
		t.Errorf("smtp account %+v %v", a, err)
	}
}

// TestAutomaticEmail: a status in automatic mode whose action is an email
// sends it on qualification, to the addresses that do not bounce; in
// confirmation mode nothing is sent until the collector does.
func TestAutomaticEmail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.withTemplates()
	must(t, f.db.UpsertActionTemplate(ctx, triage.ActionTemplate{TenantID: f.acme.ID, Code: "thanks_paid", Kind: "email", Name: "Merci",
		Subject: "Merci #customer_name", Body: "Bonjour,\nNous avons bien noté votre règlement de #items_list_selected.\n#collector_name"}))
	cat, err := f.db.Catalog(ctx, f.acme.ID)
	must(t, err)
	for i, st := range cat {
		if st.Code == "already_paid" {
			st.ActionTemplate, st.Mode = "thanks_paid", triage.ModeAutomatic
			must(t, f.db.UpsertStatus(ctx, st, i))
		}
	}
	_, err = f.db.MarkEmailsInvalid(ctx, f.acme.ID, []string{"nobody@boulangerie-martin.fr"})
	must(t, err)
	b := f.loggedIn()
	paid := f.ingest(f.customer, "Payé", "La F-2026-01187 est réglée.", time.Now())
	copyReq := f.ingest(f.customer, "Copie", "Pouvez-vous m'envoyer la facture ?", time.Now())
	csrf := field(t, b.get(path(paid, "")), csrfPattern)
	for _, q := range []struct {
		r      triage.Reply
		status string
	}{{paid, "already_paid"}, {copyReq, "invoice_copy"}} {
		if p := b.post(path(q.r, "qualify"), url.Values{"csrf": {csrf}, "status": {q.status}, "items": {"F-2026-01187"}}); p.status != http.StatusSeeOther {
			t.Fatalf("qualify %s = %d", q.status, p.status)
		}
	}
	sent, err := f.db.EmailsOfReply(ctx, f.acme.ID, paid.ID)
	must(t, err)
	if len(sent) != 1 || sent[0].Subject != "Merci Boulangerie Martin SARL" || strings.Join(sent[0].To, ",") != "compta@boulangerie-martin.fr" {
		t.Errorf("automatic email %+v", sent)
	}
	if none, _ := f.db.EmailsOfReply(ctx, f.acme.ID, copyReq.ID); len(none) != 0 {
		t.Errorf("a status to confirm sent %d emails by itself", len(none))
	}
	if page := b.get(path(copyReq, "")); !strings.Contains(page.body, "Copie de vos factures") || !strings.Contains(page.body, "<details open>") {
		t.Error("the invoice copy email is not proposed")
	}
}
