package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/triage-ar/triage/triage"
)

// chromium starts a headless Debian Chromium for one test, with the flags
// that keep it quiet on a closed network and a fresh profile. Outside CI a
// machine without Chromium skips; in CI (CI set) it fails: `make test`
// installs it.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed: `make test` installs it with apt-get")
		}
		t.Skip("chromium is not installed: run `make test`, which installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Start the browser on the long-lived context: a first call made with a
	// timeout would tie the whole browser to that timeout.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			screenshot(t, ctx)
		}
		cancel()
		cancelAlloc()
	})
	return ctx
}

// screenshot saves what the browser shows, for a failed test's reader.
func screenshot(t *testing.T, ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	p := filepath.Join(os.TempDir(), fmt.Sprintf("triage-%s-%d.png", strings.ReplaceAll(t.Name(), "/", "_"), time.Now().UnixNano()))
	if err := os.WriteFile(p, png, 0o644); err == nil {
		t.Logf("screenshot of the failure: %s", p)
	}
}

// step runs browser actions with a bound, naming the step when it fails.
func step(t *testing.T, ctx context.Context, name string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("browser: %s: %v", name, err)
	}
}

// value evaluates a browser action returning a value, with a bound.
func value[T any](t *testing.T, ctx context.Context, name string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("browser: %s: %v", name, err)
	}
	return v
}

// TestBrowserQualifyWithKeyboardAndInertXSS drives the real UI in Chromium:
// log in, open the selected reply with the keyboard, qualify it, and see a
// reply full of markup rendered as inert text.
func TestBrowserQualifyWithKeyboardAndInertXSS(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	now := time.Now()
	xss := f.ingest(f.customer, `<img src=x onerror="window.__xss='subject'">Objet`,
		`Bonjour <script>window.__xss='script'</script> <img src=x onerror="window.__xss='img'"> payé`, now.Add(-2*time.Hour))
	price := f.ingest(f.customer, "RE: Relance facture F-2026-01187",
		"Bonjour,\nLe prix unitaire de la facture F-2026-01187 ne correspond pas au devis signé.", now.Add(-time.Hour))

	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "julie"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`tr[data-row]`))
	if got := value(t, ctx, "count rows", chromedp.Evaluate[int](`document.querySelectorAll("tr[data-row]").length`)); got != 2 {
		t.Fatalf("queue rows = %d, want 2", got)
	}
	// The newest reply is selected first: "q" opens it.
	step(t, ctx, "open with q", chromedp.KeyEvent("q"), chromedp.WaitVisible(`#resolver`))
	if loc := value(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, fmt.Sprintf("/replies/%d", price.ID)) {
		t.Fatalf("q opened %s, want reply %d", loc, price.ID)
	}
	if st := value(t, ctx, "suggested status", chromedp.Value(`#status`)); st != "price_dispute" {
		t.Errorf("suggested status pre-selected = %q", st)
	}
	step(t, ctx, "qualify",
		chromedp.SendKeys(`#resolver`, "Service commercial"),
		chromedp.Click(`button.primary`),
		chromedp.WaitVisible(`.flash`)) // the page after the redirect confirms the action
	r, err := f.db.Reply(context.Background(), f.acme.ID, price.ID)
	if err != nil || r.State != triage.StateQualified {
		t.Fatalf("after qualifying in the browser: %+v %v", r.State, err)
	}
	q, err := f.db.CurrentQualification(context.Background(), f.acme.ID, price.ID)
	if err != nil || q.Status != "price_dispute" || q.Resolver != "Service commercial" {
		t.Errorf("qualification = %+v %v", q, err)
	}

	// The hostile reply: its markup is shown as text and nothing runs.
	for _, path := range []string{"/queue", fmt.Sprintf("/replies/%d", xss.ID)} {
		step(t, ctx, "open "+path, chromedp.Navigate(f.srv.URL+path), chromedp.WaitVisible(`main`))
		if v := value(t, ctx, "xss marker", chromedp.Evaluate[string](`String(window.__xss)`)); v != "undefined" {
			t.Errorf("%s ran customer markup: window.__xss = %q", path, v)
		}
		if n := value(t, ctx, "injected nodes", chromedp.Evaluate[int](`document.querySelectorAll("main script, main img[onerror]").length`)); n != 0 {
			t.Errorf("%s has %d injected script/img nodes", path, n)
		}
	}
	text := value(t, ctx, "reply text", chromedp.TextContent(`main`))
	if !strings.Contains(text, `<script>window.__xss='script'</script>`) {
		t.Errorf("the reply page does not show the customer's markup as text")
	}

	// Bulk: tick the remaining reply with the keyboard and accept its
	// suggestion (a dispute: confirmed, with a resolver).
	step(t, ctx, "bulk accept",
		chromedp.Navigate(f.srv.URL+"/queue"),
		chromedp.WaitVisible(`tr[data-row]`),
		chromedp.KeyEvent("x"),
		chromedp.Click(`input[name="confirm_low"]`),
		chromedp.SendKeys(`input[name="resolver"]`, "Service commercial"),
		chromedp.Click(`button[value="accept"]`),
		chromedp.WaitVisible(`.flash`))
	if flash := value(t, ctx, "bulk flash", chromedp.TextContent(`.flash`)); !strings.Contains(flash, "1 suggestion(s) acceptée(s)") {
		t.Errorf("bulk accept said %q", flash)
	}
	if r, _ := f.db.Reply(context.Background(), f.acme.ID, xss.ID); r.State != triage.StateQualified {
		t.Errorf("after bulk accept the reply is %s", r.State)
	}
	// The agenda shows the follow-up actions the qualifications planned.
	step(t, ctx, "agenda", chromedp.Navigate(f.srv.URL+"/agenda"), chromedp.WaitVisible(`section.agenda`))
	if n := value(t, ctx, "agenda rows", chromedp.Evaluate[int](`document.querySelectorAll("tr[data-action]").length`)); n != 2 {
		t.Errorf("agenda lists %d actions, want 2", n)
	}
}
