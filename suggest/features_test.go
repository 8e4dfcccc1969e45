package suggest

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/triage-ar/triage/suggest/cues"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		text         string
		words, chars int
	}{
		// "<facture>" has 9 runes: 8+7+6+5 n-grams of 2..5; "<payee>" 7: 6+5+4+3.
		// "payée" is also the cue "paid", counted cueWeight times.
		{"Facture payée", 3 + cueWeight, 44},
		{"facture payee", 3 + cueWeight, 44},
		{"Facture échue", 3, 44}, // reminder words are no cue
		// Typed tokens are words without spelling: no character n-grams.
		{"12/03", 1, 0},
		// "<a>": 2 bigrams and 1 trigram; no 4- or 5-grams in 3 runes.
		{"a", 1, 3},
		{"  ,;  ", 0, 0},
	}
	for _, tt := range tests {
		var tm terms
		defaultFeatures.extract(tt.text, &tm)
		if len(tm.words) != tt.words || len(tm.chars) != tt.chars {
			t.Errorf("%q: %d word and %d char features, want %d and %d", tt.text, len(tm.words), len(tm.chars), tt.words, tt.chars)
		}
		for _, h := range append(tm.words, tm.chars...) {
			if h > hashMask {
				t.Errorf("%q: bucket %d out of the hashed space", tt.text, h)
			}
		}
	}
	// The same cue in two languages gives a shared feature.
	var fr, de terms
	defaultFeatures.extract("Nous avons déjà réglé", &fr)
	defaultFeatures.extract("Wir haben bereits bezahlt", &de)
	shared := 0
	for _, h := range fr.words {
		if slices.Contains(de.words, h) {
			shared++
		}
	}
	if shared != cueWeight {
		t.Errorf("French and German payments share %d word features, want the %d of their cue", shared, cueWeight)
	}
	// Accents are folded before hashing: the same features, in the same order.
	var a, b terms
	defaultFeatures.extract("Échéance dépassée", &a)
	defaultFeatures.extract("echeance depassee", &b)
	if !slices.Equal(a.words, b.words) || !slices.Equal(a.chars, b.chars) {
		t.Error("accented and folded texts hash differently")
	}
	// A word and a bigram never share their kind's seed.
	if fnvStart(kindWord) == fnvStart(kindBigram) || fnvStart(kindBigram) == fnvStart(kindChar) {
		t.Error("feature kinds share a hash seed")
	}
}

func TestVectorize(t *testing.T) {
	texts := []string{"la facture est payée", "le prix est faux", "copie de la facture svp"}
	docs := make([]terms, len(texts))
	for i, s := range texts {
		defaultFeatures.extract(s, &docs[i])
	}
	v := fitVocabulary(docs, 1, defaultFeatures)
	tests := []struct {
		text string
		norm float64 // of the known features
	}{
		{"la facture est payée", 1},
		{"zzzz qqqq", 0},
	}
	for _, tt := range tests {
		var tm terms
		defaultFeatures.extract(tt.text, &tm)
		x := v.vectorize(&tm)
		if n := l2(x.val); math.Abs(n-tt.norm) > 1e-6 {
			t.Errorf("%q: norm %.6f, want %.1f", tt.text, n, tt.norm)
		}
	}
	// Half known, half unknown: the unknown half still counts in the norm.
	var tm terms
	defaultFeatures.extract("facture zzzzzzzz", &tm)
	if n := l2(v.vectorize(&tm).val); n <= 0.1 || n >= 0.9 {
		t.Errorf("half-known text norm %.3f, want strictly between 0.1 and 0.9", n)
	}
	// Rarer features weigh more.
	fact, _ := v.rows[bucket(fnvAddString(fnvStart(kindWord), "facture"))]
	prix, _ := v.rows[bucket(fnvAddString(fnvStart(kindWord), "prix"))]
	if v.idf[fact] >= v.idf[prix] {
		t.Errorf("idf(facture, in 2 texts) = %v ≥ idf(prix, in 1) = %v", v.idf[fact], v.idf[prix])
	}
	// minDF drops the features of a single text.
	if v2 := fitVocabulary(docs, 2, defaultFeatures); v2.size() >= v.size() || v2.size() == 0 {
		t.Errorf("minDF 2 keeps %d of %d features", v2.size(), v.size())
	}
}

// l2 returns the Euclidean norm of values.
func l2(vals []float32) float64 {
	var s float64
	for _, x := range vals {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// TestTenantLexicon: a tenant's own phrase makes its wording count as the
// cue the history learnt, though no history case has that wording.
func TestTenantLexicon(t *testing.T) {
	lex, err := cues.Default().With([]cues.Phrase{{Lang: "fr", Cue: "paid", Pattern: "compte [est] apur*"}})
	if err != nil {
		t.Fatal(err)
	}
	var examples []Example
	for _, s := range []string{"nous avons déjà réglé cette facture", "facture payée hier", "le virement est parti, c'est payé", "déjà payé"} {
		examples = append(examples, Example{Text: s, Label: "already_paid"})
	}
	for _, s := range []string{"le prix est faux", "tarif erroné sur la facture", "la remise n'a pas été appliquée", "prix non conforme au devis"} {
		examples = append(examples, Example{Text: s, Label: "price_dispute"})
	}
	p := func(l *cues.Lexicon) float64 {
		c, err := TrainClassifier(context.Background(), examples, TrainOptions{Lexicon: l})
		if err != nil {
			t.Fatal(err)
		}
		probs := c.Predict("Le compte est apuré depuis lundi.")
		return probs[slices.Index(c.Labels(), "already_paid")]
	}
	without, with := p(nil), p(lex)
	if !(with > 0.5 && with > without+0.1) { // it now wins, and by a clear margin
		t.Errorf("P(already_paid) = %.2f with the tenant phrase, %.2f without", with, without)
	}
}
