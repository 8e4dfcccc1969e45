package inbox

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("relevé-", 40) + ".pdf"
	tests := []struct{ in, want string }{
		{"avis de virement.pdf", "avis de virement.pdf"},
		{"facture\u202Efdp.exe", "facturefdp.exe"},
		{"re\xe7u\xff.pdf", "reu.pdf"},
		{"preuve\x00.pdf", "preuve.pdf"},
		{"scan\r\nContent-Type: text/html.png", "scanContent-Type: text/html.png"},
		{"\u2067payment\u2069.txt", "payment.txt"},
		{"  proof of payment.PDF ", "proof of payment.PDF"},
		{"Überweisung_März.pdf", "Überweisung_März.pdf"},
		{long, long[:maxFileName-4] + ".pdf"},
	}
	for _, tt := range tests {
		got := cleanFileName(tt.in)
		if got != tt.want || len(got) > maxFileName || !utf8.ValidString(got) {
			t.Errorf("cleanFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFormFile checks the web form's upload checks: whatever the name and
// content, a file is refused with a validation error or accepted with a
// clean name, an accepted type and content that matches it.
func FuzzFormFile(f *testing.F) {
	f.Add("avis de virement.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"))
	f.Add("facture\u202Efdp.exe", []byte("MZ\x90\x00"))
	f.Add(`C:\Users\marc\scan.png`, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add("relevé.xlsx", []byte("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"))
	f.Add("note.txt", []byte("Virement du 12/11, réf. VIR-4471"))
	f.Add("facture.pdf", []byte("<html><script>alert(1)</script></html>"))
	f.Add("re\xe7u\x00.csv", []byte("date;montant\n12/03/2026;1 245,60\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := FormFile(name, data)
		if err != nil {
			var verr *triage.ValidationError
			if !errors.As(err, &verr) || verr.Field != "attachment" {
				t.Fatalf("err = %v, want a validation error on attachment", err)
			}
			return
		}
		if !utf8.ValidString(a.Name) || len(a.Name) > maxFileName || strings.ContainsAny(a.Name, "/\\") {
			t.Fatalf("accepted name %q", a.Name)
		}
		for _, r := range a.Name {
			if unicode.IsControl(r) || isBidiControl(r) {
				t.Fatalf("accepted name %q holds %U", a.Name, r)
			}
		}
		if ct, ok := formFileTypes[strings.ToLower(filepath.Ext(a.Name))]; !ok || ct != a.ContentType {
			t.Fatalf("accepted %q as %s", a.Name, a.ContentType)
		}
		if a.Size != len(data) || a.Size == 0 || a.Size > MaxFormFile {
			t.Fatalf("accepted %d bytes as %d", len(data), a.Size)
		}
	})
}

// FuzzFormReply checks the parsing of the web form's fields: whatever the
// customer posts, the answer is refused with a validation error or becomes
// a reply the store accepts, with only the customer's open items.
func FuzzFormReply(f *testing.F) {
	f.Add("paid", "Virement effectué le 3 mars, réf. VIR-4471.", "FA-2026-0042", "0123456789abcdef0123456789abcdef", "fr")
	f.Add("will_pay", "We will pay on the 15th.", "FA-2026-0043", "fedcba9876543210fedcba9876543210", "en")
	f.Add("other", "\u202Egnp.exe\x00<script>alert(1)</script>", "' OR 1=1 --", "0123456789abcdef0123456789abcdef", "")
	f.Add("dispute", "pay\xe9", "FA-2026-0042", "not-an-id", "de")
	customer := triage.Customer{ID: 7, Name: "Société Dupont", Emails: []string{"compta@dupont.fr"}, Lang: "fr"}
	open := []triage.Item{{Number: "FA-2026-0042"}, {Number: "FA-2026-0043"}}
	claims := FormClaims{TenantID: 1, CustomerID: 7, Items: []string{"FA-2026-0042"}}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, reason, text, item, submission, lang string) {
		r, err := FormReply(claims, customer, open, FormAnswer{Reason: FormReason(reason), Items: []string{item},
			Text: text, SubmissionID: submission, Lang: lang}, now)
		if err != nil {
			var verr *triage.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("err = %v, want a validation error", err)
			}
			return
		}
		for _, s := range []string{r.Text, r.BodyClean, r.Subject, r.MessageID} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("reply field %q would be refused by the store", s)
			}
		}
		for _, ref := range r.ItemRefs {
			if ref != "FA-2026-0042" && ref != "FA-2026-0043" {
				t.Fatalf("item %q is not the customer's", ref)
			}
		}
	})
}
