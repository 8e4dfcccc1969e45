package inbox

import (
	"slices"
	"testing"

	"github.com/triage-ar/triage/triage"
)

func TestInvoiceRefs(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  []string
	}{
		{"prefixed shapes", []string{"F-2025-01187, FA25-0456, INV-10442 and RE-2026-5512"}, []string{"F-2025-01187", "FA25-0456", "INV-10442", "RE-2026-5512"}},
		{"digits after a word", []string{"la facture 1187 et les factures n° 1203 et 1219"}, []string{"1187", "1203", "1219"}},
		{"other languages", []string{"Rechnung Nr. 4711, invoice #10442, factura 5120, fattura n. 6231, factuur 4472"}, []string{"4711", "10442", "5120", "6231", "4472"}},
		{"digits of a full reference dropped", []string{"facture 1187", "F-2025-01187 du 11/09/2025"}, []string{"F-2025-01187"}},
		{"duplicates", []string{"F-2026-09405", "Re: F-2026-09405", "f-2026-09405"}, []string{"F-2026-09405"}},
		{"order: subject, new text, quote", []string{"Relance F-2026-00001", "payé la F-2026-00002", "> - F-2026-00001\n> - F-2026-00003"}, []string{"F-2026-00001", "F-2026-00002", "F-2026-00003"}},
		{"amounts are not references", []string{"facture 1245,60 € et facture 980 EUR"}, nil},
		{"dates and phones are not references", []string{"le 11/09/2026, au 04 78 61 20 45, SIRET 123 456 789 00012, TVA FR76123456789"}, nil},
		{"not inside words", []string{"REF-2026-0001 PREFIX2026-1234 AVIS-2026-12"}, nil},
		{"credit note", []string{"avoir AV-2026-0077 and credit note CN-2026-0078"}, []string{"AV-2026-0077", "CN-2026-0078"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InvoiceRefs(tt.texts...); !slices.Equal(got, tt.want) {
				t.Errorf("InvoiceRefs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestItemsReferenced(t *testing.T) {
	items := []triage.Item{
		{CustomerID: 1, Number: "F-2026-09405"}, {CustomerID: 1, Number: "F-2026-10274"}, {CustomerID: 1, Number: "F-2026-11465"},
		{CustomerID: 2, Number: "F-2026-07397"}, {CustomerID: 3, Number: "F-2026-07398"},
	}
	refs := InvoiceRefs("Je paie la F-2026-09405 et la facture 10274 demain")
	if got := ItemsReferenced(refs, items); !slices.Equal(got, []string{"F-2026-09405", "F-2026-10274"}) {
		t.Errorf("ItemsReferenced = %q", got)
	}
	if id, ok := CustomerByInvoices(refs, items); !ok || id != 1 {
		t.Errorf("CustomerByInvoices = %d %v, want 1", id, ok)
	}
	if _, ok := CustomerByInvoices([]string{"F-2026-07397", "F-2026-07398"}, items); ok {
		t.Error("references to two customers designate one")
	}
	if _, ok := CustomerByInvoices([]string{"99"}, items); ok {
		t.Error("too short a reference designates a customer")
	}
}

func TestThreadIDs(t *testing.T) {
	m := &Message{InReplyTo: "c@x", References: []string{"a@x", "b@x", "c@x"}}
	if got := m.ThreadIDs(); !slices.Equal(got, []string{"c@x", "b@x", "a@x"}) {
		t.Errorf("ThreadIDs = %q", got)
	}
	if got := (&Message{}).ThreadIDs(); len(got) != 0 {
		t.Errorf("ThreadIDs of a new thread = %q", got)
	}
}
