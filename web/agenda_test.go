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

// TestAgenda: qualifying a dispute plans an action in the collector's
// agenda; postponing it lands on a business day; completing it resolves the
// dispute and puts the item back in the dunning scenario.
func TestAgenda(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.withTemplates()
	b := f.loggedIn()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	csrf := field(t, b.get(path(r, "")), csrfPattern)
	if p := b.post(path(r, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Commercial"}, "items": {"F-2026-01187"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d", p.status)
	}
	page := b.get("/agenda")
	m := regexp.MustCompile(`<tr data-action="(\d+)">`).FindStringSubmatch(page.body)
	if page.status != http.StatusOK || m == nil || !strings.Contains(page.body, "Suivi de litige prix") || !strings.Contains(page.body, "Litige prix") {
		t.Fatalf("agenda = %d, no planned action:\n%s", page.status, page.body)
	}
	id := m[1]
	items := func() triage.Item {
		its, err := f.db.OpenItems(ctx, f.acme.ID, f.customer.ID)
		must(t, err)
		for _, it := range its {
			if it.Number == "F-2026-01187" {
				return it
			}
		}
		t.Fatal("item F-2026-01187 is gone")
		return triage.Item{}
	}
	if it := items(); it.Status != "price_dispute" || it.InScenario {
		t.Fatalf("after qualifying: %+v", it)
	}
	// A past date is refused; a Saturday moves to the next Monday.
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	if p := b.post("/actions/"+id+"/postpone", url.Values{"csrf": {csrf}, "due": {yesterday}}); p.status != http.StatusSeeOther ||
		!strings.Contains(b.get(p.location).body, "Choisissez une date à venir") {
		t.Errorf("postpone to yesterday = %d", p.status)
	}
	sat := time.Now().AddDate(0, 0, 14)
	for sat.Weekday() != time.Saturday {
		sat = sat.AddDate(0, 0, 1)
	}
	if p := b.post("/actions/"+id+"/postpone", url.Values{"csrf": {csrf}, "due": {sat.Format(time.DateOnly)}}); p.status != http.StatusSeeOther {
		t.Fatalf("postpone = %d", p.status)
	}
	rows, err := f.db.Agenda(ctx, f.acme.ID, nil, sat.AddDate(0, 0, 30), 10)
	must(t, err)
	if len(rows) != 1 || rows[0].Action.Due.Weekday() != time.Monday || !rows[0].Action.Due.After(sat) {
		t.Fatalf("after postponing to %s: %+v", sat.Format(time.DateOnly), rows)
	}
	// The other tenant cannot touch it.
	other := f.browser()
	must(t, func() error { _, err := f.db.UserByLoginInTenant(ctx, f.globex.ID, "marc"); return err }())
	if p := other.login("marc", password); p.status != http.StatusSeeOther {
		t.Fatalf("marc login = %d", p.status)
	}
	ocsrf := field(t, other.get("/queue"), csrfPattern)
	if p := other.post("/actions/"+id+"/complete", url.Values{"csrf": {ocsrf}}); p.status != http.StatusNotFound {
		t.Errorf("another tenant completes the action: %d", p.status)
	}
	if p := b.post("/actions/"+id+"/complete", url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
		t.Fatalf("complete = %d", p.status)
	}
	if it := items(); it.Status != "dispute_resolved" || !it.InScenario || it.Resolver != "" {
		t.Errorf("after completing the dispute's action: %+v", it)
	}
	if p := b.post("/actions/"+id+"/complete", url.Values{"csrf": {csrf}}); p.status != http.StatusConflict {
		t.Errorf("complete twice = %d, want 409", p.status)
	}
	if body := b.get("/agenda").body; strings.Contains(body, fmt.Sprintf(`data-action="%s"`, id)) {
		t.Error("a done action is still in the agenda")
	}
}

// TestNextReminder: the qualify form lets the dunning scenario go on (no
// action, the items stay in it) or plans a specific action with another
// template and assignee.
func TestNextReminder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.withTemplates()
	b := f.loggedIn()
	r1 := f.ingest(f.customer, "Promesse", "Nous paierons la F-2026-01187 vendredi", time.Now())
	r2 := f.ingest(f.customer, "Promesse", "Nous paierons la F-2026-01302 lundi", time.Now())
	page := b.get(path(r1, ""))
	csrf := field(t, page, csrfPattern)
	if !strings.Contains(page.body, `name="next" value="scenario"`) || !strings.Contains(page.body, `<option value="call_customer">Appeler le client</option>`) {
		t.Fatalf("no next-reminder choice on the form")
	}
	if p := b.post(path(r1, "qualify"), url.Values{"csrf": {csrf}, "status": {"promise_to_pay"}, "items": {"F-2026-01187"}, "next": {"scenario"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify, scenario = %d", p.status)
	}
	other, _ := f.db.UserByLoginInTenant(ctx, f.globex.ID, "marc")
	if p := b.post(path(r2, "qualify"), url.Values{"csrf": {csrf}, "status": {"promise_to_pay"}, "items": {"F-2026-01302"}, "next": {"action"},
		"action_template": {"call_customer"}, "assignee": {fmt.Sprint(other.ID)}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("an action for another tenant's user = %d", p.status)
	}
	if p := b.post(path(r2, "qualify"), url.Values{"csrf": {csrf}, "status": {"promise_to_pay"}, "items": {"F-2026-01302"}, "next": {"action"},
		"action_template": {"call_customer"}, "assignee": {fmt.Sprint(f.julie.ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify, specific action = %d", p.status)
	}
	rows, err := f.db.Agenda(ctx, f.acme.ID, nil, time.Now().AddDate(0, 1, 0), 10)
	must(t, err)
	if len(rows) != 1 || rows[0].Action.Template != "call_customer" || rows[0].Action.Items[0] != "F-2026-01302" ||
		rows[0].Action.AssigneeID == nil || *rows[0].Action.AssigneeID != f.julie.ID {
		t.Fatalf("agenda %+v", rows)
	}
	items, err := f.db.OpenItems(ctx, f.acme.ID, f.customer.ID)
	must(t, err)
	for _, it := range items {
		if want := it.Number == "F-2026-01187"; it.InScenario != want || it.Status != "promise_to_pay" {
			t.Errorf("%s: status %q, in scenario %v", it.Number, it.Status, it.InScenario)
		}
	}
}
