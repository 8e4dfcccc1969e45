package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// frenchReply is a realistic reply of about 1 KB.
const frenchReply = `Bonjour Madame Martin,

Suite à votre relance du 2 mars concernant notre relevé de compte, je vous confirme que la facture F-2026-01187 a bien été réglée le 27 février par virement de 1 245,60 € (référence de virement VIR-2026-4471).
Concernant la F-2026-01203, le prix unitaire facturé ne correspond pas au tarif négocié : nous attendons un avoir de 312,00 € avant de la régler.
Pour la facture 1219, nous paierons d'ici le 31 mars, après validation par notre direction financière.
Je serai absente du 16 au 20 mars ; en cas d'urgence, contactez mon collègue au 04 78 61 20 45.

Merci de nous envoyer également une copie de la facture F-2026-01230, que nous n'avons jamais reçue.

Cordialement,
Sophie Durand
Service comptabilité fournisseurs
12 rue de la République, 69002 Lyon

> Le 2 mars 2026 à 09:12, Recouvrement <recouvrement@example.com> a écrit :
> Madame, Monsieur, sauf erreur de notre part, les factures suivantes restent impayées.`

var frenchOpen = []string{"F-2026-01187", "F-2026-01203", "F-2026-01219", "F-2026-01230", "F-2026-01555"}

func TestExtract(t *testing.T) {
	r := Extract(frenchReply, received, frenchOpen)
	day := func(p *time.Time) string {
		if p == nil {
			return ""
		}
		return p.Format(time.DateOnly)
	}
	var amounts []string
	for _, a := range r.Amounts {
		amounts = append(amounts, fmt.Sprintf("%d %s", a.Minor, a.Currency))
	}
	checks := []struct{ name, got, want string }{
		{"promise", day(r.Promise), "2026-03-31"},
		{"return", day(r.Return), "2026-03-20"},
		{"dates", formatDates(r.Dates), `2026-03-02 past "2 mars"; 2026-02-27 past "27 février"; 2026-03-31 promise "31 mars"; 2026-03-16 return "16"; 2026-03-20 return "20 mars"; 2026-03-02 past "2 mars 2026"`},
		{"amounts", strings.Join(amounts, ", "), "124560 EUR, 31200 EUR"},
		{"items", strings.Join(r.Items, ", "), "F-2026-01187, F-2026-01203, F-2026-01219, F-2026-01230"},
		{"transfer refs", strings.Join(r.TransferRefs, ", "), "VIR-2026-4471"},
		{"intents", fmt.Sprint(r.ItemIntents), "[{F-2026-01187 paid} {F-2026-01203 credit_note} {F-2026-01219 promise} {F-2026-01230 copy}]"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}

func TestExtractShort(t *testing.T) {
	tests := []struct {
		text             string
		promise, return_ string
		items            []string
	}{
		{"Nous paierons la F-101 le 20 mars.", "2026-03-20", "", []string{"F-101"}},
		{"Je suis absent jusqu'au 23 mars.", "", "2026-03-23", nil},
		{"Ich bin bis zum 20. März nicht im Büro, die Rechnung F-101 zahlen wir am 25. März.", "2026-03-25", "2026-03-20", []string{"F-101"}},
		{"Payment for F-102 will be made on 03/15.", "2026-03-15", "", []string{"F-102"}},
		{"ok merci", "", "", nil},
	}
	for _, tt := range tests {
		r := Extract(tt.text, received, []string{"F-101", "F-102"})
		got := [2]string{}
		for i, p := range []*time.Time{r.Promise, r.Return} {
			if p != nil {
				got[i] = p.Format(time.DateOnly)
			}
		}
		if got != [2]string{tt.promise, tt.return_} || !slices.Equal(r.Items, tt.items) {
			t.Errorf("Extract(%q) = promise %q return %q items %q, want %q %q %q", tt.text, got[0], got[1], r.Items, tt.promise, tt.return_, tt.items)
		}
	}
}

func TestExtractBoundsInput(t *testing.T) {
	head := "Nous paierons le 20 mars. "
	text := head + strings.Repeat("x", MaxScan) + " Nous paierons le 25 mars."
	r := Extract(text, received, nil)
	if len(r.Dates) != 1 || r.Dates[0].Text != "20 mars" {
		t.Errorf("Dates past MaxScan read: %+v", r.Dates)
	}
}

func BenchmarkExtract(b *testing.B) {
	b.SetBytes(int64(len(frenchReply)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(frenchReply, received, frenchOpen)
	}
}
