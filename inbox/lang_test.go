package inbox

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func TestDetectLang(t *testing.T) {
	tests := []struct{ lang, text string }{
		{"fr", "Bonjour, je vous confirme que le virement a été effectué ce matin."},
		{"fr", "Nous contestons le prix appliqué sur cette facture, merci de nous envoyer un avoir."},
		{"fr", "je fais le virement vendredi"},
		{"fr", "Pourriez-vous m'envoyer une copie de la facture ? Je ne la retrouve pas."},
		{"fr", "Notre société est en redressement judiciaire depuis le 12 novembre."},
		{"fr", "La marchandise est arrivée abîmée, nous refusons de payer en l'état."},
		{"en", "We paid this last week, please find the remittance advice attached."},
		{"en", "Could you send us a copy of the invoice? We never received it."},
		{"en", "The price is wrong, we agreed a ten percent discount with your sales rep."},
		{"en", "I left the company in October, please contact my colleague instead."},
		{"en", "Payment will go out on Friday with our weekly run."},
		{"de", "Die Rechnung wurde bereits am 20. November überwiesen."},
		{"de", "Bitte senden Sie uns eine Kopie der Rechnung, das Original ist nie angekommen."},
		{"de", "Wir warten noch auf die Gutschrift für die beschädigte Ware."},
		{"de", "Wir bitten um Ratenzahlung in drei Monatsraten."},
		{"de", "Ich bin bis zum 4. Dezember nicht im Büro."},
		{"es", "La factura ya está pagada, les adjunto el justificante de la transferencia."},
		{"es", "¿Sería posible pagar la factura en tres plazos mensuales?"},
		{"es", "El precio facturado no corresponde con la tarifa pactada."},
		{"es", "Estoy fuera de la oficina hasta el 9 de diciembre."},
		{"it", "La fattura è stata pagata ieri con bonifico bancario."},
		{"it", "Non abbiamo mai ricevuto la fattura, potreste inviarcene una copia?"},
		{"it", "La merce è arrivata danneggiata, non pagheremo fino alla sostituzione."},
		{"it", "Sono fuori ufficio fino al 10 dicembre con accesso limitato alla posta."},
		{"nl", "De factuur is vorige week betaald, zie bijlage."},
		{"nl", "Er zijn 20 dozen gefactureerd, maar wij hebben er maar 15 ontvangen."},
		{"nl", "Kunt u ons een kopie van de factuur sturen?"},
		{"nl", "Ik ben afwezig tot en met 5 december."},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.text); got != tt.lang {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.text, got, tt.lang)
		}
	}
}

func TestDetectLangUnsure(t *testing.T) {
	for _, text := range []string{
		"", "OK", "Payé.", "Thanks!", "F-2026-09405 1 245,60 €", "06 12 48 77 30",
		"https://pay.acme-distribution.fr/r/rqwpanEPZMcH", "---- ____ ====", "株式会社ヤマダ精機",
	} {
		if got := DetectLang(text); got != "" {
			t.Errorf("DetectLang(%q) = %q, want \"\" (unsure)", text, got)
		}
	}
}

// On the demo history — real-looking replies written for the product, not
// for this model — the new text of each reply gets its language right.
func TestDetectLangDemoHistory(t *testing.T) {
	total, right := 0, 0
	for _, f := range []string{"history_fr.jsonl", "history_en.jsonl", "pending.jsonl"} {
		file, err := os.Open(filepath.Join("..", "demo", "data", f))
		if err != nil {
			t.Skipf("demo data: %v", err)
		}
		sc := bufio.NewScanner(file)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var c struct{ Text, Lang string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			got := DetectLang(CleanBody(c.Text).Text)
			total++
			if got == c.Lang {
				right++
			} else if got != "" {
				t.Errorf("%s: detected %q, labelled %q: %.80q", f, got, c.Lang, CleanBody(c.Text).Text)
			}
		}
		file.Close()
	}
	if total == 0 {
		t.Skip("no demo data")
	}
	if acc := float64(right) / float64(total); acc < 0.95 {
		t.Errorf("accuracy %.3f on %d demo replies, want ≥ 0.95", acc, total)
	}
	t.Logf("%d/%d demo replies detected right", right, total)
}

func FuzzDetectLang(f *testing.F) {
	for _, s := range []string{"Bonjour, le virement est parti.", "Danke schön", "l'échéance", "’", "\xff\xfe", "a b c d e f g", "ÀÉÎÕÜ ßøå"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := DetectLang(s)
		if got != "" && got != "fr" && got != "en" && got != "de" && got != "es" && got != "it" && got != "nl" {
			t.Fatalf("DetectLang = %q", got)
		}
		if utf8.RuneCountInString(s) < langMinLetters && got != "" {
			t.Fatalf("DetectLang(%q) = %q on fewer than %d characters", s, got, langMinLetters)
		}
	})
}

func BenchmarkDetectLang(b *testing.B) {
	text := "Bonjour, désolée pour le retard, je fais le virement pour la facture F-2026-09405 le 5 décembre, dès que le règlement de la cantine sera arrivé."
	for b.Loop() {
		DetectLang(text)
	}
}
