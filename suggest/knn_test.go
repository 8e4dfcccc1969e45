package suggest

import (
	"context"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

var testCatalog = triage.Catalog{
	{Code: "already_paid", FollowUpDays: 3, ActionTemplate: "verify_payment"},
	{Code: "price_dispute", FollowUpDays: 3, IsDispute: true},
	{Code: "invoice_copy", FollowUpDays: 5},
	{Code: "dispute_resolved"},
	{Code: "other", FollowUpDays: 3},
}

func TestVoteNeighbours(t *testing.T) {
	tests := []struct {
		name string
		ns   []triage.Neighbour
		want string
		conf float64
		ok   bool
	}{
		{"none", nil, "", 0, false},
		{"unknown statuses do not vote", []triage.Neighbour{{Status: "gone", Similarity: 0.9}}, "", 0, false},
		{"one close beats two far", []triage.Neighbour{
			{Status: "price_dispute", Similarity: 0.9}, {Status: "already_paid", Similarity: 0.5}, {Status: "already_paid", Similarity: 0.5}},
			"price_dispute", 0.6561 / (0.6561 + 2*0.0625), true},
		{"unanimous", []triage.Neighbour{{Status: "other", Similarity: 0.3}, {Status: "other", Similarity: 0.2}}, "other", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := VoteNeighbours(tt.ns, testCatalog)
			if ok != tt.ok || v.Status != tt.want || (ok && abs(v.Confidence-tt.conf) > 1e-9) {
				t.Errorf("got %+v %v, want %s %.4f %v", v, ok, tt.want, tt.conf, tt.ok)
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestKNNLearnsFromHistory(t *testing.T) {
	ctx := context.Background()
	idx := &MemIndex{}
	history := []struct{ text, status string }{
		{"Bonjour, nous avons payé cette facture par virement la semaine dernière.", "already_paid"},
		{"Le règlement a été effectué hier, virement de 1 200 €.", "already_paid"},
		{"Paid yesterday by bank transfer, remittance attached.", "already_paid"},
		{"Le prix unitaire ne correspond pas au devis, merci de corriger.", "price_dispute"},
		{"The unit price is wrong, we agreed on the 2024 price list.", "price_dispute"},
		{"Pouvez-vous m'envoyer une copie de la facture ? Je ne la trouve pas.", "invoice_copy"},
		{"Could you send me a copy of the invoice please", "invoice_copy"},
	}
	for i, h := range history {
		idx.Add(1, triage.Neighbour{QualificationID: int64(i + 1), Status: h.status}, embed(t, h.text))
	}
	idx.Add(2, triage.Neighbour{QualificationID: 99, Status: "other"}, embed(t, "Pouvez-vous m'envoyer une copie de la facture"))
	knn := KNN{Embedder: HashEmbedder{}, Index: idx}
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	items := []triage.Item{{Number: "F-2025-01187", Due: now.AddDate(0, 0, -20), OpenAmount: 500}, {Number: "F-2025-00871", Due: now.AddDate(0, 0, 10), OpenAmount: 90}}
	tests := []struct {
		text, want string
		items      []string
	}{
		{"Bonjour, la facture 1187 a été payée par virement hier. Cordialement", "already_paid", []string{"F-2025-01187"}},
		{"Hi, the price on invoice F-2025-00871 is wrong", "price_dispute", []string{"F-2025-00871"}},
		{"Merci de m'envoyer une copie de la facture", "invoice_copy", []string{"F-2025-01187"}},
	}
	for _, tt := range tests {
		sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 1, Reply: triage.Reply{Text: tt.text, BodyClean: tt.text},
			Items: items, Catalog: testCatalog, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if sg.Status != tt.want || sg.Confidence <= 0.4 || sg.Strategy != StrategyKNN || len(sg.Neighbours) == 0 {
			t.Errorf("%q: got %s (%.2f, %d neighbours), want %s", tt.text, sg.Status, sg.Confidence, len(sg.Neighbours), tt.want)
		}
		if len(sg.Items) != len(tt.items) || sg.Items[0] != tt.items[0] {
			t.Errorf("%q: items %q, want %q", tt.text, sg.Items, tt.items)
		}
		st, _ := testCatalog.Find(tt.want)
		if sg.FollowUp == nil || !sg.FollowUp.Due.Equal(time.Date(2026, 3, 10+st.FollowUpDays, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%q: follow-up %+v", tt.text, sg.FollowUp)
		}
	}
	// A tenant with no history gets the catch-all with zero confidence.
	sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 3, Reply: triage.Reply{Text: "payé"}, Catalog: testCatalog, Now: now})
	if err != nil || sg.Status != "other" || sg.Confidence != 0 {
		t.Errorf("empty history: %+v %v", sg, err)
	}
}
