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

// TestAssignCustomers: an administrator pastes customer codes, gives them
// a collector, and their pending replies and actions follow; collectors
// may look but not assign; the alert lists customers owing with nobody.
func TestAssignCustomers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	orphan, err := f.db.InsertCustomer(ctx, triage.Customer{TenantID: f.acme.ID, Code: "C20077", Name: "Orphan SAS"})
	must(t, err)
	d := time.Now().AddDate(0, 0, -10)
	must(t, f.db.InsertItem(ctx, triage.Item{TenantID: f.acme.ID, CustomerID: orphan, Number: "F-2026-07777", Kind: triage.ItemInvoice,
		Issued: d, Due: d, Amount: 99, OpenAmount: 99, Currency: "EUR"}))
	r := f.ingest(f.customer, "Question", "Pouvez-vous me rappeler ?", time.Now())

	julie := f.loggedIn()
	if p := julie.get("/customers"); p.status != http.StatusOK || strings.Contains(p.body, `action="/customers/assign"`) {
		t.Errorf("collector's customers page = %d, or shows the assign form", p.status)
	}
	jcsrf := field(t, julie.get("/queue"), csrfPattern)
	if p := julie.post("/customers/assign", url.Values{"csrf": {jcsrf}, "ids": {fmt.Sprint(orphan)}, "collector": {fmt.Sprint(f.julie.ID)}}); p.status != http.StatusForbidden {
		t.Errorf("a collector assigns customers: %d", p.status)
	}

	b, boss := f.admin()
	q := b.get("/queue")
	if !strings.Contains(q.body, "1 client(s) avec un encours non nul n&#39;ont pas de chargé de recouvrement") {
		t.Errorf("no alert on the admin's queue:\n%s", q.body)
	}
	page := b.get("/customers?" + url.Values{"codes": {"C10042\nC20077\tNOPE"}}.Encode())
	if !strings.Contains(page.body, "Boulangerie Martin SARL") || !strings.Contains(page.body, "Orphan SAS") {
		t.Fatalf("pasted codes did not find both customers:\n%s", page.body)
	}
	csrf := field(t, page, csrfPattern)
	p := b.post("/customers/assign", url.Values{"csrf": {csrf}, "ids": {fmt.Sprint(orphan), fmt.Sprint(f.customer.ID)}, "collector": {fmt.Sprint(boss.ID)},
		"return": {"/customers?q=C"}})
	if p.status != http.StatusSeeOther || p.location != "/customers?q=C" || !strings.Contains(b.get(p.location).body, "affecté à 2 client(s)") {
		t.Fatalf("assign = %d → %s", p.status, p.location)
	}
	if got, _ := f.db.Reply(ctx, f.acme.ID, r.ID); got.AssigneeID == nil || *got.AssigneeID != boss.ID {
		t.Errorf("the customer's pending reply went to %v, want %d", got.AssigneeID, boss.ID)
	}
	if n, _ := f.db.UnassignedWithBalance(ctx, f.acme.ID); n != 0 {
		t.Errorf("%d customers still owe with nobody", n)
	}
	// Another tenant's collector cannot be given customers.
	other, _ := f.db.UserByLoginInTenant(ctx, f.globex.ID, "marc")
	if p := b.post("/customers/assign", url.Values{"csrf": {csrf}, "ids": {fmt.Sprint(orphan)}, "collector": {fmt.Sprint(other.ID)}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("assign to another tenant's user = %d", p.status)
	}
	// Rules page: a rule, the default, applied.
	csrf = field(t, b.get("/admin/assignment"), csrfPattern)
	if p := b.post("/admin/assignment", url.Values{"csrf": {csrf}, "op": {"add"}, "country": {"FR"}, "collector": {fmt.Sprint(f.julie.ID)}, "min_balance": {"abc"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("rule with a bad balance = %d", p.status)
	}
	if p := b.post("/admin/assignment", url.Values{"csrf": {csrf}, "op": {"add"}, "country": {"FR"}, "collector": {fmt.Sprint(f.julie.ID)}, "min_balance": {"50,5"}}); p.status != http.StatusSeeOther {
		t.Errorf("add rule = %d", p.status)
	}
	if page := b.get("/admin/assignment"); !strings.Contains(page.body, "<td>FR</td>") || !strings.Contains(page.body, "50,50") {
		t.Errorf("the rule is not listed:\n%s", page.body)
	}
}
