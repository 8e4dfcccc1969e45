package extract

import (
	"slices"
	"testing"
)

func TestItemIntents(t *testing.T) {
	open := []string{"F-101", "F-102", "F-2025-01187", "F-2025-01203"}
	tests := []struct {
		text string
		want []ItemIntent
	}{
		{"F-101 is paid, F-102 has a wrong price", []ItemIntent{{"F-101", "paid"}, {"F-102", "dispute_price"}}},
		{"F-101 est réglée, la F-102 a un prix erroné", []ItemIntent{{"F-101", "paid"}, {"F-102", "dispute_price"}}},
		{"We have not paid F-101 yet.", nil},
		{"Nous n'avons pas encore réglé la F-101.", nil},
		{"Die Rechnung F-101 ist noch nicht bezahlt.", nil},
		{"Concernant la F-102, le prix est erroné.", []ItemIntent{{"F-102", "dispute_price"}}},
		{"Les factures 1187, 1203 sont réglées.", []ItemIntent{{"F-2025-01187", "paid"}, {"F-2025-01203", "paid"}}},
		{"F-101 wird nächste Woche bezahlt, F-102 ist beschädigt.", []ItemIntent{{"F-101", "promise"}, {"F-102", "dispute_quality"}}},
		{"La F-102 sera payée le 15. Merci de nous envoyer une copie de la F-101.", []ItemIntent{{"F-102", "promise"}, {"F-101", "copy"}}},
		{"Nous attendons un avoir pour la F-102.", []ItemIntent{{"F-102", "credit_note"}}},
		{"La F-101 a été facturée en double.", []ItemIntent{{"F-101", "dispute_admin"}}},
		{"La factura F-101 está pagada pero la F-102 tiene un precio incorrecto.", []ItemIntent{{"F-101", "paid"}, {"F-102", "dispute_price"}}},
		{"La fattura F-101 è stata pagata, la F-102 è arrivata danneggiata.", []ItemIntent{{"F-101", "paid"}, {"F-102", "dispute_quality"}}},
		{"Please resend invoice F-102.", []ItemIntent{{"F-102", "copy"}}},
		{"We will pay F-101 on Friday.", []ItemIntent{{"F-101", "promise"}}},
		{"Merci pour votre message.", nil},
		{"F-999 is paid.", nil},
	}
	for _, tt := range tests {
		if got := ItemIntents(tt.text, open); !slices.Equal(got, tt.want) {
			t.Errorf("ItemIntents(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
