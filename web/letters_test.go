package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/triage"
)

// withLetters stores the default letter templates in the first tenant,
// gives its customer a postal address, and returns the templates by code.
func (f *fixture) withLetters() map[string]triage.LetterTemplate {
	f.t.Helper()
	ctx := context.Background()
	for _, lt := range triage.DefaultLetterTemplates(triage.LangFR) {
		lt.TenantID = f.acme.ID
		_, err := f.db.SaveLetterTemplate(ctx, lt, triage.Audit{TenantID: f.acme.ID, Action: "seed", Entity: "action_template"})
		must(f.t, err)
	}
	must(f.t, f.db.SetCustomerAddress(ctx, f.acme.ID, f.customer.ID, "12 rue des Lilas\n69003 Lyon"))
	ts, err := f.db.LetterTemplates(ctx, f.acme.ID)
	must(f.t, err)
	out := make(map[string]triage.LetterTemplate, len(ts))
	for _, lt := range ts {
		out[lt.Code] = lt
	}
	return out
}

// planLetter plans a letter of template code for julie's customer, due today.
func (f *fixture) planLetter(code string) int64 {
	f.t.Helper()
	id, err := f.db.PlanLetter(context.Background(), triage.Action{TenantID: f.acme.ID, CustomerID: f.customer.ID,
		Items: []string{"F-2026-01187"}, Template: code, Due: triage.Day(time.Now()), AssigneeID: &f.julie.ID})
	must(f.t, err)
	return id
}

// getRaw fetches a path and returns its status, content type and body.
func (b *browser) getRaw(path string) (int, string, []byte) {
	b.t.Helper()
	resp, err := b.c.Get(b.base + path)
	must(b.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(b.t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

func (b *browser) postRaw(path string, form url.Values) (int, string, []byte) {
	b.t.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	must(b.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(b.t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

func TestLetterTemplateEditor(t *testing.T) {
	f := newFixture(t)
	f.withLetters()
	boss, _ := f.admin()
	p := boss.get("/admin/letters")
	if p.status != http.StatusOK || !strings.Contains(p.body, "Mise en demeure (LRAR)") || !strings.Contains(p.body, "Lettre recommandée avec AR") {
		t.Fatalf("letters page = %d:\n%s", p.status, p.body)
	}
	csrf := field(t, p, csrfPattern)
	cid := fmt.Sprint(f.customer.ID)
	form := func(body string) url.Values {
		return url.Values{"csrf": {csrf}, "name": {"Relance amiable"}, "letter_kind": {"simple"}, "mode": {"confirm"},
			"subject": {"Relance – compte #customer_code"}, "body": {body}, "customer": {cid}}
	}
	tests := []struct {
		name, body string
		status     int
		want       []string
	}{
		{"unknown hashtags are refused with the known ones", "Bonjour #customer_name, vous devez #montant_du avant le #date_limite.",
			http.StatusUnprocessableEntity, []string{"#montant_du, #date_limite", "#items_list_selected", "#company_logo"}},
		{"an empty body is refused", "  ", http.StatusUnprocessableEntity, []string{"Écrivez un texte"}},
		{"a valid template is saved", "Madame, Monsieur,\n\nMerci de régler #items_list_selected, soit #total_due.\n\n#collector_name",
			http.StatusSeeOther, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := boss.post("/admin/letters", form(tt.body))
			if p.status != tt.status {
				t.Fatalf("save = %d, want %d:\n%s", p.status, tt.status, p.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("the page does not say %q:\n%s", w, p.body)
				}
			}
		})
	}
	ts, err := f.db.LetterTemplates(context.Background(), f.acme.ID)
	must(t, err)
	var saved triage.LetterTemplate
	for _, lt := range ts {
		if lt.Name == "Relance amiable" {
			saved = lt
		}
	}
	if saved.ID == 0 || saved.Mode != triage.SendConfirm || saved.LetterKind != triage.LetterSimple || len(ts) != 4 {
		t.Fatalf("templates after saving = %+v", ts)
	}
	// The live preview fills the template for the chosen customer.
	p = boss.get(fmt.Sprintf("/admin/letters?edit=%d&customer=%s", saved.ID, cid))
	for _, w := range []string{"Boulangerie Martin SARL", "12 rue des Lilas", "69003 Lyon", "F-2026-01187", "Relance – compte C10042"} {
		if !strings.Contains(p.body, w) {
			t.Errorf("the preview lacks %q", w)
		}
	}
	if strings.Contains(p.body, "Merci de régler #items_list_selected") && strings.Contains(p.body, `id="letter-preview"`) &&
		strings.Contains(p.body[strings.Index(p.body, `id="letter-preview"`):], "#items_list_selected") {
		t.Error("the preview prints a hashtag raw")
	}
	// The preview button shows an unsaved body without saving it.
	pv := form("Aperçu pour #customer_name")
	pv.Set("preview", "1")
	if p := boss.post("/admin/letters", pv); p.status != http.StatusOK || !strings.Contains(p.body, "Aperçu pour Boulangerie Martin SARL") {
		t.Errorf("preview = %d", p.status)
	}
	status, ctype, pdf := boss.getRaw(fmt.Sprintf("/admin/letters/%d/pdf?customer=%s", saved.ID, cid))
	if status != http.StatusOK || ctype != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("pdf = %d %s %.10q", status, ctype, pdf)
	}
	// Collectors do not edit templates; another tenant's customer is not found.
	julie := f.loggedIn()
	if p := julie.get("/admin/letters"); p.status != http.StatusForbidden {
		t.Errorf("collector on the letters admin = %d, want 403", p.status)
	}
	if status, _, _ := boss.getRaw(fmt.Sprintf("/admin/letters/%d/pdf?customer=%d", saved.ID, f.foreign.ID)); status != http.StatusNotFound {
		t.Errorf("preview on another tenant's customer = %d, want 404", status)
	}
}

// pngLogo is a small real PNG.
func pngLogo(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	must(t, png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 40, 20))))
	return buf.Bytes()
}

func TestLetterheadUpload(t *testing.T) {
	f := newFixture(t)
	boss, _ := f.admin()
	csrf := field(t, boss.get("/admin/letters"), csrfPattern)
	post := func(token string, logo []byte, name string) page {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		must(t, w.WriteField("csrf", token))
		must(t, w.WriteField("address", "18 rue de l'Industrie\r\n69007 Lyon"))
		must(t, w.WriteField("legal", "ACME Distribution SAS – RCS Lyon 512 345 678"))
		must(t, w.WriteField("show_logo", "on"))
		if logo != nil {
			fw, err := w.CreateFormFile("logo", name)
			must(t, err)
			fw.Write(logo)
		}
		must(t, w.Close())
		req, err := http.NewRequest(http.MethodPost, boss.base+"/admin/letterhead", &body)
		must(t, err)
		req.Header.Set("Content-Type", w.FormDataContentType())
		resp, err := boss.c.Do(req)
		must(t, err)
		return read(t, resp)
	}
	tests := []struct {
		name   string
		token  string
		logo   []byte
		status int
	}{
		{"without the CSRF token", "", pngLogo(t), http.StatusForbidden},
		{"a text file is no logo", csrf, []byte("GIF89a? no, just text"), http.StatusUnprocessableEntity},
		{"a logo over the limit", csrf, append(pngLogo(t), make([]byte, triage.MaxLogoBytes)...), http.StatusUnprocessableEntity},
		{"a PNG logo", csrf, pngLogo(t), http.StatusSeeOther},
		{"no new logo keeps the old one", csrf, nil, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := post(tt.token, tt.logo, "logo.png"); p.status != tt.status {
				t.Fatalf("letterhead = %d, want %d:\n%.500s", p.status, tt.status, p.body)
			}
		})
	}
	h, err := f.db.Letterhead(context.Background(), f.acme.ID)
	must(t, err)
	if h.Address != "18 rue de l'Industrie\n69007 Lyon" || h.LogoMIME != "image/png" || !bytes.Equal(h.Logo, pngLogo(t)) || !h.ShowLogo {
		t.Fatalf("letterhead = %+v", h)
	}
	if status, ctype, _ := boss.getRaw("/admin/letterhead/logo"); status != http.StatusOK || ctype != "image/png" {
		t.Errorf("logo = %d %s", status, ctype)
	}
}

func TestLettersInTheAgenda(t *testing.T) {
	f := newFixture(t)
	f.withLetters()
	notice := f.planLetter("letter_formal_notice")
	reminder := f.planLetter("letter_reminder")
	julie := f.loggedIn()
	p := julie.get("/agenda")
	for _, w := range []string{"Lettre recommandée avec AR (LRAR)", "Automatique à confirmer", "Manuel (imprimé depuis l&#39;agenda)", "À envoyer",
		fmt.Sprintf(`/actions/%d/letter.pdf`, notice), "Imprimer la sélection (PDF)"} {
		if !strings.Contains(p.body, w) {
			t.Errorf("the agenda lacks %q", w)
		}
	}
	csrf := field(t, p, csrfPattern)
	status, ctype, pdf := julie.getRaw(fmt.Sprintf("/actions/%d/letter.pdf", notice))
	if status != http.StatusOK || ctype != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("letter pdf = %d %s", status, ctype)
	}
	status, ctype, both := julie.postRaw("/letters/print", url.Values{"csrf": {csrf}, "id": {fmt.Sprint(notice), fmt.Sprint(reminder)}})
	if status != http.StatusOK || ctype != "application/pdf" || len(both) <= len(pdf) {
		t.Fatalf("print selected = %d %s (%d bytes, one letter is %d)", status, ctype, len(both), len(pdf))
	}
	if p := julie.post("/letters/print", url.Values{"id": {fmt.Sprint(notice)}}); p.status != http.StatusForbidden {
		t.Errorf("print without CSRF = %d, want 403", p.status)
	}

	// Another tenant sees none of it.
	marc := f.browser()
	if p := marc.login("marc", password); p.status != http.StatusSeeOther {
		t.Fatalf("marc login = %d", p.status)
	}
	mcsrf := field(t, marc.get("/queue"), csrfPattern)
	if p := marc.post("/letters/approve", url.Values{"csrf": {mcsrf}, "id": {fmt.Sprint(notice)}}); p.status != http.StatusNotFound {
		t.Errorf("another tenant approves = %d, want 404", p.status)
	}
	if status, _, _ := marc.getRaw(fmt.Sprintf("/actions/%d/letter.pdf", notice)); status != http.StatusNotFound {
		t.Errorf("another tenant's pdf = %d, want 404", status)
	}
	if p := marc.get(fmt.Sprintf("/customers/%d/letters", f.customer.ID)); p.status != http.StatusNotFound {
		t.Errorf("another tenant's customer letters = %d, want 404", p.status)
	}

	// Another collector of the tenant sees julie's letters in "all
	// actions" but does not send them.
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	must(t, err)
	_, err = f.db.InsertUser(context.Background(), triage.User{TenantID: f.acme.ID, Login: "paul", Name: "Paul", Role: triage.RoleCollector}, hash)
	must(t, err)
	paul := f.browser()
	if p := paul.login("paul", password); p.status != http.StatusSeeOther {
		t.Fatalf("paul login = %d", p.status)
	}
	pp := paul.get("/agenda?mine=0")
	if !strings.Contains(pp.body, fmt.Sprintf(`data-action="%d"`, notice)) || strings.Contains(pp.body, "approve-letter") {
		t.Errorf("paul's view of all actions:\n%s", pp.body)
	}
	if p := paul.post("/letters/approve", url.Values{"csrf": {field(t, pp, csrfPattern)}, "id": {fmt.Sprint(notice)}}); p.status != http.StatusForbidden {
		t.Errorf("another collector approves = %d, want 403", p.status)
	}

	// Approving queues the letter; completing the other records it posted by hand.
	if p := julie.post("/letters/approve", url.Values{"csrf": {csrf}, "id": {fmt.Sprint(notice)}, "back": {"https://evil.example/"}}); p.status != http.StatusSeeOther || p.location != "/agenda" {
		t.Fatalf("approve = %d → %q", p.status, p.location)
	}
	if p := julie.post(fmt.Sprintf("/actions/%d/complete", reminder), url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
		t.Fatalf("complete = %d", p.status)
	}
	for _, id := range []int64{reminder, notice} { // done, or in the provider's hands
		if p := julie.post(fmt.Sprintf("/actions/%d/complete", id), url.Values{"csrf": {csrf}}); p.status != http.StatusConflict {
			t.Errorf("complete letter %d = %d, want 409", id, p.status)
		}
	}
	p = julie.get("/agenda")
	if !strings.Contains(p.body, "En file d&#39;envoi") || strings.Contains(p.body, fmt.Sprintf(`data-action="%d"`, reminder)) {
		t.Errorf("agenda after approving and printing:\n%s", p.body)
	}
	must(t, f.db.RecordLetterEvents(context.Background(), f.acme.ID, reminder,
		[]triage.LetterEvent{{Status: triage.LetterDelivered, Detail: "Distribué à Lyon 3e", At: time.Now().Add(time.Hour)}}))
	p = julie.get(fmt.Sprintf("/customers/%d/letters", f.customer.ID))
	if !strings.Contains(p.body, "Distribué à Lyon 3e") || !strings.Contains(p.body, `letter-delivered">Distribué<`) {
		t.Errorf("the customer's timeline does not show the delivery:\n%s", p.body)
	}
	rows := regexp.MustCompile(`data-letter="\d+"`).FindAllString(p.body, -1)
	if p.status != http.StatusOK || len(rows) != 2 || !strings.Contains(p.body, "En file d&#39;envoi") || !strings.Contains(p.body, "Envoyé") {
		t.Errorf("customer letters = %d, %d rows:\n%s", p.status, len(rows), p.body)
	}
}
