package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSwitchLanguage logs in, switches the whole UI to English from
// the user menu, sees the queue in English, and switches back to French.
func TestBrowserSwitchLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	f.ingest(f.customer, "RE: Relance facture F-2026-01187", "Bonjour, nous réglerons la facture F-2026-01187 vendredi.", time.Now().Add(-time.Hour))

	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "julie"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`tr[data-row]`))
	if h1 := value(t, ctx, "French title", chromedp.TextContent(`main h1`)); !strings.HasPrefix(h1, "Réponses & commentaires") {
		t.Fatalf("queue title before the switch = %q", h1)
	}
	step(t, ctx, "switch to English",
		chromedp.Click(`details.user-menu summary`),
		chromedp.WaitVisible(`details.user-menu button[value="en"]`),
		chromedp.Click(`details.user-menu button[value="en"]`),
		chromedp.WaitVisible(`html[lang="en"] tr[data-row]`))
	if loc := value(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, "/queue") {
		t.Errorf("the switch went to %s, not back to the queue", loc)
	}
	main := value(t, ctx, "English queue", chromedp.TextContent(`main`))
	for _, s := range []string{"Replies & comments", "My replies", "Accept the suggestions", "Keyboard shortcuts:"} {
		if !strings.Contains(main, s) {
			t.Errorf("the English queue does not show %q", s)
		}
	}
	for _, s := range []string{"Réponses & commentaires", "Mes réponses", "Raccourcis clavier"} {
		if strings.Contains(main, s) {
			t.Errorf("the English queue still shows %q", s)
		}
	}
	if nav := value(t, ctx, "English navigation", chromedp.TextContent(`header nav`)); !strings.Contains(nav, "Customers") || !strings.Contains(nav, "Reports") {
		t.Errorf("navigation after the switch = %q", nav)
	}
	// The agenda, reached from the menu bar, is in English too.
	step(t, ctx, "agenda in English", chromedp.Click(`header nav a[href="/agenda"]`), chromedp.WaitVisible(`html[lang="en"] section.agenda`))
	if h := value(t, ctx, "agenda heading", chromedp.TextContent(`section.agenda h2`)); !strings.HasPrefix(h, "Overdue") {
		t.Errorf("agenda group = %q", h)
	}

	step(t, ctx, "switch back to French",
		chromedp.Click(`details.user-menu summary`),
		chromedp.WaitVisible(`details.user-menu button[value="fr"]`),
		chromedp.Click(`details.user-menu button[value="fr"]`),
		chromedp.WaitVisible(`html[lang="fr"] section.agenda`))
	if loc := value(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(loc, "/agenda") {
		t.Errorf("the switch back went to %s, not back to the agenda", loc)
	}
	if h := value(t, ctx, "French agenda heading", chromedp.TextContent(`section.agenda h2`)); !strings.HasPrefix(h, "En retard") {
		t.Errorf("agenda group after switching back = %q", h)
	}
}
