package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLetterTranslation drives the letter editor in Chromium: an
// admin writes the English translation of a template and previews it in
// English, which picks the English customer; saved, the template shows it
// again.
func TestBrowserLetterTranslation(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	tmpls := f.withLetters()
	english := f.withEnglishCustomer()
	f.admin() // creates boss, the administrator the browser logs in as
	tmpl := tmpls["letter_reminder"]
	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "boss"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitReady(`form[action="/logout"]`))
	step(t, ctx, "write the English translation",
		chromedp.Navigate(fmt.Sprintf("%s/admin/letters?edit=%d&customer=%d", f.srv.URL, tmpl.ID, f.customer.ID)),
		chromedp.WaitVisible(`#letter-tr-en`),
		chromedp.SendKeys(`#letter-tr-subject-en`, "Reminder: account #customer_code"),
		chromedp.SendKeys(`#letter-tr-body-en`, "Dear Sir or Madam,\n\nPlease settle #items_list_selected, #total_due in all.\n\n#collector_name"),
		chromedp.Click(`#letter-tr-preview-en`),
		chromedp.WaitVisible(`#letter-preview[lang="en"]`))
	preview := value(t, ctx, "preview text", chromedp.TextContent(`#letter-preview`))
	for _, w := range []string{"Brennan Logistics Ltd", "Reminder: account C20018", "Please settle", "F-2026-09312", "€4,602.35", "€13,516.35 in all."} {
		if !strings.Contains(preview, w) {
			t.Errorf("the English preview lacks %q:\n%s", w, preview)
		}
	}
	if chosen := value(t, ctx, "customer picked", chromedp.Evaluate[string](`document.querySelector('#letter-customer').value`)); chosen != fmt.Sprint(english.ID) {
		t.Errorf("the preview customer is %s, want the English one %d", chosen, english.ID)
	}
	step(t, ctx, "save", chromedp.Click(`#letter-save`), chromedp.WaitVisible(`.flash`)) // only the page after saving has a flash
	if got := value(t, ctx, "saved subject", chromedp.Evaluate[string](`document.querySelector('#letter-tr-subject-en').value`)); got != "Reminder: account #customer_code" {
		t.Errorf("after saving, the English subject reads %q", got)
	}
}
