package letters

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/triage-ar/triage/triage"
)

// TestRenderGolden renders letters and compares the text of their PDF with
// golden files, plus what each case is about.
func TestRenderGolden(t *testing.T) {
	longWord := strings.Repeat("Anticonstitutionnellement", 8)
	tests := []struct {
		name   string
		letter func(t *testing.T) Letter
		pages  int
		images int
		check  func(t *testing.T, pages []string)
	}{
		{
			name: "fr_simple", pages: 1,
			letter: func(*testing.T) Letter { return frLetter(KindSimple) },
			check: func(t *testing.T, p []string) {
				contains(t, p[0], "Établissements Lefèvre & Fils", "Boulangerie Dupré SARL", "Code client : C10042",
					"Lyon, le 10 mars 2026", "Objet : Relance — factures échues de Boulangerie Dupré SARL",
					"solde échu de 10 135,35 €", "(10 mars 2026)", "« Si votre", "d’agréer",
					"1 245,60 €", "18 400,00 €", "-310,25 €", "19 335,35 €", "10 135,35 €", "Camille Roux", "Page 1/1",
					"SAS au capital de 150 000 €")
				absent(t, p[0], "#", "recommandée")
			},
		},
		{
			name: "en_simple", pages: 1,
			letter: func(*testing.T) Letter { return enLetter() },
			check: func(t *testing.T, p []string) {
				contains(t, p[0], "Harbour Tools Ltd", "Customer code: C20317", "10 March 2026",
					"Subject: Overdue invoices — account C20317", "Open amount", "£2,480.00", "£3,095.50", "£2,595.50",
					"James O’Neill", "Page 1/1")
				absent(t, p[0], "#", "Objet", "Registered letter")
			},
		},
		{
			name: "fr_registered_60_items", pages: 3,
			letter: func(*testing.T) Letter {
				l := frLetter(KindRegistered)
				l.Items = manyItems(60)
				l.Subject = "Mise en demeure de payer — compte #customer_code"
				l.Body = "Madame, Monsieur,\n\nMalgré nos relances des 12 janvier et 9 février 2026, restées sans effet, " +
					"les factures ci-dessous demeurent impayées à ce jour.\n\n" +
					"Par la présente, nous vous mettons en demeure de nous régler la somme de #total_due sous quinze jours " +
					"à compter de la réception de ce courrier. À défaut, nous engagerons une procédure de recouvrement judiciaire, " +
					"les frais en restant à votre charge, et l’indemnité forfaitaire de 40 € par facture prévue à l’article L441-10 " +
					"du Code de commerce vous sera réclamée.\n\n#items_list\n\n#collector_name\nService recouvrement"
				l.Values = triage.HashtagValues{"#total_due": triage.FormatMoney("fr", 71507.70, "EUR"), "#collector_name": "Camille Roux"}
				return l
			},
			check: func(t *testing.T, p []string) {
				contains(t, p[0], "Lettre recommandée avec accusé de réception", "FA-2025-1000")
				for i, page := range p {
					contains(t, page, "N° de pièce", "Reste dû")
					contains(t, page, "Page "+string(rune('1'+i))+"/3")
				}
				last := p[len(p)-1]
				contains(t, last, "FA-2025-1059", "Total", "71 507,70 €", "Camille Roux")
				absent(t, p[0]+p[1], "Total")
			},
		},
		{
			name: "fr_electronic", pages: 1,
			letter: func(*testing.T) Letter { return frLetter(KindElectronic) },
			check: func(t *testing.T, p []string) {
				contains(t, p[0], "Envoi recommandé électronique")
				absent(t, p[0], "accusé de réception")
			},
		},
		{
			name: "logo_png_letterhead", pages: 1, images: 1,
			letter: func(t *testing.T) Letter {
				l := frLetter(KindSimple)
				l.Head.Logo = testLogo(t, "png")
				l.Body = "#company_logo\n\n" + l.Body
				return l
			},
		},
		{
			name: "logo_jpeg_inline", pages: 1, images: 1,
			letter: func(t *testing.T) Letter {
				l := enLetter()
				l.Head.Logo = testLogo(t, "jpeg")
				l.Body += "\n\n#company_logo\n#company_name"
				return l
			},
			check: func(t *testing.T, p []string) {
				if strings.Count(p[0], "Harbour Tools Ltd") != 2 {
					t.Errorf("want the company name in the letterhead and under the inline logo:\n%s", p[0])
				}
			},
		},
		{
			name: "empty_items", pages: 1,
			letter: func(*testing.T) Letter {
				l := frLetter(KindSimple)
				l.Items, l.Selected = nil, nil
				return l
			},
			check: func(t *testing.T, p []string) {
				absent(t, p[0], "N° de pièce", "Total")
				contains(t, p[0], "Nous vous remercions")
			},
		},
		{
			name: "long_word", pages: 1,
			letter: func(*testing.T) Letter {
				l := frLetter(KindSimple)
				l.Body = "Référence : " + longWord + "\n\n#collector_name"
				return l
			},
			check: func(t *testing.T, p []string) {
				joined := regexp.MustCompile(`\s+`).ReplaceAllString(p[0], "")
				if !strings.Contains(joined, longWord) {
					t.Errorf("the long word is not printed whole:\n%s", p[0])
				}
				for _, ln := range strings.Split(p[0], "\n") {
					if strings.Contains(ln, "Anticonstitution") && len([]rune(strings.TrimSpace(ln))) > 110 {
						t.Errorf("the long word overflows the line: %q", ln)
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.letter(t)
			var pdf bytes.Buffer
			if err := Render(&pdf, l); err != nil {
				t.Fatalf("Render: %v", err)
			}
			text := pdfText(t, pdf.Bytes())
			golden(t, tt.name, text)
			// a glyph missing from the font would come out as "?" or U+FFFD
			absent(t, text, "?", "\ufffd")
			p := pages(text)
			if len(p) != tt.pages {
				t.Fatalf("%d pages, want %d", len(p), tt.pages)
			}
			if n := imageCount(t, pdf.Bytes()); n != tt.images {
				t.Errorf("%d images in the PDF, want %d", n, tt.images)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

// imageCount counts the images of a PDF with pdfimages -list.
func imageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	out := runPoppler(t, "pdfimages", pdf, "-list")
	n := 0
	for _, ln := range strings.Split(out, "\n")[2:] {
		if f := strings.Fields(ln); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

// TestRenderAllRestartsPageNumbers prints letters of 1 and 3 pages in one
// PDF: each numbers its own pages.
func TestRenderAllRestartsPageNumbers(t *testing.T) {
	long := frLetter(KindRegistered)
	long.Items = manyItems(60)
	long.Head.Legal = "SARL Lefèvre — RCS Lyon 512 345 678"
	var pdf bytes.Buffer
	if err := RenderAll(&pdf, []Letter{frLetter(KindSimple), long, enLetter()}); err != nil {
		t.Fatalf("RenderAll: %v", err)
	}
	p := pages(pdfText(t, pdf.Bytes()))
	want := []string{"Page 1/1", "Page 1/3", "Page 2/3", "Page 3/3", "Page 1/1"}
	if len(p) != len(want) {
		t.Fatalf("%d pages, want %d", len(p), len(want))
	}
	for i, w := range want {
		contains(t, p[i], w)
	}
	// each page's footer is that of its own letter
	contains(t, p[0], "SAS au capital")
	contains(t, p[3], "SARL Lefèvre")
	contains(t, p[4], "Registered in England")
	absent(t, p[4], "SARL Lefèvre")
}

// TestRenderPagesCounts checks the page count a postal provider is given
// against the pages pdftotext finds.
func TestRenderPagesCounts(t *testing.T) {
	long := frLetter(KindRegistered)
	long.Items = manyItems(60)
	for _, tt := range []struct {
		name string
		l    Letter
		want int
	}{{"one page", frLetter(KindSimple), 1}, {"60 items", long, 3}, {"english", enLetter(), 1}} {
		t.Run(tt.name, func(t *testing.T) {
			var pdf bytes.Buffer
			n, err := RenderPages(&pdf, tt.l)
			if err != nil {
				t.Fatalf("RenderPages: %v", err)
			}
			if got := len(pages(pdfText(t, pdf.Bytes()))); n != tt.want || got != tt.want {
				t.Errorf("RenderPages = %d, the PDF has %d pages; want %d", n, got, tt.want)
			}
		})
	}
}

func TestRenderAllNone(t *testing.T) {
	if err := RenderAll(&bytes.Buffer{}, nil); err == nil {
		t.Fatal("RenderAll of no letter: want an error")
	}
}

// TestRenderDeterministic: the same letter gives the same bytes, so that a
// resend has the same checksum.
func TestRenderDeterministic(t *testing.T) {
	l := frLetter(KindRegistered)
	l.Head.Logo = testLogo(t, "png")
	var a, b bytes.Buffer
	if err := Render(&a, l); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, l); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renderings of the same letter differ")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}

func TestRenderRefuses(t *testing.T) {
	tests := []struct {
		name   string
		letter func() Letter
		want   string
	}{
		{"unknown hashtag in body", func() Letter {
			l := frLetter(KindSimple)
			l.Body += "\n\nMontant : #montant_du"
			return l
		}, "#montant_du"},
		{"unknown hashtag in subject", func() Letter {
			l := enLetter()
			l.Subject = "Invoice #invoice_number"
			return l
		}, "#invoice_number"},
		{"unknown kind", func() Letter {
			l := frLetter("fax")
			return l
		}, `"fax"`},
		{"logo that is not an image", func() Letter {
			l := frLetter(KindSimple)
			l.Head.Logo = []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")
			return l
		}, "PNG or JPEG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Render(&out, tt.letter())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render: err = %v, want one naming %s", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written despite the error", out.Len())
			}
		})
	}
	l := frLetter(KindSimple)
	l.Head.Logo = []byte("GIF89a")
	if err := Render(&bytes.Buffer{}, l); !errors.Is(err, ErrInvalidImage) {
		t.Errorf("Render with a GIF logo: err = %v, want ErrInvalidImage", err)
	}
}

// contains fails the test for each text missing from page.
func contains(t *testing.T, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(page, s) {
			t.Errorf("missing %q in:\n%s", s, page)
		}
	}
}

// absent fails the test for each text present in page.
func absent(t *testing.T, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(page, s) {
			t.Errorf("unexpected %q in:\n%s", s, page)
		}
	}
}

// TestRenderKeepsAmountsWhole: the no-break spaces of French amounts keep
// "10 135,35 €" on one line wherever the paragraph breaks.
func TestRenderKeepsAmountsWhole(t *testing.T) {
	l := frLetter(KindSimple)
	l.Items = nil
	l.Body = strings.Repeat("reste dû #total_due, ", 60)
	var pdf bytes.Buffer
	if err := Render(&pdf, l); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf.Bytes())
	if n := strings.Count(text, "10 135,35 €"); n != 60 {
		t.Errorf("%d whole amounts, want 60:\n%s", n, text)
	}
	split := regexp.MustCompile(`(?m)^\s*(€|\d{3},\d{2}|\d+,\d{2}\s*€)`)
	if m := split.FindString(text); m != "" {
		t.Errorf("a line starts with the end of an amount (%q):\n%s", m, text)
	}
}
