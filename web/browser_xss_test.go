package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/triage-ar/triage/triage"
)

// xssPayloads each set window.__xss to their number if they ever run:
// script tags, event handlers, javascript: URLs, SVG and MathML, CSS
// expressions, broken and nested markup, encoded variants, template
// syntax. %d is the payload's number.
var xssPayloads = []string{
	`<script>__xss=%d</script>`,
	`<img src=x onerror=__xss=%d>`,
	`<IMG SRC=x OnErRoR=__xss=%d>`,
	`<svg onload=__xss=%d>`,
	`<svg><script>__xss=%d</script></svg>`,
	`<svg><animate onbegin=__xss=%d attributeName=x dur=1s>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=__xss=%d>`,
	`<math href="javascript:__xss=%d">clic</math>`,
	`<a href="javascript:__xss=%d">clic</a>`,
	`<a href="jav&#x09;ascript:__xss=%d">clic</a>`,
	`<iframe src="javascript:parent.__xss=%d"></iframe>`,
	`<iframe srcdoc="<script>parent.__xss=%d</script>"></iframe>`,
	`<body onload=__xss=%d>`,
	`<div style="background:url(javascript:__xss=%d)">x</div>`,
	`<div style="width:expression(__xss=%d)">x</div>`,
	`"><script>__xss=%d</script>`,
	`'><img src=x onerror=__xss=%d>`,
	`</textarea><script>__xss=%d</script>`,
	`</title><script>__xss=%d</script>`,
	`<scr<script>ipt>__xss=%d</scr</script>ipt>`,
	`&lt;script&gt;__xss=%d&lt;/script&gt;`,
	`%%3Cscript%%3E__xss=%d%%3C/script%%3E`,
	`<img src=x onerror=&#95;&#95;xss=%d>`,
	`<details open ontoggle=__xss=%d>`,
	`<input autofocus onfocus=__xss=%d>`,
	`<object data="javascript:__xss=%d"></object>`,
	`<embed src="javascript:__xss=%d">`,
	`<form action="javascript:__xss=%d"><button>ok</button></form>`,
	`<meta http-equiv="refresh" content="0;url=javascript:__xss=%d">`,
	`<base href="javascript:__xss=%d//">`,
	`<link rel=stylesheet href="javascript:__xss=%d">`,
	`<video><source onerror=__xss=%d></video>`,
	`<noscript><p title="</noscript><img src=x onerror=__xss=%d>">`,
	`<!--<img src="--><img src=x onerror=__xss=%d>-->`,
	`{{constructor.constructor('__xss=%d')()}}`,
	"facture\u202Efdp.js<img src=x onerror=__xss=%d>",
}

// payload returns the i-th payload, numbered from 1.
func payload(i int) string { return fmt.Sprintf(xssPayloads[i-1], i) }

// hostileRaw is an HTML message carrying every payload, for the original view.
func hostileRaw() []byte {
	var b strings.Builder
	b.WriteString("From: =?utf-8?q?Pirate?= <pirate@example.com>\r\nTo: relances@acme.example\r\nSubject: Facture\r\n" +
		"Message-ID: <xss-html@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Bonjour,</p>")
	for i := range xssPayloads {
		b.WriteString("<p>" + payload(i+1) + "</p>\r\n")
	}
	b.WriteString("</body></html>\r\n")
	return []byte(b.String())
}

// TestBrowserXSSCorpus stores the payloads everywhere customer text reaches
// (subject, text, HTML body, sender name, attachment names, customer name,
// comment) and opens every page that shows them in one Chromium session:
// none may run, and the text must be shown as text.
func TestBrowserXSSCorpus(t *testing.T) {
	f := newFixture(t)
	ctx := chromium(t)
	bg := context.Background()
	f.withTemplates()

	evil := triage.Customer{TenantID: f.acme.ID, CollectorID: &f.julie.ID, Code: "X666", Lang: "fr",
		Name: "Évil <img src=x onerror=__xss='customer'> SARL", Emails: []string{"compta@evil.example"}}
	id, err := f.db.InsertCustomer(bg, evil)
	must(t, err)
	evil, err = f.db.Customer(bg, f.acme.ID, id)
	must(t, err)
	must(t, f.db.InsertItem(bg, triage.Item{TenantID: f.acme.ID, CustomerID: id, Kind: triage.ItemInvoice, Currency: "EUR",
		Number: "X-1", Issued: triage.Day(time.Now()).AddDate(0, 0, -40), Due: triage.Day(time.Now()).AddDate(0, 0, -10), Amount: 10, OpenAmount: 10}))

	var replies []triage.Reply
	for i := range xssPayloads {
		p := payload(i + 1)
		cid := evil.ID
		r, err := f.svc.Ingest(bg, triage.NewReply{TenantID: f.acme.ID, Source: triage.SourceIMAP,
			MessageID: fmt.Sprintf("<xss-%d@example.com>", i+1), From: p + " <pirate@example.com>", Subject: p,
			Text: "Bonjour,\n" + p + "\nX-1 payée.", BodyClean: "Bonjour,\n" + p, CustomerID: &cid, ReceivedAt: time.Now().Add(-time.Duration(i) * time.Minute),
			Raw:         hostileRaw(),
			Attachments: []triage.Attachment{{Name: p + ".pdf", ContentType: "application/pdf", Size: 9, Data: []byte("%PDF-1.4\n")}}})
		must(t, err)
		_, err = f.svc.Suggest(bg, f.acme.ID, r.ID)
		must(t, err)
		replies = append(replies, r)
	}
	// A qualified reply puts the customer and a comment on the agenda.
	b := f.loggedIn()
	first := replies[0]
	csrf := field(t, b.get(path(first, "")), csrfPattern)
	if p := b.post(path(first, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {payload(2)},
		"comment": {payload(3) + " commentaire"}, "items": {"X-1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d\n%s", p.status, p.body)
	}

	step(t, ctx, "log in",
		chromedp.Navigate(f.srv.URL+"/login"),
		chromedp.SendKeys(`#login`, "julie"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`tr[data-row]`))
	pages := []string{"/agenda", "/queue?mine=0", "/queue?mine=0&q=" + url.QueryEscape("payée"), "/customers",
		fmt.Sprintf("/customers/%d/letters", evil.ID), fmt.Sprintf("/replies/%d/original", replies[1].ID)}
	for _, r := range replies[:6] {
		pages = append(pages, path(r, ""))
	}
	pages = append(pages, path(first, "")) // qualified: shows the comment
	for _, p := range pages {
		open(t, ctx, f.srv.URL+p)
		if v := value(t, ctx, "xss marker", chromedp.Evaluate[string](`String(window.__xss)`)); v != "undefined" {
			t.Errorf("%s ran payload %s", p, v)
		}
		n := value(t, ctx, "injected nodes", chromedp.Evaluate[int](`document.querySelectorAll(
			"body script:not([src^='/static/']), body iframe:not([src$='/original'][sandbox]), body object, body embed, body svg, body math, body base, "+
			"body meta, body link, body video, body [onerror], body [onload], body [onfocus], body [ontoggle], "+
			"body [onbegin], body a[href^='javascript'], body form[action^='javascript']").length`))
		if n != 0 { // the product's own: its scripts, the sandboxed frame of the original
			t.Errorf("%s holds %d nodes made from customer markup", p, n)
		}
	}
	// The text is there, as text.
	open(t, ctx, f.srv.URL+path(replies[0], ""))
	text := value(t, ctx, "reply text", chromedp.TextContent(`main`))
	for _, want := range []string{payload(1), payload(1) + ".pdf", "Évil <img src=x onerror=__xss='customer'> SARL", payload(3) + " commentaire"} {
		if !strings.Contains(text, want) {
			t.Errorf("the reply page does not show %q as text", want)
		}
	}
	// An attachment name with a right-to-left override cannot pose as
	// another type: its download is served as an attachment, sandboxed.
	last := replies[len(replies)-1]
	atts, err := f.db.Attachments(bg, f.acme.ID, last.ID)
	must(t, err)
	resp, err := b.c.Get(fmt.Sprintf("%s/replies/%d/attachments/%d", b.base, last.ID, atts[0].ID))
	must(t, err)
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(cd, "attachment") ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("attachment download = %d, Content-Disposition %q, CSP %q", resp.StatusCode, cd, resp.Header.Get("Content-Security-Policy"))
	}
}

// open loads a page and waits until its document is complete. It sends the
// navigation without chromedp.Navigate's wait for the load event, which the
// queue's long pages sometimes never deliver to chromedp though the
// document completes.
func open(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	step(t, ctx, "open "+u, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.Navigate, cdppage.NavigateParams{URL: u})
		return err
	}))
	loaded := fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, u)
	// Evaluating while the old document goes away fails: poll until the new
	// one answers, within a deadline.
	pctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if ok, err := chromedp.Run(pctx, chromedp.Evaluate[bool](loaded)); err == nil && ok {
			return
		}
		select {
		case <-pctx.Done():
			t.Fatalf("browser: %s did not load", u)
		case <-tick.C:
		}
	}
}
