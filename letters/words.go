package letters

import (
	"strconv"
	"time"

	"github.com/triage-ar/triage/triage"
)

// words are the fixed texts of a letter in one language. They are printed
// on paper, not shown in the web UI, so they live here rather than in the
// web message catalog.
type words struct {
	subject    string // before the subject line
	customer   string // before the customer's code
	registered string // mention of a registered letter (LRAR)
	electronic string // mention of an electronic registered letter (ERE)
	page       string // "Page %d/%d"
	total      string // label of the total row of an items table
	columns    [6]string
	kinds      map[triage.ItemKind]string
	months     [12]string
}

var wordsByLang = map[string]words{
	triage.LangFR: {
		subject:    "Objet" + triage.NBSP + ": ",
		customer:   "Code client" + triage.NBSP + ": ",
		registered: "Lettre recommandée avec accusé de réception",
		electronic: "Envoi recommandé électronique",
		page:       "Page %d/%d",
		total:      "Total",
		columns:    [6]string{"N° de pièce", "Type", "Émise le", "Échéance", "Montant", "Reste dû"},
		kinds: map[triage.ItemKind]string{
			triage.ItemInvoice: "Facture", triage.ItemCreditNote: "Avoir", triage.ItemPayment: "Règlement",
		},
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
			"septembre", "octobre", "novembre", "décembre"},
	},
	triage.LangEN: {
		subject:    "Subject: ",
		customer:   "Customer code: ",
		registered: "Registered letter with acknowledgment of receipt",
		electronic: "Electronic registered letter",
		page:       "Page %d/%d",
		total:      "Total",
		columns:    [6]string{"Number", "Type", "Issued", "Due", "Amount", "Open amount"},
		kinds: map[triage.ItemKind]string{
			triage.ItemInvoice: "Invoice", triage.ItemCreditNote: "Credit note", triage.ItemPayment: "Payment",
		},
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December"},
	},
}

// wordsFor returns the words of a letter's language.
func wordsFor(l Letter) words { return wordsByLang[l.lang()] }

// longDate writes a letter's date in full: "1er mars 2026", "10 mars 2026",
// "10 March 2026". Like triage.FormatDate it reads the date in UTC.
func (w words) longDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	day := strconv.Itoa(t.Day())
	if lang == triage.LangFR && t.Day() == 1 {
		day = "1er"
	}
	return day + " " + w.months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// mention is the line a registered letter carries above the address, ""
// for a simple letter.
func (w words) mention(k Kind) string {
	switch k {
	case KindRegistered:
		return w.registered
	case KindElectronic:
		return w.electronic
	}
	return ""
}

// kind names an item's kind, its code when the language has no word for it.
func (w words) kind(k triage.ItemKind) string {
	if s, ok := w.kinds[k]; ok {
		return s
	}
	return string(k)
}
