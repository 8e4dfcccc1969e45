package cues

import (
	"strings"
	"testing"
)

// reply1K is a 1 KB reply mixing a greeting, cues and a quoted reminder.
var reply1K = func() string {
	var b strings.Builder
	for b.Len() < 1024 {
		b.WriteString("Bonjour Madame, nous n'avons pas encore reçu la marchandise commandée le 12/03 et la facture 2024-118 ne correspond pas au devis. ")
		b.WriteString("Nous réglerons le solde dès réception de l'avoir. Cordialement. > Sauf erreur de notre part, la facture reste impayée. ")
	}
	return b.String()[:1024]
}()

func BenchmarkTokens(b *testing.B) {
	l := Default()
	b.SetBytes(int64(len(reply1K)))
	b.ReportAllocs()
	for b.Loop() {
		l.Tokens(reply1K)
	}
}

func BenchmarkFind(b *testing.B) {
	l := Default()
	b.SetBytes(int64(len(reply1K)))
	b.ReportAllocs()
	for b.Loop() {
		l.Find(reply1K)
	}
}

func BenchmarkCompile(b *testing.B) {
	phrases := Default().Phrases()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compile(phrases); err != nil {
			b.Fatal(err)
		}
	}
}
