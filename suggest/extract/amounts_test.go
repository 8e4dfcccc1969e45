package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestAmounts(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Nous avons viré 1 245,60 € hier.", "124560 EUR 1 245,60 €"},
		{"Nous avons viré 1\u00a0245,60\u00a0€ hier.", "124560 EUR 1\u00a0245,60\u00a0€"},
		{"Montant : 1\u202f245,60 EUR.", "124560 EUR 1\u202f245,60 EUR"},
		{"We sent €1,245.60 today.", "124560 EUR €1,245.60"},
		{"Überweisung über 1.245,60 EUR.", "124560 EUR 1.245,60 EUR"},
		{"Bezahlt: CHF 300.-", "30000 CHF CHF 300.-"},
		{"We paid £90 by card.", "9000 GBP £90"},
		{"Total 1'250.50 CHF.", "125050 CHF 1'250.50 CHF"},
		{"Hemos pagado 980 euros.", "98000 EUR 980 euros"},
		{"Abbiamo pagato 12,5 €.", "1250 EUR 12,5 €"},
		{"$ 2,000 wired, USD 35.20 fees.", "200000 USD $ 2,000 | 3520 USD USD 35.20"},
		{"Solde 12eur", "1200 EUR 12eur"},
		{"facture 2291 : 300 €", "30000 EUR 300 €"},
		{"Appelez le 04 78 61 20 45.", ""},
		{"75008 Paris, SIRET 123 456 789 00012", ""},
		{"Remise de 15 % sur 3 articles.", ""},
		{"99999999999999999999 €", ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, a := range Amounts(tt.text) {
			if tt.text[a.Start:a.End] != a.Text {
				t.Errorf("Amounts(%q): offsets %d-%d do not hold %q", tt.text, a.Start, a.End, a.Text)
			}
			parts = append(parts, fmt.Sprintf("%d %s %s", a.Minor, a.Currency, a.Text))
		}
		if got := strings.Join(parts, " | "); got != tt.want {
			t.Errorf("Amounts(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
