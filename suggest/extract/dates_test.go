package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// received is a Wednesday.
var received = time.Date(2026, 3, 11, 9, 30, 0, 0, time.UTC)

// formatDates writes dates as "2026-03-15 promise \"15\"", joined by "; ".
func formatDates(ds []Date) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%s %s %q", d.Time.Format(time.DateOnly), d.Kind, d.Text))
	}
	return strings.Join(parts, "; ")
}

func TestDates(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Nous paierons d'ici le 15.", `2026-03-15 promise "15"`},
		{"Je vous donne le chèque jeudi 19, sans faute.", `2026-03-19 promise "19"`},
		{"Nous ne pourrons pas payer avant le 15.", `2026-03-15 promise "15"`},
		{"Le virement partira fin du mois.", `2026-03-31 promise "fin du mois"`},
		{"We will pay next Friday.", `2026-03-13 promise "next Friday"`},
		{"Wir werden am 20.03.2026 überweisen.", `2026-03-20 promise "20.03.2026"`},
		{"Wir zahlen nächsten Freitag.", `2026-03-13 promise "nächsten Freitag"`},
		{"Pagaremos el próximo viernes.", `2026-03-13 promise "el próximo viernes"`},
		{"Pagaremos a fin de mes.", `2026-03-31 promise "fin de mes"`},
		{"Pagheremo il 15 marzo.", `2026-03-15 promise "15 marzo"`},
		{"Payment on March 15th.", `2026-03-15 promise "March 15th"`},
		{"We will pay on 15/03.", `2026-03-15 promise "15/03"`},
		{"We will pay on 3/17.", `2026-03-17 promise "3/17"`},
		{"Règlement prévu début avril.", `2026-04-05 promise "début avril"`},
		{"We'll settle the invoice in two weeks.", `2026-03-25 promise "in two weeks"`},
		{"Le virement sera fait dans 10 jours.", `2026-03-21 promise "dans 10 jours"`},
		{"Nous réglerons demain.", `2026-03-12 promise "demain"`},
		{"Wir zahlen morgen.", `2026-03-12 promise "morgen"`},
		{"Guten Morgen, die Zahlung erfolgt Ende des Monats.", `2026-03-31 promise "Ende des Monats"`},
		{"Le paiement sera fait le 2026-04-02.", `2026-04-02 promise "2026-04-02"`},
		{"Nous avons payé le 03/02.", `2026-02-03 past "03/02"`},
		{"We paid last Monday.", `2026-03-09 past "last Monday"`},
		{"Virement effectué hier.", `2026-03-10 past "hier"`},
		{"Hemos pagado hace 2 semanas.", `2026-02-25 past "hace 2 semanas"`},
		{"Je suis absente jusqu'au 23 mars.", `2026-03-23 return "23 mars"`},
		{"I will be back on Monday.", `2026-03-16 return "Monday"`},
		{"Ich bin bis zum 20. März nicht im Büro.", `2026-03-20 return "20. März"`},
		{"Estaré de vuelta el 18 de marzo.", `2026-03-18 return "18 de marzo"`},
		{"Rientro il 16 marzo.", `2026-03-16 return "16 marzo"`},
		{"Livraison du 15 mars 2024.", `2024-03-15 past "15 mars 2024"`},
		{"Commande livrée mi-avril.", `2026-04-15 mention "mi-avril"`},
		{"Lundi 16 mars nous paierons.", `2026-03-16 promise "16 mars"`},
		{"Appelez le 04.78.61.20.45 pour le montant de 12.50 €.", ``},
		{"Il manque 15 articles et le 31/04 n'existe pas.", ``},
		{"", ``},
	}
	for _, tt := range tests {
		if got := formatDates(Dates(tt.text, received)); got != tt.want {
			t.Errorf("Dates(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestDatesOffsets(t *testing.T) {
	text := "Bonjour,\u00a0nous réglerons la facture le 15\u202fmars."
	ds := Dates(text, received)
	if len(ds) != 1 || text[ds[0].Start:ds[0].End] != ds[0].Text || ds[0].Text != "15\u202fmars" {
		t.Fatalf("Dates = %+v", ds)
	}
}

func TestReturnDate(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Je suis absent jusqu'au 3 mars.", "2027-03-03"},
		{"Je suis absente jusqu'au 23 mars.", "2026-03-23"},
		{"De retour lundi.", "2026-03-16"},
		{"Absente du 12 au 20 mars.", "2026-03-20"},
		{"I am out of the office until March 20th.", "2026-03-20"},
		{"Out of office until 3/17.", "2026-03-17"},
		{"I'm away until Monday, March 16 with limited access to email.", "2026-03-16"},
		{"Ich bin bis zum 20. März nicht im Büro.", "2026-03-20"},
		{"Ab dem 23. März bin ich wieder erreichbar.", "2026-03-23"},
		{"Estoy fuera de la oficina hasta el 20 de marzo.", "2026-03-20"},
		{"Sono fuori ufficio fino al 20 marzo.", "2026-03-20"},
		{"Ik ben afwezig tot en met 20 maart.", "2026-03-20"},
		{"Je suis absent jusqu'au 2 janvier 2027.", "2027-01-02"},
		{"Je suis absent jusqu'au 31 février.", ""},
		{"I am out of the office until further notice.", ""},
		{"Je suis absent jusqu'au 3 mars 1990.", ""},
		{"Merci, le virement partira le 20 mars.", ""},
	}
	for _, tt := range tests {
		got, ok := ReturnDate(tt.text, received)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tt.want {
			t.Errorf("ReturnDate(%q) = %q, want %q", tt.text, s, tt.want)
		}
	}
}
