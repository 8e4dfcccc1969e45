package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAdminCues: an administrator adds a tenant phrase, checked, tries it
// on a reply's words, and the store gives it to the status model.
func TestAdminCues(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b, _ := f.admin()
	csrf := field(t, b.get("/admin/cues"), csrfPattern)
	post := func(v url.Values) page {
		v.Set("csrf", csrf)
		return b.post("/admin/cues", v)
	}
	if p := post(url.Values{"op": {"add"}, "lang": {"fr"}, "cue": {"paid"}, "pattern": {"(c'est|ca est"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("a broken pattern = %d", p.status)
	}
	if p := post(url.Values{"op": {"add"}, "lang": {"fr"}, "cue": {"no_such_cue"}, "pattern": {"soldé"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown cue = %d", p.status)
	}
	try := url.Values{"op": {"try"}, "try": {"Le compte est apuré depuis lundi."}}
	if p := post(try); strings.Contains(p.body, "cue_paid") {
		t.Fatal("the embedded lexicons already know the phrase: the test proves nothing")
	}
	if p := post(url.Values{"op": {"add"}, "lang": {"fr"}, "cue": {"paid"}, "pattern": {"compte [est] apur*"}}); p.status != http.StatusSeeOther {
		t.Fatalf("add = %d\n%s", p.status, p.body)
	}
	if p := post(try); !strings.Contains(p.body, "<code>cue_paid</code>") {
		t.Errorf("the tenant phrase is not found in the try:\n%s", p.body)
	}
	ps, err := f.db.CuePhrases(ctx, f.acme.ID)
	if err != nil || len(ps) != 1 || ps[0].Cue != "paid" {
		t.Errorf("phrases %+v %v", ps, err)
	}
	if other, _ := f.db.CuePhrases(ctx, f.globex.ID); len(other) != 0 {
		t.Error("another tenant got the phrase")
	}
	if p := f.loggedIn().get("/admin/cues"); p.status != http.StatusForbidden {
		t.Errorf("collector on cues = %d", p.status)
	}
}
