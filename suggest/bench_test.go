package suggest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// benchReply is a typical cleaned reply: two sentences, a reference, an amount.
const benchReply = "Bonjour, nous avons bien reçu votre relance concernant la facture F-2025-01187. " +
	"Le virement de 1 245,60 € a été effectué le 12/03, vous devriez le recevoir sous 48h. Cordialement"

var bench10k struct {
	once    sync.Once
	history []LabelledText
	model   *Model
	index   *MemIndex
}

// history10k is a 10 000-case synthetic history over the 13 default
// statuses, its model and its memory index, built once per run.
func history10k(b *testing.B) ([]LabelledText, *Model, *MemIndex) {
	b.Helper()
	bench10k.once.Do(func() {
		h := synthHistory(10000, nil, 1)
		m, err := TrainModel(context.Background(), h, HashEmbedder{}, ModelOptions{})
		if err != nil {
			b.Fatal(err)
		}
		idx := &MemIndex{}
		for _, x := range h {
			vec, _ := HashEmbedder{}.Embed(context.Background(), x.Text)
			idx.Add(1, triage.Neighbour{QualificationID: x.ID, Status: x.Status}, vec)
		}
		bench10k.history, bench10k.model, bench10k.index = h, m, idx
	})
	return bench10k.history, bench10k.model, bench10k.index
}

func BenchmarkEmbed(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := (HashEmbedder{}).Embed(ctx, benchReply); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	_, m, _ := history10k(b)
	for b.Loop() {
		m.Classifier.Predict(benchReply)
	}
}

func BenchmarkTrain10k(b *testing.B) {
	h, _, _ := history10k(b)
	for b.Loop() {
		if _, err := TrainModel(context.Background(), h, HashEmbedder{}, ModelOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest10k(b *testing.B) {
	_, m, idx := history10k(b)
	knn := KNN{Embedder: HashEmbedder{}, Index: idx, Models: FixedModel{M: m}}
	cat := triage.DefaultCatalog()
	in := triage.SuggestInput{TenantID: 1, Reply: triage.Reply{Text: benchReply, BodyClean: benchReply}, Catalog: cat, Now: time.Now()}
	for b.Loop() {
		if _, err := knn.Suggest(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
