package letters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"
)

// Render writes one letter as an A4 PDF.
func Render(w io.Writer, l Letter) error {
	_, err := render(w, []Letter{l})
	return err
}

// RenderPages is Render that also tells how many pages the letter has
// (what a postal provider charges and checks).
func RenderPages(w io.Writer, l Letter) (int, error) {
	return render(w, []Letter{l})
}

// RenderAll writes several letters as one PDF, each starting on a new page
// and numbering its own pages ("Page 1/2"): the agenda prints the selected
// letters at once.
func RenderAll(w io.Writer, ls []Letter) error {
	if len(ls) == 0 {
		return errors.New("letters: no letter to render")
	}
	_, err := render(w, ls)
	return err
}

// render lays the letters out twice: once to count the pages of each
// (the footer says "Page n/N"), then for good. Each letter starts on a new
// page and is laid out the same whatever precedes it. It returns the pages
// written.
func render(w io.Writer, ls []Letter) (int, error) {
	counting := newDocument(ls[0].Date)
	starts := make([]int, len(ls)+1)
	for i, l := range ls {
		if err := check(l); err != nil {
			return 0, letterErr(ls, i, err)
		}
		if err := counting.letter(l, 0); err != nil {
			return 0, letterErr(ls, i, err)
		}
		starts[i] = counting.first
	}
	starts[len(ls)] = counting.pdf.PageNo() + 1
	totals := make([]int, len(ls))
	for i := range ls {
		totals[i] = starts[i+1] - starts[i]
	}
	latest := ls[0].Date
	for _, l := range ls[1:] {
		if l.Date.After(latest) {
			latest = l.Date
		}
	}
	d := newDocument(latest)
	d.pdf.SetTitle(compose(ls[0]).subject, true)
	d.pdf.SetAuthor(ls[0].Head.Name, true)
	for i, l := range ls {
		if err := d.letter(l, totals[i]); err != nil {
			return 0, letterErr(ls, i, err)
		}
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return 0, fmt.Errorf("letters: pdf: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return 0, fmt.Errorf("letters: write pdf: %w", err)
	}
	return d.pdf.PageNo(), nil
}

// letterErr names the letter an error is about when there are several.
func letterErr(ls []Letter, i int, err error) error {
	if len(ls) == 1 {
		return err
	}
	return fmt.Errorf("letters: letter %d of %d (%s): %w", i+1, len(ls), ls[i].To.Code, err)
}

// check refuses a letter that cannot be printed as asked.
func check(l Letter) error {
	if !l.Kind.Valid() {
		return fmt.Errorf("letters: unknown kind of letter %q", l.Kind)
	}
	return CheckTemplate(l.Subject, l.Body)
}

// document is a PDF being written, one letter after the other.
type document struct {
	pdf *fpdf.Fpdf
	// the letter being written, which the footer of its pages shows
	legal []string
	w     words
	first int // its first page
	total int // its number of pages, 0 while counting them
	logos map[string]logo
}

// logo is a logo registered in the PDF.
type logo struct {
	name          string
	width, height int // pixels
}

// newDocument starts an empty A4 PDF dated at (not now: the same letters
// give the same file).
func newDocument(at time.Time) *document {
	if at.IsZero() {
		at = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	pdf.SetCreationDate(at.UTC())
	pdf.SetModificationDate(at.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetCreator("triage", false)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	d := &document{pdf: pdf, logos: map[string]logo{}}
	pdf.SetFooterFunc(d.footer)
	return d
}

// logo registers a letterhead's logo once per document.
func (d *document) logo(b []byte) (logo, error) {
	sum := sha256.Sum256(b)
	name := "logo-" + hex.EncodeToString(sum[:8])
	if lg, ok := d.logos[name]; ok {
		return lg, nil
	}
	data, wpx, hpx, err := logoPNG(b)
	if err != nil {
		return logo{}, err
	}
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	if err := d.pdf.Error(); err != nil {
		return logo{}, fmt.Errorf("letters: logo: %w", err)
	}
	lg := logo{name: name, width: wpx, height: hpx}
	d.logos[name] = lg
	return lg, nil
}
