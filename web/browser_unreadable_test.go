package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserUnreadableFilter: in Chromium, the collector ticks the
// "illisibles" filter, sees only the message that could not be read,
// badged, opens it and finds the explanation and the original to download.
func TestBrowserUnreadableFilter(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	bad, _ := f.ingestUnreadable(time.Now().Add(-time.Hour))
	f.ingest(f.customer, "RE: Relance facture F-2026-01187", "Bonjour, nous réglerons la facture F-2026-01187 vendredi.", time.Now())

	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "julie"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`tr[data-row]`))
	step(t, ctx, "show all replies", chromedp.Navigate(f.srv.URL+"/queue?mine=0"), chromedp.WaitVisible(`tr[data-row]`))
	if n := value(t, ctx, "rows", chromedp.Evaluate[int](`document.querySelectorAll("tr[data-row]").length`)); n != 2 {
		t.Fatalf("%d rows in the queue, want 2", n)
	}
	step(t, ctx, "filter the unreadable ones",
		chromedp.Click(`form.queue-filters input[name="unreadable"]`),
		chromedp.Click(`form.queue-filters button[type="submit"]`),
		// The attribute, not the property the click sets: the filtered page.
		chromedp.WaitVisible(`form.queue-filters input[name="unreadable"][checked]`))
	if loc := value(t, ctx, "location", chromedp.Location()); !strings.Contains(loc, "unreadable=1") {
		t.Errorf("the filtered queue is at %s", loc)
	}
	rows := value(t, ctx, "filtered rows", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("tr[data-row]"), r => r.dataset.href + " " + r.querySelector("td.message").innerText)`))
	if len(rows) != 1 || !strings.HasPrefix(rows[0], fmt.Sprintf("/replies/%d ", bad.ID)) ||
		!strings.Contains(rows[0], "Relevé de mars") || !strings.Contains(rows[0], "Illisible") ||
		!strings.Contains(rows[0], "Message illisible") {
		t.Errorf("filtered queue rows = %q", rows)
	}

	step(t, ctx, "open it",
		chromedp.Click(`tr[data-row] a.subject`),
		chromedp.WaitVisible(`section.unreadable`))
	text := value(t, ctx, "explanation", chromedp.TextContent(`section.unreadable`))
	if !strings.Contains(text, "n'a pas pu être lu automatiquement") || !strings.Contains(text, "Cause technique") ||
		!strings.Contains(text, "message too large") {
		t.Errorf("explanation = %q", text)
	}
	href := value(t, ctx, "download link", chromedp.Evaluate[string](`document.querySelector('a[href$="/raw"][download]').getAttribute("href")`))
	if href != fmt.Sprintf("/replies/%d/raw", bad.ID) {
		t.Errorf("download link = %q", href)
	}
}
