package letters

import (
	"errors"
	"strings"
	"testing"

	"github.com/triage-ar/triage/triage"
)

func TestCheckTemplate(t *testing.T) {
	tests := []struct {
		name          string
		subject, body string
		unknown       []string // hashtags the error must name, none when accepted
	}{
		{"french reminder", "Relance #customer_code", "Madame, Monsieur,\n\n#items_list\n\nTotal : #total_due\n#collector_name", nil},
		{"english with blocks", "Account #customer_code", "#company_logo\nDear #customer_name,\n\n#items_list_selected", nil},
		{"blocks in the subject", "#items_list #company_logo", "Body", nil},
		{"number sign and digits are not hashtags", "Facture n° #12", "Voir # ci-dessous, ticket #4521", nil},
		{"typo in the body", "Relance", "Montant dû : #total_du", []string{"#total_du"}},
		{"unknown in the subject", "Invoice #invoice_number", "Dear #customer_name", []string{"#invoice_number"}},
		{"several unknown", "", "#montant et #echeance", []string{"#montant", "#echeance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTemplate(tt.subject, tt.body)
			if len(tt.unknown) == 0 {
				if err != nil {
					t.Fatalf("CheckTemplate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckTemplate accepted %q", tt.body)
			}
			var verr *triage.ValidationError
			if !errors.As(err, &verr) {
				t.Errorf("err = %v, want a triage.ValidationError", err)
			}
			for _, tag := range tt.unknown {
				if !strings.Contains(err.Error(), tag) {
					t.Errorf("err = %v, want it to name %s", err, tag)
				}
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name   string
		letter func() Letter
		want   []string
		absent []string
	}{
		{
			name: "french letter with the selected items", letter: func() Letter {
				l := frLetter(KindRegistered)
				l.Body = "Objet de la relance : #items_list_selected\nMerci."
				return l
			},
			want: []string{
				"Lettre recommandée avec accusé de réception\nBoulangerie Dupré SARL\nMme Hélène Dupré\n",
				"Code client\u00a0: C10042\nLyon, le 10 mars 2026\n",
				"Objet\u00a0: Relance — factures échues de Boulangerie Dupré SARL\n",
				"\nObjet de la relance :\n\nN° de pièce",
				"FA-2026-0142  Facture  12/01/2026  11/02/2026  1\u00a0245,60\u00a0€  1\u00a0245,60\u00a0€\n",
				"Total", "\nMerci.\n", "--\nSAS au capital",
			},
			absent: []string{"FA-2026-0187", "#"},
		},
		{
			name: "english letter, values falling back on the letterhead and recipient", letter: func() Letter {
				l := enLetter()
				l.Values = nil
				l.Body = "#company_name writes to #customer_name (#customer_code) on #today.\n#customer_address"
				return l
			},
			want: []string{
				"Customer code: C20317\n10 March 2026\n",
				"Harbour Tools Ltd writes to Clifton Garden Supplies (C20317) on 10 March 2026.\nAttn: Accounts Payable\n27 Whiteladies Road",
			},
			absent: []string{"Bristol, ", "#"},
		},
		{
			name: "first of the month and an address without postal code", letter: func() Letter {
				l := frLetter(KindSimple)
				l.Date = day(2026, 4, 1)
				l.Head.Address = "Immeuble Le Parc"
				return l
			},
			want: []string{"\nLe 1er avril 2026\n"},
		},
		{
			name: "unknown hashtag never printed raw", letter: func() Letter {
				l := frLetter(KindSimple)
				l.Body = "Montant : #montant_du ; ticket #4521"
				return l
			},
			want:   []string{"Montant :  ; ticket #4521"},
			absent: []string{"#montant_du"},
		},
		{
			name: "empty items leave no table", letter: func() Letter {
				l := frLetter(KindSimple)
				l.Items = nil
				l.Body = "Avant\n\n#items_list\n\nAprès"
				return l
			},
			want:   []string{"\nAvant\n\nAprès\n"},
			absent: []string{"N° de pièce", "Total"},
		},
		{
			name: "unknown language is written in French", letter: func() Letter {
				l := frLetter(KindElectronic)
				l.Lang = "de"
				return l
			},
			want: []string{"Envoi recommandé électronique", "Lyon, le 10 mars 2026"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.letter())
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in:\n%s", s, got)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(got, s) {
					t.Errorf("unexpected %q in:\n%s", s, got)
				}
			}
		})
	}
}

func TestComposeLogo(t *testing.T) {
	logo := []byte{1} // compose only looks at its presence
	tests := []struct {
		name       string
		body       string
		logo       []byte
		inHead     bool
		inlineLogo int
	}{
		{"at the start goes to the letterhead", "  #company_logo\n\nBonjour", logo, true, 0},
		{"not placed goes to the letterhead", "Bonjour", logo, true, 0},
		{"in the middle stays inline", "Bonjour\n\n#company_logo\nSignature", logo, false, 1},
		{"twice: letterhead and inline", "#company_logo Bonjour #company_logo", logo, true, 1},
		{"no logo uploaded", "#company_logo Bonjour #company_logo", nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := frLetter(KindSimple)
			l.Body, l.Head.Logo = tt.body, tt.logo
			c := compose(l)
			n := 0
			for _, b := range c.blocks {
				if b.kind == blockLogo {
					n++
				}
			}
			if c.logoInHead != tt.inHead || n != tt.inlineLogo {
				t.Errorf("logo in head %v, %d inline; want %v, %d", c.logoInHead, n, tt.inHead, tt.inlineLogo)
			}
		})
	}
}

func TestPlaceOf(t *testing.T) {
	tests := []struct{ address, want string }{
		{"12, rue de l’Église\n69003 Lyon", "Lyon"},
		{"BP 42\n69003 Lyon CEDEX 03", "Lyon"},
		{"1 place de la Gare\n1000 Bruxelles\nBelgique", "Bruxelles"},
		{"27 Whiteladies Road\nBristol BS8 2LY", ""},
		{"4 Quay Street", ""},
		{"", ""},
		{"75008 Paris\n13001 Aix-en-Provence", "Aix-en-Provence"},
	}
	for _, tt := range tests {
		if got := placeOf(tt.address); got != tt.want {
			t.Errorf("placeOf(%q) = %q, want %q", tt.address, got, tt.want)
		}
	}
}
