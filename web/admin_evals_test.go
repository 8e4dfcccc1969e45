package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest"
)

// TestAdminEvals: an administrator makes a set from a built-in one, runs it
// in the background, reads the report, compares two runs, promotes the
// prompt of one that did not regress, and stops a queued run.
func TestAdminEvals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b, _ := f.admin()
	csrf := field(t, b.get("/admin/evals"), csrfPattern)
	post := func(v url.Values) page {
		v.Set("csrf", csrf)
		return b.post("/admin/evals", v)
	}
	if p := post(url.Values{"op": {"builtin"}, "name": {"fr"}, "builtin": {"ar_fr"}}); p.status != http.StatusSeeOther {
		t.Fatalf("builtin set = %d\n%s", p.status, p.body)
	}
	if p := post(url.Values{"op": {"builtin"}, "name": {"fr"}, "builtin": {"ar_fr"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("same name twice = %d", p.status)
	}
	sets, err := f.db.EvalSets(ctx, f.acme.ID)
	if err != nil || len(sets) != 1 || sets[0].Count < 100 {
		t.Fatalf("sets %+v %v", sets, err)
	}
	v, err := f.db.CreatePromptVersion(ctx, f.acme.ID, store.PromptVersion{Name: "v2", System: prompts.Default().System, User: prompts.Default().User})
	must(t, err)
	set := sets[0].ID
	for _, prompt := range []string{"", itoa(v.ID)} {
		if p := post(url.Values{"op": {"run"}, "set": {itoa(set)}, "strategy": {"knn"}, "prompt": {prompt}}); p.status != http.StatusSeeOther {
			t.Fatalf("run = %d", p.status)
		}
	}
	prior, err := suggest.StarterHistory(func(s string) string { return inbox.CleanBody(s).Text })
	must(t, err)
	w := &jobs.Worker{DB: f.db, Service: f.svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Eval: jobs.EvalDeps{Clean: func(s string) string { return inbox.CleanBody(s).Text }, Lang: inbox.DetectLang, Prior: prior}}
	if _, err := w.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	runs, err := f.db.EvalRuns(ctx, f.acme.ID)
	must(t, err)
	if len(runs) != 2 || runs[0].State != "done" || runs[1].State != "done" || runs[0].Done != runs[0].Total {
		t.Fatalf("runs %+v", runs)
	}
	candidate, baseline := runs[0], runs[1] // newest first: the one with the prompt
	page := b.get("/admin/evals/runs/" + itoa(candidate.ID))
	for _, want := range []string{"Exactitude <strong>", `<svg class="heatmap"`, "<td>price_dispute</td>", "Par langue", "Calibration"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("run page lacks %q", want)
		}
	}
	if !strings.Contains(page.body, "Cas manqués") || !strings.Contains(page.body, "Résumés : 0 trop longs") {
		t.Error("the run page lacks the missed cases or the summary checks")
	}
	csvPage := b.get("/admin/evals/runs/" + itoa(candidate.ID) + "?format=csv")
	if lines := strings.Split(strings.TrimSpace(csvPage.body), "\n"); len(lines) != sets[0].Count+1 || !strings.HasPrefix(lines[0], "id,lang,expected,predicted") {
		t.Errorf("CSV export: %d lines", len(lines))
	}
	// A set from the tenant's qualifications, split into dev and test.
	if p := post(url.Values{"op": {"qualifications"}, "name": {"own"}, "per_status": {"10"}, "split": {"1"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("a set from no qualification = %d, want 422 (empty)", p.status)
	}
	cmp := b.get("/admin/evals/runs/" + itoa(candidate.ID) + "?baseline=" + itoa(baseline.ID))
	if !strings.Contains(cmp.body, "Verdict : NO SIGNIFICANT CHANGE") || !strings.Contains(cmp.body, "0 corrigés, 0 cassés") ||
		!strings.Contains(cmp.body, `/promote"`) {
		t.Fatalf("comparison of two identical runs:\n%s", cmp.body)
	}
	if p := b.post("/admin/evals/runs/"+itoa(candidate.ID)+"/promote", url.Values{"csrf": {csrf}, "baseline": {itoa(baseline.ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("promote = %d", p.status)
	}
	if act, err := f.db.ActivePrompt(ctx, f.acme.ID); err != nil || act.ID != v.ID {
		t.Errorf("active prompt after promotion: %+v %v", act, err)
	}
	// A run stopped before a worker takes it never runs.
	post(url.Values{"op": {"run"}, "set": {itoa(set)}, "strategy": {"knn"}})
	runs, _ = f.db.EvalRuns(ctx, f.acme.ID)
	if p := post(url.Values{"op": {"cancel"}, "run": {itoa(runs[0].ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("cancel = %d", p.status)
	}
	w.Drain(ctx)
	if r, _ := f.db.EvalRun(ctx, f.acme.ID, runs[0].ID); r.State != "cancelled" || len(r.Report) != 0 {
		t.Errorf("cancelled run: %s", r.State)
	}
	if p := f.loggedIn().get("/admin/evals"); p.status != http.StatusForbidden {
		t.Errorf("collector on evals = %d", p.status)
	}
	if m := regexp.MustCompile(`<progress`).FindString(b.get("/admin/evals").body); m != "" {
		t.Error("a finished run still shows progress")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
