package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters/postal"
	"github.com/triage-ar/triage/triage"
)

// TestBrowserLetterPreviewApproveSend drives letters through Chromium: an
// admin previews a letter template on a real customer and opens its PDF; the
// collector approves the planned letter in the agenda; the send_letter job
// drops it in the postal directory and the customer's page says "Envoyé".
func TestBrowserLetterPreviewApproveSend(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	tmpls := f.withLetters()
	id := f.planLetter("letter_formal_notice")
	f.admin() // creates boss, the administrator the browser logs in as
	dir := t.TempDir()
	drop, err := postal.NewDropDir(dir)
	must(t, err)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender := &jobs.LetterSender{DB: f.db, Letters: triage.NewLetters(f.svc, f.db), Provider: drop, Log: log}
	worker := &jobs.Worker{DB: f.db, Service: f.svc, Letters: sender, Log: log}

	login := func(who string) {
		step(t, ctx, "log in as "+who,
			chromedp.Navigate(f.srv.URL+"/login"),
			chromedp.SendKeys(`#login`, who),
			chromedp.SendKeys(`#password`, password),
			chromedp.Submit(`#password`),
			chromedp.WaitReady(`form[action="/logout"]`)) // the staff pages' user menu
	}
	login("boss")
	tmpl := tmpls["letter_formal_notice"]
	step(t, ctx, "preview the template",
		chromedp.Navigate(fmt.Sprintf("%s/admin/letters?edit=%d", f.srv.URL, tmpl.ID)),
		chromedp.WaitVisible(`#letter-preview`))
	preview := value(t, ctx, "preview text", chromedp.TextContent(`#letter-preview`))
	for _, w := range []string{"Boulangerie Martin SARL", "12 rue des Lilas", "Mise en demeure de payer", "F-2026-01187"} {
		if !strings.Contains(preview, w) {
			t.Errorf("the preview lacks %q:\n%s", w, preview)
		}
	}
	if strings.Contains(preview, "#") {
		t.Errorf("the preview prints a hashtag raw:\n%s", preview)
	}
	// The PDF link answers a PDF (fetched by the page, with its session).
	got := value(t, ctx, "fetch the pdf", chromedp.Evaluate[string](`(() => {
		const x = new XMLHttpRequest();
		x.open("GET", document.querySelector("#letter-pdf").href, false);
		x.overrideMimeType("text/plain; charset=x-user-defined");
		x.send();
		return x.status + " " + x.getResponseHeader("Content-Type") + " " + x.responseText.slice(0, 5);
	})()`))
	if got != "200 application/pdf %PDF-" {
		t.Fatalf("the preview's PDF link gave %q", got)
	}
	step(t, ctx, "log out", chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action="/logout"]').submit()`),
		chromedp.WaitVisible(`#login`))

	login("julie")
	row := fmt.Sprintf(`tr[data-action="%d"]`, id)
	step(t, ctx, "approve in the agenda",
		chromedp.Navigate(f.srv.URL+"/agenda"),
		chromedp.WaitVisible(row),
		chromedp.Click(row+` button.approve-letter`),
		chromedp.WaitVisible(`.flash`))
	if badge := value(t, ctx, "queued badge", chromedp.TextContent(row+` .badge`)); badge != "En file d'envoi" {
		t.Errorf("after approving, the agenda says %q", badge)
	}
	if n, err := worker.Drain(context.Background()); err != nil || n != 1 {
		t.Fatalf("jobs run = %d, %v", n, err)
	}
	pdfs, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	must(t, err)
	manifests, err := filepath.Glob(filepath.Join(dir, "*.json"))
	must(t, err)
	if len(pdfs) != 1 || len(manifests) != 1 {
		t.Fatalf("drop directory: pdfs %q manifests %q", pdfs, manifests)
	}
	step(t, ctx, "customer letters",
		chromedp.Navigate(fmt.Sprintf("%s/customers/%d/letters", f.srv.URL, f.customer.ID)),
		chromedp.WaitVisible(fmt.Sprintf(`li[data-letter="%d"]`, id)))
	if badge := value(t, ctx, "sent badge", chromedp.TextContent(fmt.Sprintf(`li[data-letter="%d"] .badge`, id))); badge != "Envoyé" {
		t.Errorf("the customer's page says %q, want Envoyé", badge)
	}
	step(t, ctx, "agenda after sending", chromedp.Navigate(f.srv.URL+"/agenda"), chromedp.WaitVisible(`main`))
	if n := value(t, ctx, "rows", chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll('%s').length`, row))); n != 0 {
		t.Errorf("the sent letter is still to do in the agenda")
	}
}
