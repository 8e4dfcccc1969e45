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

	"github.com/triage-ar/triage/prompts"
)

// TestAdminPrompts: an administrator previews a new version on a real
// reply, is refused a broken one, saves, diffs and activates it.
func TestAdminPrompts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now())
	b, _ := f.admin()
	pg := b.get("/admin/prompts")
	if pg.status != http.StatusOK || !strings.Contains(pg.body, prompts.Default().Name) {
		t.Fatalf("prompts page = %d", pg.status)
	}
	csrf := field(t, pg, csrfPattern)
	def := prompts.Default()
	form := url.Values{"csrf": {csrf}, "name": {"v2-court"}, "note": {"moins de règles"}, "system": {def.System + "\nRéponds en JSON strict."},
		"user": {def.User}, "reply": {fmt.Sprint(r.ID)}, "op": {"preview"}}
	prev := b.post("/admin/prompts", form)
	for _, want := range []string{"Boulangerie Martin SARL (C10042)", "Le prix de la F-2026-01187 est faux", "price_dispute", "Réponds en JSON strict."} {
		if prev.status != http.StatusOK || !strings.Contains(prev.body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	broken := url.Values{"csrf": {csrf}, "name": {"v3"}, "system": {"{{.Catalogue}}"}, "user": {"{{.Reply}}"}, "op": {"create"}}
	if p := b.post("/admin/prompts", broken); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "Catalogue") {
		t.Errorf("a template with an unknown variable = %d", p.status)
	}
	form.Set("op", "create")
	if p := b.post("/admin/prompts", form); p.status != http.StatusSeeOther {
		t.Fatalf("create = %d\n%s", p.status, p.body)
	}
	list := b.get("/admin/prompts")
	m := regexp.MustCompile(`href="/admin/prompts\?diff=(\d+)"`).FindStringSubmatch(list.body)
	if m == nil {
		t.Fatal("the new version is not listed")
	}
	if d := b.get("/admin/prompts?diff=" + m[1]); !strings.Contains(d.body, `<span class="dadd">&#43; Réponds en JSON strict.</span>`) {
		t.Errorf("diff does not show the added line:\n%s", d.body)
	}
	if p := b.post("/admin/prompts", url.Values{"csrf": {csrf}, "op": {"activate"}, "id": {m[1]}}); p.status != http.StatusSeeOther {
		t.Fatalf("activate = %d", p.status)
	}
	if v, err := f.db.ActivePrompt(ctx, f.acme.ID); err != nil || v.Name != "v2-court" {
		t.Errorf("active prompt %+v %v", v, err)
	}
	if p := b.post("/admin/prompts", url.Values{"csrf": {csrf}, "op": {"default"}}); p.status != http.StatusSeeOther {
		t.Fatalf("back to default = %d", p.status)
	}
	if _, err := f.db.ActivePrompt(ctx, f.acme.ID); err == nil {
		t.Error("a version is still active")
	}
	if p := f.loggedIn().get("/admin/prompts"); p.status != http.StatusForbidden {
		t.Errorf("collector on prompts = %d", p.status)
	}
}
