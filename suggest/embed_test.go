package suggest

import (
	"context"
	"math"
	"testing"
)

func embedText(t testing.TB, s string) []float32 {
	t.Helper()
	v, err := HashEmbedder{}.Embed(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestHashEmbedderUnitNorm(t *testing.T) {
	for _, s := range []string{"payé hier", "We will pay on the 30th", "a"} {
		v := embedText(t, s)
		if len(v) != Dim {
			t.Fatalf("len = %d", len(v))
		}
		var n float64
		for _, x := range v {
			n += float64(x) * float64(x)
		}
		if math.Abs(n-1) > 1e-5 {
			t.Errorf("%q: norm² = %v", s, n)
		}
	}
	var zero float64
	for _, x := range embedText(t, "  ,;  ") {
		zero += math.Abs(float64(x))
	}
	if zero != 0 {
		t.Errorf("punctuation only must embed to zero, got L1 %v", zero)
	}
}

func TestHashEmbedderSimilarity(t *testing.T) {
	// Same intent, different numbers and accents must be closer than a different intent.
	a := embedText(t, "Bonjour, la facture F-2025-01187 a été payée le 12/03 par virement.")
	b := embedText(t, "Bonjour, la facture F-2025-00871 a ete payee le 28/11 par virement")
	c := embedText(t, "Le prix unitaire facturé ne correspond pas à notre commande.")
	if ab, ac := Cosine(a, b), Cosine(a, c); ab <= ac || ab < 0.8 {
		t.Errorf("cos(paid, paid) = %.3f, cos(paid, price) = %.3f", ab, ac)
	}
}
