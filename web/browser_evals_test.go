package web_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/suggest"
)

// TestBrowserPromptEvalPromote: in a real browser an administrator writes a
// prompt version, runs the same set with it and with the default, compares
// the two runs and promotes the new version.
func TestBrowserPromptEvalPromote(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	f.admin()
	prior, err := suggest.StarterHistory(func(s string) string { return inbox.CleanBody(s).Text })
	must(t, err)
	w := &jobs.Worker{DB: f.db, Service: f.svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Eval: jobs.EvalDeps{Clean: func(s string) string { return inbox.CleanBody(s).Text }, Lang: inbox.DetectLang, Prior: prior}}
	drain := func() {
		if _, err := w.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "boss"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`a[href="/admin/prompts"]`)) // the staff menu: logged in
	step(t, ctx, "write a prompt version",
		chromedp.Navigate(f.srv.URL+"/admin/prompts"),
		chromedp.WaitVisible(`#p-name`),
		chromedp.SendKeys(`#p-name`, "v2-exemples"),
		chromedp.SendKeys(`#p-note`, "plus d'exemples"),
		chromedp.Click(`button[value="create"]`),
		chromedp.WaitVisible(`.flash`))
	step(t, ctx, "make a set",
		chromedp.Navigate(f.srv.URL+"/admin/evals"),
		chromedp.WaitVisible(`#b-name`),
		chromedp.SendKeys(`#b-name`, "en"),
		chromedp.SetValue(`select[name="builtin"]`, "ar_en"),
		chromedp.Click(`#b-name ~ button`),
		chromedp.WaitVisible(`.flash`))
	// The baseline with the active (default) prompt, then the candidate.
	step(t, ctx, "run the baseline", chromedp.Click(`#run-set ~ button.primary`), chromedp.WaitVisible(`table.runs`))
	drain()
	step(t, ctx, "run the candidate",
		chromedp.Navigate(f.srv.URL+"/admin/evals"),
		chromedp.WaitVisible(`#run-prompt`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#run-prompt").selectedIndex = 1`),
		chromedp.Click(`#run-set ~ button.primary`),
		chromedp.WaitVisible(`table.runs tbody tr:nth-child(2)`))
	drain()
	runs, err := f.db.EvalRuns(context.Background(), f.acme.ID)
	must(t, err)
	if len(runs) != 2 || runs[0].State != "done" || runs[0].PromptID == nil {
		t.Fatalf("runs %+v", runs)
	}
	step(t, ctx, "compare",
		chromedp.Navigate(f.srv.URL+"/admin/evals/runs/"+itoa(runs[0].ID)),
		chromedp.WaitVisible(`#baseline`),
		chromedp.Click(`#baseline ~ button`),
		chromedp.WaitVisible(`.compare`))
	if v := value(t, ctx, "verdict", chromedp.TextContent(`#cmp-title`)); !strings.Contains(v, "NO SIGNIFICANT CHANGE") {
		t.Errorf("verdict %q", v)
	}
	step(t, ctx, "promote", chromedp.Click(`.compare button.primary`), chromedp.WaitVisible(`.flash`))
	if act, err := f.db.ActivePrompt(context.Background(), f.acme.ID); err != nil || act.Name != "v2-exemples" {
		t.Errorf("active prompt after promotion: %+v %v", act, err)
	}
}
