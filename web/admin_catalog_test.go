package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/triage-ar/triage/triage"
)

// TestAdminCatalog: an administrator changes a status's delay and template,
// adds one, and writes an action template checked for hashtags and
// previewed on a real customer.
func TestAdminCatalog(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.withTemplates()
	if p := f.loggedIn().get("/admin/catalog"); p.status != http.StatusForbidden {
		t.Errorf("collector on /admin/catalog = %d", p.status)
	}
	b, _ := f.admin()
	cp := b.get("/admin/catalog")
	if cp.status != http.StatusOK || !strings.Contains(cp.body, `value="promise_to_pay"`) {
		t.Fatalf("catalog page = %d", cp.status)
	}
	csrf := field(t, cp, csrfPattern)
	post := func(v url.Values) page {
		v.Set("csrf", csrf)
		return b.post("/admin/catalog", v)
	}
	status := url.Values{"op": {"status"}, "position": {"1"}, "code": {"promise_to_pay"}, "label": {"Promesse de règlement"}, "kind": {"payment"},
		"follow_up_days": {"4"}, "action_template": {"call_customer"}, "mode": {"confirm"}}
	if p := post(status); p.status != http.StatusSeeOther {
		t.Fatalf("save status = %d\n%s", p.status, p.body)
	}
	cat, err := f.db.Catalog(ctx, f.acme.ID)
	must(t, err)
	if st, _ := cat.Find("promise_to_pay"); st.Label != "Promesse de règlement" || st.FollowUpDays != 4 || st.ActionTemplate != "call_customer" || st.Mode != triage.ModeConfirm {
		t.Errorf("status saved as %+v", st)
	}
	bad := url.Values{"op": {"status"}, "position": {"20"}, "code": {"Bad Code"}, "label": {"x"}, "kind": {"other"}, "follow_up_days": {"3"}, "mode": {"confirm"}}
	if p := post(bad); p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad status code = %d", p.status)
	}
	tmpl := url.Values{"op": {"template"}, "code": {"merci_paiement"}, "name": {"Remerciement"}, "kind": {"email"},
		"subject": {"Merci #customer_name"}, "body": {"Bonjour,\nMerci pour le règlement de #items_list_selected (#totl_due).\n#collector_name"}}
	if p := post(tmpl); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "#totl_due") {
		t.Errorf("template with an unknown hashtag = %d", p.status)
	}
	tmpl.Set("body", "Bonjour,\nMerci pour le règlement de #items_list_selected (#total_due).\n#company_name")
	tmpl.Set("op", "preview")
	tmpl.Set("customer", "C10042")
	if p := post(tmpl); p.status != http.StatusOK || !strings.Contains(p.body, "Merci Boulangerie Martin SARL") ||
		!strings.Contains(p.body, "F-2026-01187, F-2026-01302 (2\u00a0112,95\u00a0€)") || !strings.Contains(p.body, "ACME Distribution") {
		t.Errorf("preview = %d\n%s", p.status, p.body)
	}
	tmpl.Set("op", "template")
	if p := post(tmpl); p.status != http.StatusSeeOther {
		t.Fatalf("save template = %d", p.status)
	}
	ts, err := f.db.ActionTemplates(ctx, f.acme.ID)
	must(t, err)
	found := false
	for _, x := range ts {
		found = found || x.Code == "merci_paiement" && x.Subject == "Merci #customer_name"
	}
	if !found {
		t.Error("the template was not saved")
	}
}
