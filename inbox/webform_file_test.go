package inbox

import (
	"bytes"
	"errors"
	"testing"

	"github.com/triage-ar/triage/triage"
)

func TestFormFile(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	zip := []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml")
	tests := []struct {
		name       string
		data       []byte
		wantName   string
		wantType   string
		remittance bool
		err        bool
	}{
		{"avis de virement.pdf", pdf, "avis de virement.pdf", "application/pdf", true, false},
		{"../../etc/preuve.PDF", pdf, "preuve.PDF", "application/pdf", true, false}, // only the base name is kept
		{`C:\Users\marc\scan.png`, png, "scan.png", "image/png", true, false},
		{"relevé.xlsx", zip, "relevé.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, false},
		{"note.txt", []byte("Virement du 12/11, réf. VIR-4471"), "note.txt", "text/plain", false, false},
		{"facture.pdf", []byte("<html><script>alert(1)</script></html>"), "", "", false, true}, // content is not a PDF
		{"invoice.xlsx", pdf, "", "", false, true},
		{"setup.exe", []byte("MZ\x90\x00"), "", "", false, true},
		{"page.html", []byte("<html></html>"), "", "", false, true},
		{"vide.pdf", nil, "", "", false, true},
		{"huge.pdf", append(pdf, bytes.Repeat([]byte{' '}, MaxFormFile)...), "", "", false, true},
	}
	for _, tt := range tests {
		a, err := FormFile(tt.name, tt.data)
		if tt.err {
			var verr *triage.ValidationError
			if !errors.As(err, &verr) || verr.Field != "attachment" {
				t.Errorf("%q: err = %v, want a validation error on attachment", tt.name, err)
			}
			continue
		}
		if err != nil || a.Name != tt.wantName || a.ContentType != tt.wantType || a.Size != len(tt.data) || a.Remittance != tt.remittance {
			t.Errorf("%q: %+v, %v", tt.name, a, err)
		}
	}
}
