package postal

import (
	"bytes"
	"sync"
	"testing"

	"github.com/triage-ar/triage/letters"
)

var (
	testTo   = letters.Recipient{Name: "Boulangerie Dupré SARL", Code: "C10042", Address: "Mme Hélène Dupré\n8, avenue Jean-Jaurès\n13001 Marseille"}
	testFrom = letters.Letterhead{Name: "Établissements Lefèvre & Fils", Address: "12, rue de l’Église\n69003 Lyon"}
	// testPDF is a real registered letter, rendered once for all tests.
	testPDF = sync.OnceValues(func() ([]byte, error) {
		var pdf bytes.Buffer
		err := letters.Render(&pdf, letters.Letter{
			Kind: letters.KindRegistered, Lang: "fr", Head: testFrom, To: testTo,
			Subject: "Mise en demeure", Body: "Madame, Monsieur,\n\nNous vous mettons en demeure de régler #total_due.",
		})
		return pdf.Bytes(), err
	})
)

// testMail is a registered letter to a French customer.
func testMail(t *testing.T, id string) Mail {
	t.Helper()
	pdf, err := testPDF()
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return Mail{ID: id, Kind: letters.KindRegistered, PDF: bytes.Clone(pdf), To: testTo, From: testFrom, Pages: 1}
}

func TestMailCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Mail)
	}{
		{"id with a slash", func(m *Mail) { m.ID = "../etc/passwd" }},
		{"id starting with a dot", func(m *Mail) { m.ID = ".hidden" }},
		{"empty id", func(m *Mail) { m.ID = "" }},
		{"unknown kind", func(m *Mail) { m.Kind = "fax" }},
		{"not a pdf", func(m *Mail) { m.PDF = []byte("<html>") }},
		{"no pages", func(m *Mail) { m.Pages = 0 }},
		{"no address", func(m *Mail) { m.To.Address = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMail(t, "triage-1-42")
			if err := m.check(); err != nil {
				t.Fatalf("valid mail refused: %v", err)
			}
			tt.change(&m)
			if err := m.check(); err == nil {
				t.Fatal("check accepted it")
			}
		})
	}
}
