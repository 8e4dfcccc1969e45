package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/web"
)

// postMultipart posts a form with one file, as a browser does.
func (b *browser) postMultipart(path string, fields map[string]string, fileName string, data []byte) page {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		must(b.t, w.WriteField(k, v))
	}
	fw, err := w.CreateFormFile("attachment", fileName)
	must(b.t, err)
	fw.Write(data)
	must(b.t, w.Close())
	req, err := http.NewRequest(http.MethodPost, b.base+path, &body)
	must(b.t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := b.c.Do(req)
	must(b.t, err)
	return read(b.t, resp)
}

// TestFormAttachment: a customer attaches a proof of payment on the form;
// the collector sees it on the reply and downloads it; nobody else can.
func TestFormAttachment(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	customer := f.browser()
	link := strings.TrimPrefix(web.FormURL(f.cfg.BaseURL, f.formToken(f.customer, time.Now().Add(time.Hour))), "http://triage.test")
	p := customer.get(link)
	if !strings.Contains(p.body, `enctype="multipart/form-data"`) || !strings.Contains(p.body, `type="file"`) {
		t.Fatal("the form has no file input")
	}
	fields := map[string]string{"csrf": field(t, p, csrfPattern), "submission_id": field(t, p, submissionPattern),
		"reason": "paid", "text": "Virement fait le 20/11, avis joint.", "lang": "fr"}
	if p := customer.postMultipart(link, fields, "facture.pdf", []byte("<html><script>alert(1)</script></html>")); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "Joignez un fichier PDF") {
		t.Errorf("a disguised HTML file = %d", p.status)
	}
	pdf := []byte("%PDF-1.7\n% avis de virement\ntrailer\n%%EOF\n")
	if p := customer.postMultipart(link, fields, "avis-virement.pdf", pdf); p.status != http.StatusSeeOther {
		t.Fatalf("post with a PDF = %d\n%s", p.status, p.body)
	}
	rows, err := f.db.Queue(ctx, f.acme.ID, store.QueueFilter{})
	must(t, err)
	if len(rows) != 1 {
		t.Fatalf("%d replies stored", len(rows))
	}
	r := rows[0].Reply

	b := f.loggedIn()
	page := b.get(path(r, ""))
	m := regexp.MustCompile(`href="(/replies/\d+/attachments/\d+)" download>avis-virement.pdf</a>`).FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.body, "Justificatif de paiement ?") {
		t.Fatalf("the reply page does not list the file:\n%s", page.body)
	}
	resp, err := b.c.Get(b.base + m[1])
	must(t, err)
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, pdf) || resp.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download = %d %q %v", resp.StatusCode, got, resp.Header)
	}
	// Another tenant's collector and anonymous visitors get nothing.
	marc := f.browser()
	marc.login("marc", password)
	if p := marc.get(m[1]); p.status != http.StatusNotFound {
		t.Errorf("another tenant downloads the file: %d", p.status)
	}
	if p := f.browser().get(m[1]); p.status != http.StatusSeeOther {
		t.Errorf("anonymous download = %d", p.status)
	}
	if p := b.get(fmt.Sprintf("/replies/%d/attachments/999999", r.ID)); p.status != http.StatusNotFound {
		t.Errorf("unknown attachment = %d", p.status)
	}
}
