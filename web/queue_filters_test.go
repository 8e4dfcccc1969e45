package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestQueueFilters narrows the queue by search, source, customer unknown,
// automatic replies and confidence, and keeps the filters across pages
// and actions.
func TestQueueFilters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	t0 := time.Now().Add(-time.Hour)
	f.ingest(f.customer, "Prix F-2026-01187", "Le prix de la F-2026-01187 est faux", t0)
	f.ingest(f.customer, "Absence", "Je suis absente jusqu'au 30", t0.Add(time.Minute))
	unknown, err := f.svc.Ingest(ctx, triage.NewReply{TenantID: f.acme.ID, Source: triage.SourceAPI, MessageID: "u@x", From: "stranger@gmail.com",
		Subject: "Question", Text: "Qui êtes-vous ?", ReceivedAt: t0.Add(2 * time.Minute), AutoReply: true})
	must(t, err)
	has := func(query, want string, n int) {
		t.Helper()
		p := b.get("/queue?mine=0&" + query)
		rows := strings.Count(p.body, "<tr data-row")
		if rows != n || (want != "" && !strings.Contains(p.body, want)) {
			t.Errorf("%s: %d rows, want %d with %q", query, rows, n, want)
		}
	}
	has("", "", 3)
	has("q=1187", "Prix F-2026-01187", 1)                  // an invoice number
	has("q="+url.QueryEscape("boulangerie"), "Absence", 2) // a customer's name
	has("q="+url.QueryEscape("absente"), "Absence", 1)     // the customer's words
	has("q="+url.QueryEscape("%"), "", 0)                  // LIKE wildcards are literal
	has("source=api", "Question", 1)
	has("unknown=1", "Question", 1)
	has("auto=1", "Question", 1)
	has("auto=0", "", 2)
	has("status=price_dispute", "", 2) // the fixture suggests price_dispute for replies with a suggestion
	has("review=1", "", 0)             // 82 % is above the default 60 %
	has("review=0", "", 2)
	if c := b.get("/queue?mine=0&unknown=1").body; !strings.Contains(c, `<span class="count" title="Réponses en attente">1</span>`) {
		t.Error("the count does not follow the filter")
	}
	// An action from a filtered view comes back to it.
	csrf := field(t, b.get("/queue?mine=0&source=api"), csrfPattern)
	p := b.post(path(unknown, "delete"), url.Values{"csrf": {csrf}, "return": {"/queue?mine=0&source=api&q=Qui"}})
	if p.location != "/queue?mine=0&q=Qui&source=api" {
		t.Errorf("back to %q", p.location)
	}
}

// TestReplyThreadAndEvidence: the reply page lists the customer's earlier
// replies with their qualification, and what the words name (a promised
// date, an amount).
func TestReplyThreadAndEvidence(t *testing.T) {
	f := newFixture(t)
	b := f.loggedIn()
	old := f.ingest(f.customer, "Ancienne", "Le prix est faux", time.Now().Add(-48*time.Hour))
	csrf := field(t, b.get(path(old, "")), csrfPattern)
	if p := b.post(path(old, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Sales"}, "comment": {"Remise oubliée"}}); p.status != 303 {
		t.Fatalf("qualify = %d", p.status)
	}
	r := f.ingest(f.customer, "Promesse", "Nous réglerons 1 245,60 € le 30 décembre par virement.", time.Now())
	page := b.get(path(r, ""))
	for _, want := range []string{"Réponses précédentes du client", `href="/replies/` + itoa(old.ID) + `"`, "Litige prix</span> — Remise oubliée",
		"Paiement promis", "30/12/", "1\u00a0245,60\u00a0€"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("reply page lacks %q", want)
		}
	}
}
