package letters

import (
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// Items tables: widths of the columns (number, kind, issued, due, amount,
// open amount), which fill the text width, and row height.
var columnWidths = [6]float64{34, 26, 24, 24, 31, 31}

const (
	tableFont = 8.5
	rowHeight = 6.0
)

// imageOptions are those of the logos, re-encoded as PNG.
var imageOptions = fpdf.ImageOptions{ImageType: "PNG"}

// table draws an items table, starting a new page when the next row does
// not fit, with the heading row repeated at the top of each page.
func (d *document) table(t table) {
	if t.empty() {
		return
	}
	pdf := d.pdf
	// the heading and at least one row on the same page
	if pdf.GetY()+2*rowHeight > d.bottom() {
		pdf.AddPage()
	}
	d.row(t.head, "B", true)
	for _, r := range t.rows {
		if pdf.GetY()+rowHeight > d.bottom() {
			pdf.AddPage()
			d.row(t.head, "B", true)
		}
		d.row(r, "", false)
	}
	for i, r := range t.totals {
		if pdf.GetY()+rowHeight > d.bottom() {
			pdf.AddPage()
			d.row(t.head, "B", true)
		}
		border := ""
		if i == 0 {
			border = "T"
		}
		d.rowBorder(r, border)
	}
	pdf.Ln(paragraphGap)
}

// row draws one row of a table.
func (d *document) row(r [6]string, style string, shade bool) {
	pdf := d.pdf
	pdf.SetFont(fontFamily, style, tableFont)
	pdf.SetFillColor(230, 230, 230)
	pdf.SetX(marginLeft)
	for i, cell := range r {
		align := "L"
		if i >= firstAmountColumn {
			align = "R"
		}
		pdf.CellFormat(columnWidths[i], rowHeight, d.fit(cell, columnWidths[i]-2), "B", 0, align, shade, 0, "")
	}
	pdf.Ln(rowHeight)
}

// rowBorder draws a total row, in bold, under a rule.
func (d *document) rowBorder(r [6]string, border string) {
	pdf := d.pdf
	pdf.SetFont(fontFamily, "B", tableFont)
	pdf.SetX(marginLeft)
	// the label spans the columns left of the amounts
	label := columnWidths[0] + columnWidths[1] + columnWidths[2] + columnWidths[3]
	pdf.CellFormat(label, rowHeight, d.fit(r[0], label-2), border, 0, "L", false, 0, "")
	for i := firstAmountColumn; i < len(r); i++ {
		pdf.CellFormat(columnWidths[i], rowHeight, d.fit(r[i], columnWidths[i]-2), border, 0, "R", false, 0, "")
	}
	pdf.Ln(rowHeight)
}

// fit shortens a cell's text with an ellipsis to the width of its column.
func (d *document) fit(s string, width float64) string {
	if d.pdf.GetStringWidth(s) <= width {
		return s
	}
	for n := utf8.RuneCountInString(s) - 1; n > 0; n-- {
		short := strings.TrimSpace(string([]rune(s)[:n])) + "…"
		if d.pdf.GetStringWidth(short) <= width {
			return short
		}
	}
	return "…"
}
