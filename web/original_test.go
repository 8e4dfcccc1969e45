package web_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestOriginalHTML: the HTML of a customer's email is shown sanitized, in a
// sandboxed frame: no script, no handler, no image, links that open apart.
func TestOriginalHTML(t *testing.T) {
	f := newFixture(t)
	tok := f.apiToken(f.acme.ID, "erp")
	raw := "From: Boulangerie Martin <compta@boulangerie-martin.fr>\r\nTo: ar@acme.test\r\nSubject: Paiement\r\n" +
		"Message-ID: <html-1@boulangerie-martin.fr>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n\r\n" +
		`<html><head><script>window.__xss='head'</script><style>body{background:url(http://tracker.test/p.gif)}</style></head>` +
		`<body onload="window.__xss='onload'"><p>Bonjour,</p><p>La facture <b>F-2026-01187</b> est <i>payée</i>.</p>` +
		`<img src="http://tracker.test/pixel.gif?u=42" width="1" height="1"><img src=x onerror="window.__xss='img'">` +
		`<a href="javascript:alert(1)">clic</a> <a href="https://boulangerie-martin.fr/avis.pdf">avis</a>` +
		`<table><tr><td colspan="2">Total</td></tr></table><form action="http://evil.test"><input name=x></form></body></html>` + "\r\n"
	st, p := f.apiCall(tok, "message/rfc822", "", raw)
	if st != http.StatusCreated {
		t.Fatalf("ingest = %d %v", st, p)
	}
	id := int64(p["id"].(float64))
	b := f.loggedIn()
	page := b.get(fmt.Sprintf("/replies/%d", id))
	if !strings.Contains(page.body, fmt.Sprintf(`<iframe src="/replies/%d/original" sandbox=`, id)) || !strings.Contains(page.body, "Télécharger le message d&#39;origine") {
		t.Fatalf("no sandboxed frame or raw download on the page:\n%s", page.body)
	}
	resp, err := b.c.Get(fmt.Sprintf("%s/replies/%d/original", b.base, id))
	must(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	html := string(body)
	for _, bad := range []string{"<script", "__xss", "onload", "onerror", "<img", "tracker.test", "javascript:", "<form", "<input"} {
		if strings.Contains(html, bad) {
			t.Errorf("sanitized original still has %q:\n%s", bad, html)
		}
	}
	for _, want := range []string{"<b>F-2026-01187</b>", "<i>payée</i>", `<td colspan="2">Total</td>`,
		`href="https://boulangerie-martin.fr/avis.pdf"`, `rel="nofollow noreferrer noopener"`, `target="_blank"`} {
		if !strings.Contains(html, want) {
			t.Errorf("sanitized original lacks %q:\n%s", want, html)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP of the original: %q", csp)
	}
	if p := f.browser().get(fmt.Sprintf("/replies/%d/original", id)); p.status != http.StatusSeeOther {
		t.Errorf("anonymous original = %d", p.status)
	}
	marc := f.browser()
	marc.login("marc", password)
	if p := marc.get(fmt.Sprintf("/replies/%d/raw", id)); p.status != http.StatusNotFound {
		t.Errorf("another tenant downloads the raw message: %d", p.status)
	}
	if p := b.get(fmt.Sprintf("/replies/%d/raw", id)); p.status != http.StatusOK || !strings.Contains(p.body, "Message-ID: <html-1@boulangerie-martin.fr>") {
		t.Errorf("raw download = %d", p.status)
	}
}
