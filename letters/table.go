package letters

import (
	"slices"

	"github.com/triage-ar/triage/triage"
)

// table is an items table as written in a letter: one row per item, then a
// total row per currency.
type table struct {
	head   [6]string
	rows   [][6]string
	totals [][6]string
}

// amountColumns are the columns of amounts, aligned to the right.
const firstAmountColumn = 4

// itemsTable writes items in a letter's language. An empty list gives an
// empty table, which a letter leaves out.
func itemsTable(w words, lang string, items []triage.Item) table {
	t := table{head: w.columns}
	type sum struct{ amount, open float64 }
	var currencies []string
	sums := map[string]*sum{}
	for _, it := range items {
		t.rows = append(t.rows, [6]string{
			it.Number, w.kind(it.Kind), triage.FormatDate(lang, it.Issued), triage.FormatDate(lang, it.Due),
			triage.FormatMoney(lang, it.Amount, it.Currency), triage.FormatMoney(lang, it.OpenAmount, it.Currency),
		})
		s, ok := sums[it.Currency]
		if !ok {
			s = &sum{}
			sums[it.Currency] = s
			currencies = append(currencies, it.Currency)
		}
		s.amount += it.Amount
		s.open += it.OpenAmount
	}
	for _, c := range currencies {
		label := w.total
		if len(currencies) > 1 {
			label += " " + c
		}
		s := sums[c]
		t.totals = append(t.totals, [6]string{label, "", "", "", triage.FormatMoney(lang, s.amount, c), triage.FormatMoney(lang, s.open, c)})
	}
	return t
}

// empty reports whether the table has no item.
func (t table) empty() bool { return len(t.rows) == 0 }

// all returns the head, the rows and the totals, in order.
func (t table) all() [][6]string {
	return slices.Concat([][6]string{t.head}, t.rows, t.totals)
}
