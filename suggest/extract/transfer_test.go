package extract

import (
	"slices"
	"testing"
)

func TestTransferRefs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Référence de virement VIR-2026-4471.", []string{"VIR-2026-4471"}},
		{"Virement effectué, ref. 0045-778.", []string{"0045-778"}},
		{"Payment reference: PAY/2026/03/77", []string{"PAY/2026/03/77"}},
		{"End-to-end ID E2E2026031500042", []string{"E2E2026031500042"}},
		{"Verwendungszweck: KD4711 März", []string{"KD4711"}},
		{"Referencia de la transferencia: TR-99812", []string{"TR-99812"}},
		{"Riferimento bonifico 0001234567", []string{"0001234567"}},
		{"Bitte RF18 5390 0754 7034 angeben.", []string{"RF18 5390 0754 7034"}},
		{"Bank transfer sent, reference 778-AB-12; again reference 778-AB-12", []string{"778-AB-12"}},
		{"Libellé du virement : CLIENT 4471", nil},
		{"RF18 5390 0754 7035", nil},
		{"Référence F-2026-0001", nil},
		{"ref. 0045-778", nil},
		{"Virement de la facture F-2026-0001, référence F-2026-0001", nil},
		{"Notre référence de virement est ABC", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := TransferRefs(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("TransferRefs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
