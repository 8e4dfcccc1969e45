package suggest

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Échéance dépassée", "echeance depassee"},
		{"Payé le 12/03/2025", "paye le  _date_ "},
		{"Virement de 1 245,60 € effectué", "virement de  _amount_  effectue"},
		{"paid EUR 300", "paid eur  _num_ "},
		{"Facture F-2025-01187 contestée", "facture  _ref_  contestee"},
		{"invoice INV-10442", "invoice  _ref_ "},
		{"order 4471", "order  _num_ "},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words(Normalize("Bonjour, facture F-2025-01187 payée le 3/11 !"))
	want := []string{"bonjour", "facture", TokRef, "payee", "le", TokDate}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}
