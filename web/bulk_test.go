package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestBulkActions accepts, assigns and deletes several replies at once from
// the queue, with the confidence threshold honoured, then undoes a deletion.
func TestBulkActions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	t0 := time.Now().Add(-time.Hour)
	var rs []triage.Reply
	for i := range 4 {
		rs = append(rs, f.ingest(f.customer, fmt.Sprintf("Réponse %d", i), "Le prix de la F-2026-01187 est faux", t0.Add(time.Duration(i)*time.Minute)))
	}
	q := b.get("/queue")
	csrf := field(t, q, csrfPattern)
	ids := func(rs ...triage.Reply) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprint(r.ID))
		}
		return out
	}
	post := func(form url.Values) string {
		t.Helper()
		form.Set("csrf", csrf)
		p := b.post("/queue/bulk", form)
		if p.status != http.StatusSeeOther {
			t.Fatalf("bulk %v = %d\n%s", form, p.status, p.body)
		}
		return regexp.MustCompile(`(?s)<div class="flash" role="status">(.*?)</div>`).FindStringSubmatch(b.get(p.location).body + `<div class="flash" role="status"></div>`)[1]
	}

	// Under a 90 % threshold, the 82 % suggestions are left for review…
	must(t, f.db.SaveSettings(ctx, f.acme.ID, triage.Settings{ConfidenceThreshold: 0.9, Calendar: triage.Calendar{Country: "FR"}}))
	if msg := post(url.Values{"action": {"accept"}, "ids": ids(rs[0], rs[1])}); !strings.Contains(msg, "0 suggestion(s) acceptée(s) ; 2 laissée(s)") {
		t.Errorf("accept under the threshold: %q", msg)
	}
	// …and disputes wait for a resolver, even confirmed…
	if msg := post(url.Values{"action": {"accept"}, "confirm_low": {"1"}, "ids": ids(rs[0], rs[1])}); !strings.Contains(msg, "0 suggestion(s) acceptée(s) ; 2 laissée(s)") {
		t.Errorf("accept disputes without a resolver: %q", msg)
	}
	// …then the collector confirms them and names the resolver.
	if msg := post(url.Values{"action": {"accept"}, "confirm_low": {"1"}, "resolver": {"Service commercial"}, "ids": ids(rs[0], rs[1])}); !strings.Contains(msg, "2 suggestion(s) acceptée(s) ; 0 laissée(s)") {
		t.Errorf("confirmed accept: %q", msg)
	}
	for _, r := range rs[:2] {
		q, err := f.db.CurrentQualification(ctx, f.acme.ID, r.ID)
		if err != nil || q.Status != "price_dispute" || q.Resolver != "Service commercial" || q.FromSuggestion == nil || len(q.Edits) != 0 {
			t.Errorf("reply %d qualified as %+v, %v", r.ID, q, err)
		}
	}
	// Handled replies fail, the others are assigned.
	if msg := post(url.Values{"action": {"assign"}, "assignee": {fmt.Sprint(f.julie.ID)}, "ids": ids(rs[0], rs[2], rs[3])}); !strings.Contains(msg, "2 réponse(s) attribuée(s) ; 1 en échec") {
		t.Errorf("assign: %q", msg)
	}
	if r, _ := f.db.Reply(ctx, f.acme.ID, rs[2].ID); r.AssigneeID == nil || *r.AssigneeID != f.julie.ID {
		t.Errorf("reply %d assignee %v", rs[2].ID, r.AssigneeID)
	}
	// A user of another tenant cannot be given replies.
	if msg := post(url.Values{"action": {"assign"}, "assignee": {"999999"}, "ids": ids(rs[2])}); !strings.Contains(msg, "0 réponse(s) attribuée(s) ; 1 en échec") {
		t.Errorf("assign to a stranger: %q", msg)
	}
	if msg := post(url.Values{"action": {"delete"}, "ids": ids(rs[2], rs[3])}); !strings.Contains(msg, "2 réponse(s) supprimée(s) ; 0 en échec") {
		t.Errorf("delete: %q", msg)
	}
	if msg := post(url.Values{"action": {"delete"}}); !strings.Contains(msg, "Sélectionnez au moins une réponse") {
		t.Errorf("empty selection: %q", msg)
	}
	if p := b.post("/queue/bulk", url.Values{"csrf": {csrf}, "action": {"explode"}, "ids": ids(rs[2])}); p.status != http.StatusBadRequest {
		t.Errorf("unknown action = %d", p.status)
	}
	if p := b.post("/queue/bulk", url.Values{"action": {"delete"}, "ids": ids(rs[2])}); p.status != http.StatusForbidden {
		t.Errorf("bulk without CSRF = %d", p.status)
	}

	// A single deletion offers its undo, which brings the reply back.
	r := f.ingest(f.customer, "À supprimer", "spam", time.Now())
	p := b.post(path(r, "delete"), url.Values{"csrf": {csrf}, "return": {"/queue?mine=0"}})
	page := b.get(p.location)
	if !strings.Contains(page.body, fmt.Sprintf(`action="/replies/%d/restore"`, r.ID)) {
		t.Fatalf("no undo after delete:\n%s", page.body)
	}
	if p := b.post(path(r, "restore"), url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
		t.Errorf("restore = %d", p.status)
	}
	if got, _ := f.db.Reply(ctx, f.acme.ID, r.ID); got.State != triage.StatePending {
		t.Errorf("after undo, state %s", got.State)
	}
}
