package extract

import (
	"slices"
	"testing"
)

func TestRefs(t *testing.T) {
	tests := []struct {
		texts []string
		want  []string
	}{
		{[]string{"F-2025-01187, FA25-0456, INV-10442 and RE-2026-5512"}, []string{"F-2025-01187", "FA25-0456", "INV-10442", "RE-2026-5512"}},
		{[]string{"la facture 1187 et les factures n° 1203 et 1219"}, []string{"1187", "1203", "1219"}},
		{[]string{"Rechnung Nr. 4711, invoice #10442, factura 5120, fattura n. 6231, factuur 4472"}, []string{"4711", "10442", "5120", "6231", "4472"}},
		{[]string{"facture 1187", "F-2025-01187 du 11/09/2025"}, []string{"F-2025-01187"}},
		{[]string{"F-2026-09405", "Re: F-2026-09405", "f-2026-09405"}, []string{"F-2026-09405"}},
		{[]string{"Relance F-2026-00001", "payé la F-2026-00002", "> - F-2026-00001\n> - F-2026-00003"}, []string{"F-2026-00001", "F-2026-00002", "F-2026-00003"}},
		{[]string{"facture 1245,60 € et facture 980 EUR"}, nil},
		{[]string{"le 11/09/2026, au 04 78 61 20 45, SIRET 123 456 789 00012, TVA FR76123456789"}, nil},
		{[]string{"REF-2026-0001 PREFIX2026-1234 AVIS-2026-12"}, nil},
		{[]string{"avoir AV-2026-0077 and credit note CN-2026-0078"}, []string{"AV-2026-0077", "CN-2026-0078"}},
		{[]string{"Gutschrift 7781 zur Rechnung 4711"}, []string{"7781", "4711"}},
		{[]string{"La F2291 est payée"}, []string{"F2291"}},
		{[]string{"factures\u00a0n°\u00a01187 et 1203"}, []string{"1187", "1203"}},
		{[]string{"75008 Paris, tél. +33 1 42 68 53 00"}, nil},
		{[]string{"Facture N° 2291 réglée"}, []string{"2291"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := Refs(tt.texts...); !slices.Equal(got, tt.want) {
			t.Errorf("Refs(%q) = %q, want %q", tt.texts, got, tt.want)
		}
	}
}

func TestMatchItems(t *testing.T) {
	open := []string{"F-2025-01187", "F-2025-00871", "AV-2025-0042", "F-2291", "F-2026-75008"}
	tests := []struct {
		text string
		refs []string
		want []string
	}{
		{"La facture F-2025-01187 est payée", nil, []string{"F-2025-01187"}},
		{"invoice f-2025-00871 is wrong", nil, []string{"F-2025-00871"}},
		{"votre facture 1187 et la 871", nil, []string{"F-2025-01187", "F-2025-00871"}},
		{"payé", []string{"AV-2025-0042"}, []string{"AV-2025-0042"}},
		{"nous avons payé 1187,00 euros", nil, []string{"F-2025-01187"}},
		{"ok merci", nil, nil},
		{"42 cartons", nil, nil},
		{"facture 2291", nil, []string{"F-2291"}},
		{"La F2291 est payée", nil, []string{"F-2291"}},
		{"Rechnung Nr. 2291 ist bezahlt", nil, []string{"F-2291"}},
		{"Our address: 75008 Paris", nil, nil},
		{"Call +33 1 22 91 87 11", nil, nil},
		{"", []string{"1187"}, []string{"F-2025-01187"}},
		{"", []string{"f2291"}, []string{"F-2291"}},
		{"", []string{"99"}, nil},
		{"F-2025-01187 et F-2025-01187", nil, []string{"F-2025-01187"}},
	}
	for _, tt := range tests {
		if got := MatchItems(tt.text, tt.refs, open); !slices.Equal(got, tt.want) {
			t.Errorf("MatchItems(%q, %q) = %q, want %q", tt.text, tt.refs, got, tt.want)
		}
	}
}
