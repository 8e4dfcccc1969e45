package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// injections are classic SQL injection payloads and the inputs that break
// naive escaping: quotes, comments, backslashes, NUL bytes, very long and
// non-Latin strings.
var injections = []string{
	`' OR 1=1 --`,
	`" OR ""="`,
	`'; DROP TABLE reply; --`,
	`1; SELECT pg_sleep(0) --`,
	`1 UNION SELECT id, login, password_hash FROM app_user --`,
	`\' OR 1=1 #`,
	`\\`,
	`%' OR '%'='`,
	`_%_`,
	"F-2026\x00' OR 1=1",
	"\x00",
	`$$; DELETE FROM reply; $$`,
	`-1`,
	`99999999999999999999999999`,
	strings.Repeat("A' OR 'A'='A", 2000),
	"l'huissier ‮fdp.exe 支払い済み 🧾",
	"\xff\xfe invalid UTF-8",
}

// queryParams lists, per page, the query parameters it reads.
var queryParams = map[string][]string{
	"/queue":     {"q", "status", "mailbox", "source", "review", "auto", "unknown", "mine", "after"},
	"/customers": {"q", "codes", "unassigned"},
	"/agenda":    {"mine"},
	"/reports":   {"from", "to", "period"},
}

func TestQueryParamsResistInjection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	julie := f.loggedIn()
	boss, _ := f.admin()
	mine := f.ingest(f.customer, "RE: Relance F-2026-01187", "Nous avons payé le 3 mars.", time.Now())
	f.ingest(f.foreign, "Invoice G-1", "We will pay next week", time.Now())
	for page, params := range queryParams {
		for _, param := range params {
			for _, payload := range injections {
				target := page + "?" + url.Values{param: {payload}}.Encode()
				p := julie.get(target)
				if p.status != http.StatusOK && p.status != http.StatusBadRequest {
					t.Errorf("GET %s=%.40q = %d, want 200 or 400", page+"?"+param, payload, p.status)
				}
				if strings.Contains(p.body, "Invoice G-1") || strings.Contains(p.body, "Globex Customer") {
					t.Errorf("GET %s=%.40q shows the other tenant's data", page+"?"+param, payload)
				}
				if param == "q" && page == "/queue" && strings.Contains(p.body, "Nous avons payé") {
					t.Errorf("searching %.40q finds a reply that does not contain it", payload)
				}
			}
		}
	}
	for _, target := range []string{"/admin/prompts?diff=", "/admin/evals?format=", "/admin/evals?baseline=", "/admin/letters?customer=", "/admin/letters?edit="} {
		for _, payload := range injections {
			if p := boss.get(target + url.QueryEscape(payload)); p.status >= 500 {
				t.Errorf("GET %s%.40q = %d", target, payload, p.status)
			}
		}
	}
	tok := f.apiToken(f.acme.ID, "erp")
	for _, param := range []string{"state", "limit", "after"} {
		for _, payload := range injections {
			st, body := f.apiDo(http.MethodGet, "/api/v1/replies?"+url.Values{param: {payload}}.Encode(), tok, "", "", "")
			if st != http.StatusOK && st != http.StatusBadRequest {
				t.Errorf("API %s=%.40q = %d %v, want 200 or 400", param, payload, st, body)
			}
		}
	}
	// The data survived every payload.
	if r, err := f.db.Reply(ctx, f.acme.ID, mine.ID); err != nil || r.Subject != "RE: Relance F-2026-01187" {
		t.Errorf("the reply after the payloads: %+v, %v", r, err)
	}
	if p := julie.get("/queue?mine=0&q=" + url.QueryEscape("payé le 3 mars")); !strings.Contains(p.body, "Nous avons payé") {
		t.Error("a plain search no longer finds the reply")
	}
}

// multipartForm encodes fields and one file as a browser posts them.
func multipartForm(t *testing.T, fields url.Values, fileField, fileName string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			must(t, w.WriteField(k, v))
		}
	}
	fw, err := w.CreateFormFile(fileField, fileName)
	must(t, err)
	_, err = fw.Write(data)
	must(t, err)
	must(t, w.Close())
	return w.FormDataContentType(), &buf
}

func TestOversizedPostsAreRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	customer := f.browser()
	link := "/form/" + f.formToken(f.customer, time.Now().Add(time.Hour))
	page := customer.get(link)
	csrf := field(t, page, csrfPattern)
	answer := url.Values{"csrf": {csrf}, "reason": {"paid"}, "text": {"Virement fait, avis joint."}, "lang": {"fr"}}
	pdf := []byte("%PDF-1.7\n")
	tests := []struct {
		name   string
		size   int
		status int
		want   string
	}{
		// The file alone is over the form's limit: the body is cut while read.
		{"body over the limit", 11 << 20, http.StatusRequestEntityTooLarge, "Envoi trop volumineux"},
		// The body fits, the file does not: the form comes back with the
		// customer's text and the file's error.
		{"file over the limit", 10<<20 + 1, http.StatusUnprocessableEntity, "10 Mo au plus"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer.Set("submission_id", strings.Repeat("a", 31)+string(rune('0'+i)))
			ct, body := multipartForm(t, answer, "attachment", "avis-virement.pdf", append(pdf, bytes.Repeat([]byte(" "), tt.size-len(pdf))...))
			resp, err := customer.c.Post(customer.base+link, ct, body)
			must(t, err)
			p := read(t, resp)
			if p.status != tt.status || !strings.Contains(p.body, tt.want) {
				t.Errorf("post = %d, want %d with %q:\n%.2000s", p.status, tt.status, tt.want, p.body)
			}
		})
	}
	n, err := f.db.PendingCount(ctx, f.acme.ID, nil)
	must(t, err)
	if n != 0 {
		t.Errorf("%d replies stored from oversized posts", n)
	}
	// A staff form over its 64 KB limit.
	julie := f.loggedIn()
	csrf = field(t, julie.get("/queue"), csrfPattern)
	if p := julie.post("/queue/bulk", url.Values{"csrf": {csrf}, "ids": {strings.Repeat("1,", 40<<10)}}); p.status != http.StatusRequestEntityTooLarge ||
		!strings.Contains(p.body, "Envoi trop volumineux") {
		t.Errorf("an oversized bulk post = %d", p.status)
	}
}

func TestPostedFieldsMustBeText(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	julie := f.loggedIn()
	r := f.ingest(f.customer, "RE: Relance F-2026-01187", "Le prix est faux.", time.Now())
	csrf := field(t, julie.get(path(r, "")), csrfPattern)
	for _, comment := range []string{"litige\x00' OR 1=1", "pay\xe9 le 3 mars"} {
		p := julie.post(path(r, "qualify"), url.Values{"csrf": {csrf}, "status": {"price_dispute"}, "resolver": {"Commercial"},
			"comment": {comment}, "items": {"F-2026-01187"}})
		if p.status != http.StatusBadRequest {
			t.Errorf("qualify with comment %q = %d, want 400", comment, p.status)
		}
	}
	if got, err := f.db.Reply(ctx, f.acme.ID, r.ID); err != nil || got.State != triage.StatePending {
		t.Errorf("the reply after refused posts: %s %v", got.State, err)
	}
	// The customer form's text is cleaned of control characters, not refused.
	customer := f.browser()
	link := "/form/" + f.formToken(f.customer, time.Now().Add(time.Hour))
	form := customer.get(link)
	p := customer.post(link, url.Values{"csrf": {field(t, form, csrfPattern)}, "reason": {"other"},
		"text": {"Bonjour,\u202e nous avons payé\x07 la facture."}, "submission_id": {field(t, form, submissionPattern)}, "lang": {"fr"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("form post with control characters = %d", p.status)
	}
	q := julie.get("/queue?mine=0&q=" + url.QueryEscape("nous avons payé la facture"))
	if !strings.Contains(q.body, "nous avons payé la facture") {
		t.Error("the form's text was not stored cleaned")
	}
}
