package cues

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Déjà réglé", "deja regle"},
		{"  DEJA\tREGLE \n", "deja regle"},
		{"Grüße, Straße", "grusse, strasse"},
		{"nous n’avons pas", "nous n'avons pas"},
		{"aujourd‘hui — e‐mail", "aujourd'hui - e-mail"},
		{"Œuvre ÆSOP", "oeuvre aesop"},
		{"Cafe\u0301", "cafe"},
		{"ПРИВЕТ", "привет"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nous n'avons PAS payé", "nous ne avons pas paye"},
		{"We haven't, can't, won't", "we have not | can not | will not"},
		{"we cannot pay", "we can not pay"},
		{"payé le 12/03/2025, soit 1.234,56 €", "paye le 12/03/2025#date | soit 1.234,56#num €#cur"},
		{"le 2025-03-12 ou 12.03", "le 2025-03-12#date ou 12.03#date"},
		{"Facture n° 123 - e-mail", "facture n 123#num e mail"},
		{"payé mais pas livré", "paye | mais pas livre"},
		{"ok.Merci", "ok | merci"},
	}
	for _, tt := range tests {
		var s scratch
		s.tokenize(tt.in)
		var b strings.Builder
		for i, tok := range s.toks {
			if i > 0 {
				if tok.clause != s.toks[i-1].clause {
					b.WriteString(" |")
				}
				b.WriteByte(' ')
			}
			b.WriteString(s.text(tok))
			switch tok.kind {
			case kindDate:
				b.WriteString("#date")
			case kindNum:
				b.WriteString("#num")
			case kindCurrency:
				b.WriteString("#cur")
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlots(t *testing.T) {
	l, err := compile([]Phrase{
		{Lang: "fr", Cue: "promise", Pattern: "payer le {date} fin"},
		{Lang: "fr", Cue: "paid_partial", Pattern: "acompte de {amount} fin"},
		{Lang: "fr", Cue: "instalments", Pattern: "en {num} fois"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"payer le 15/04 fin", "cue_promise"},
		{"payer le 15 avril 2026 fin", "cue_promise"},
		{"payer le 1er mars fin", "cue_promise"},
		{"payer le March 15 fin", "cue_promise"},
		{"payer le vendredi fin", "cue_promise"},
		{"payer le 15 fin", "cue_promise"},
		{"payer le 45 fin", ""},
		{"payer le 15 € fin", ""},
		{"acompte de 1 200,50 € fin", "cue_paid_partial"},
		{"acompte de €300 fin", "cue_paid_partial"},
		{"acompte de 300 EUR fin", "cue_paid_partial"},
		{"acompte de 300 fin", ""},
		{"en 3 fois", "cue_instalments"},
		{"en 3 € fois", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(l.Tokens(tt.in), " "); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
