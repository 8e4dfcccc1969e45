package letters

import (
	"fmt"
	"strings"
)

// Page layout in millimetres, A4 portrait.
const (
	pageWidth   = 210.0
	pageHeight  = 297.0
	marginLeft  = 20.0
	marginRight = 20.0
	marginTop   = 20.0
	textWidth   = pageWidth - marginLeft - marginRight

	// The recipient's address shows through the right window of a DL
	// envelope (French standard, letter folded in three).
	windowX     = 110.0
	windowY     = 45.0
	windowWidth = 85.0

	headTop      = 15.0 // the letterhead, higher than the other pages' text
	logoMaxW     = 45.0
	logoMaxH     = 22.0
	inlineLogoH  = 20.0
	bodyTop      = 95.0 // the reference and date line, below the window
	bodyFont     = 10.0
	bodyLine     = 5.0
	paragraphGap = 3.5
	footerFont   = 7.0
	footerLine   = 3.2
	maxLegal     = 6 // legal mentions lines; more are cut with an ellipsis
)

// letter writes one letter from a new page. total is its number of pages
// for the footers, 0 while counting them.
func (d *document) letter(l Letter, total int) error {
	c := compose(l)
	// The new page ends the previous letter, with its footer: the state of
	// this one is set after.
	d.pdf.AddPage()
	d.w, d.total, d.first = c.w, total, d.pdf.PageNo()
	d.legal = d.legalLines(l.Head.Legal)
	// The text stops above the legal mentions and the page number.
	d.pdf.SetAutoPageBreak(true, pageHeight-d.bottom())
	if err := d.head(l, c); err != nil {
		return err
	}
	for _, b := range c.blocks {
		switch b.kind {
		case blockText:
			d.paragraph(b.text)
		case blockItems, blockSelected:
			d.table(c.table(l, b.kind))
		case blockLogo:
			if err := d.inlineLogo(l.Head.Logo); err != nil {
				return err
			}
		}
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("letters: pdf: %w", err)
	}
	return nil
}

// head writes the first page's top: letterhead, recipient in the window,
// reference and date, subject.
func (d *document) head(l Letter, c composition) error {
	pdf := d.pdf
	y := headTop
	if c.logoInHead {
		lg, err := d.logo(l.Head.Logo)
		if err != nil {
			return err
		}
		w, h := fitBox(lg, logoMaxW, logoMaxH)
		pdf.ImageOptions(lg.name, marginLeft, y, w, h, false, imageOptions, 0, "")
		y += h + 3
	}
	pdf.SetXY(marginLeft, y)
	pdf.SetFont(fontFamily, "B", 13)
	pdf.MultiCell(windowX-marginLeft-5, 6, l.Head.Name, "", "L", false)
	pdf.SetFont(fontFamily, "", 9)
	pdf.SetX(marginLeft)
	pdf.MultiCell(windowX-marginLeft-5, 4, strings.Join(nonEmptyLines(l.Head.Address), "\n"), "", "L", false)
	headBottom := pdf.GetY()

	pdf.SetXY(windowX, windowY)
	if m := c.w.mention(l.Kind); m != "" {
		pdf.SetFont(fontFamily, "B", 8.5)
		pdf.MultiCell(windowWidth, 4, m, "", "L", false)
		pdf.SetXY(windowX, pdf.GetY()+2)
	}
	pdf.SetFont(fontFamily, "B", 10.5)
	pdf.MultiCell(windowWidth, 5, l.To.Name, "", "L", false)
	pdf.SetFont(fontFamily, "", 10.5)
	pdf.SetX(windowX)
	pdf.MultiCell(windowWidth, 5, strings.Join(nonEmptyLines(l.To.Address), "\n"), "", "L", false)

	pdf.SetXY(marginLeft, max(bodyTop, headBottom+6, pdf.GetY()+8))
	pdf.SetFont(fontFamily, "", bodyFont)
	if l.To.Code != "" {
		pdf.CellFormat(textWidth/2, bodyLine, c.w.customer+l.To.Code, "", 0, "L", false, 0, "")
	}
	pdf.SetX(marginLeft + textWidth/2)
	pdf.CellFormat(textWidth/2, bodyLine, dateLine(l, c.w), "", 1, "R", false, 0, "")
	if c.subject != "" {
		pdf.Ln(6)
		pdf.SetFont(fontFamily, "B", bodyFont)
		pdf.MultiCell(textWidth, bodyLine, c.w.subject+c.subject, "", "L", false)
	}
	pdf.Ln(4)
	return nil
}

// paragraph writes a paragraph of the body; fpdf breaks the lines, and
// breaks a word longer than the line where it must.
func (d *document) paragraph(text string) {
	d.pdf.SetFont(fontFamily, "", bodyFont)
	d.pdf.SetX(marginLeft)
	d.pdf.MultiCell(textWidth, bodyLine, text, "", "L", false)
	d.pdf.Ln(paragraphGap)
}

// inlineLogo draws the logo where the body places it.
func (d *document) inlineLogo(b []byte) error {
	lg, err := d.logo(b)
	if err != nil {
		return err
	}
	w, h := fitBox(lg, logoMaxW*1.5, inlineLogoH)
	if d.pdf.GetY()+h > d.bottom() {
		d.pdf.AddPage()
	}
	y := d.pdf.GetY()
	d.pdf.ImageOptions(lg.name, marginLeft, y, w, h, false, imageOptions, 0, "")
	d.pdf.SetY(y + h + paragraphGap)
	return nil
}

// bottom is where the text of a page stops.
func (d *document) bottom() float64 { return pageHeight - d.footerHeight() - 4 }

// footerHeight is the room of the legal mentions and the page number.
func (d *document) footerHeight() float64 { return 12 + float64(len(d.legal))*footerLine }

// footer writes the legal mentions and "Page n/N" at the bottom of a page.
func (d *document) footer() {
	pdf := d.pdf
	pdf.SetFont(fontFamily, "", footerFont)
	pdf.SetTextColor(90, 90, 90)
	y := pageHeight - d.footerHeight() + 2
	for _, ln := range d.legal {
		pdf.SetXY(marginLeft, y)
		pdf.CellFormat(textWidth, footerLine, ln, "", 0, "C", false, 0, "")
		y += footerLine
	}
	if d.total > 0 {
		pdf.SetXY(marginLeft, pageHeight-11)
		pdf.CellFormat(textWidth, 4, fmt.Sprintf(d.w.page, pdf.PageNo()-d.first+1, d.total), "", 0, "R", false, 0, "")
	}
	pdf.SetTextColor(0, 0, 0)
}

// legalLines breaks the legal mentions to the width of the footer, cutting
// what would not fit with an ellipsis.
func (d *document) legalLines(legal string) []string {
	d.pdf.SetFont(fontFamily, "", footerFont)
	var out []string
	for _, ln := range nonEmptyLines(legal) {
		out = append(out, d.pdf.SplitText(ln, textWidth-2)...)
	}
	if len(out) > maxLegal {
		out = out[:maxLegal]
		out[maxLegal-1] += "…"
	}
	return out
}

// fitBox scales a logo into a box, keeping its proportions.
func fitBox(lg logo, maxW, maxH float64) (w, h float64) {
	w, h = maxW, maxW*float64(lg.height)/float64(lg.width)
	if h > maxH {
		w, h = maxH*float64(lg.width)/float64(lg.height), maxH
	}
	return w, h
}
