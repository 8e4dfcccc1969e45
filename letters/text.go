package letters

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// Text writes a letter as plain text, in the order of the printed page:
// letterhead, mention, recipient, reference and date, subject, body with
// its items tables, legal mentions. It is the letter's preview in HTML
// (shown in a preformatted block) and what tests compare.
func Text(l Letter) string {
	c := compose(l)
	var b strings.Builder
	line := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	lines := func(s string) {
		for _, ln := range nonEmptyLines(s) {
			line(ln)
		}
	}
	line(l.Head.Name)
	lines(l.Head.Address)
	line("")
	if m := c.w.mention(l.Kind); m != "" {
		line(m)
	}
	line(l.To.Name)
	lines(l.To.Address)
	line("")
	if l.To.Code != "" {
		line(c.w.customer + l.To.Code)
	}
	line(dateLine(l, c.w))
	if c.subject != "" {
		line("")
		line(c.w.subject + c.subject)
	}
	for _, bl := range c.blocks {
		switch bl.kind {
		case blockText:
			line("")
			line(bl.text)
		case blockItems, blockSelected:
			if t := c.table(l, bl.kind); !t.empty() {
				line("")
				b.WriteString(t.text())
			}
		}
	}
	if legal := nonEmptyLines(l.Head.Legal); len(legal) > 0 {
		line("")
		line("--")
		lines(l.Head.Legal)
	}
	return b.String()
}

// table is the items table a block of the letter shows.
func (c composition) table(l Letter, k blockKind) table {
	if k == blockSelected {
		return itemsTable(c.w, l.lang(), l.Selected)
	}
	return itemsTable(c.w, l.lang(), l.Items)
}

// text writes the table with its columns padded, amounts on the right.
func (t table) text() string {
	all := t.all()
	var widths [6]int
	for _, r := range all {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, r := range all {
		var cells []string
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i >= firstAmountColumn {
				cells = append(cells, pad+cell)
			} else {
				cells = append(cells, cell+pad)
			}
		}
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// dateLine is the place and date of a letter: "Lyon, le 10 mars 2026" in
// French ("Le 10 mars 2026" when the company's address has no postal code
// line), the date alone in English.
func dateLine(l Letter, w words) string {
	date := w.longDate(l.lang(), l.Date)
	if l.lang() != triage.LangFR {
		return date
	}
	if place := placeOf(l.Head.Address); place != "" {
		return place + ", le " + date
	}
	return "Le " + date
}

// postalLine is a line starting with a postal code of 4 or 5 digits
// ("69003 Lyon", "1000 Bruxelles"), then the town, possibly "CEDEX 03".
var postalLine = regexp.MustCompile(`(?i)^[0-9]{4,5}\s+([^0-9]+?)(?:\s+cedex(?:\s+[0-9]+)?)?$`)

// placeOf is the town of an address: that of its last postal code line.
func placeOf(address string) string {
	lines := nonEmptyLines(address)
	for i := len(lines) - 1; i >= 0; i-- {
		if m := postalLine.FindStringSubmatch(lines[i]); m != nil {
			return m[1]
		}
	}
	return ""
}

// nonEmptyLines splits text into lines, trimmed, without the empty ones.
func nonEmptyLines(s string) []string {
	var out []string
	for _, ln := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}
