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

func TestVoteShares(t *testing.T) {
	ns := []triage.Neighbour{{Status: "b", Similarity: 0.5}, {Status: "a", Similarity: 0.5}, {Status: "c", Similarity: -0.2}, {Status: "d", Similarity: 0.9}}
	got := VoteShares(ns, func(s string) bool { return s != "d" })
	if len(got) != 2 || got[0] != (Share{"a", 0.5}) || got[1] != (Share{"b", 0.5}) {
		t.Errorf("shares = %v: ties go by status, negative similarities and refused statuses do not vote", got)
	}
	if VoteShares(nil, nil) != nil {
		t.Error("no neighbours must give no shares")
	}
}

// knnHistory is a small FR/EN history of tenant 1; tenant 2 has one
// qualification that must never leak into tenant 1's suggestions.
var knnHistory = []struct{ text, status string }{
	{"Bonjour, nous avons payé cette facture par virement la semaine dernière.", "already_paid"},
	{"Le règlement a été effectué hier, virement de 1 200 €.", "already_paid"},
	{"Paid yesterday by bank transfer, remittance attached.", "already_paid"},
	{"Le prix unitaire ne correspond pas au devis, merci de corriger.", "price_dispute"},
	{"The unit price is wrong, we agreed on the 2024 price list.", "price_dispute"},
	{"Pouvez-vous m'envoyer une copie de la facture ? Je ne la trouve pas.", "invoice_copy"},
	{"Could you send me a copy of the invoice please", "invoice_copy"},
}

func TestKNNLearnsFromHistory(t *testing.T) {
	ctx := context.Background()
	idx := &MemIndex{}
	var labelled []LabelledText
	for i, h := range knnHistory {
		idx.Add(1, triage.Neighbour{QualificationID: int64(i + 1), Status: h.status}, embedText(t, h.text))
		labelled = append(labelled, LabelledText{ID: int64(i + 1), Text: h.text, Status: h.status})
	}
	idx.Add(2, triage.Neighbour{QualificationID: 99, Status: "other"}, embedText(t, "Pouvez-vous m'envoyer une copie de la facture"))
	model, err := TrainModel(ctx, labelled, HashEmbedder{}, ModelOptions{})
	if err != nil {
		t.Fatal(err)
	}
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
	for _, setup := range []struct {
		name   string
		models ModelSource
	}{{"vote alone", nil}, {"with the classifier", FixedModel{M: model}}} {
		knn := KNN{Embedder: HashEmbedder{}, Index: idx, Models: setup.models}
		for _, tt := range tests {
			sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 1, Reply: triage.Reply{Text: tt.text, BodyClean: tt.text},
				Items: items, Catalog: testCatalog, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if sg.Status != tt.want || sg.Confidence <= 0.4 || sg.Strategy != StrategyKNN || len(sg.Neighbours) == 0 {
				t.Errorf("%s, %q: got %s (%.2f, %d neighbours), want %s", setup.name, tt.text, sg.Status, sg.Confidence, len(sg.Neighbours), tt.want)
			}
			for _, n := range sg.Neighbours {
				if n.QualificationID == 99 {
					t.Errorf("%s: another tenant's qualification voted", setup.name)
				}
			}
			if len(sg.Items) != len(tt.items) || sg.Items[0] != tt.items[0] {
				t.Errorf("%s, %q: items %q, want %q", setup.name, tt.text, sg.Items, tt.items)
			}
			// Tuesday 10 March 2026: 3 business days is Friday 13, 5 is Tuesday 17.
			st, _ := testCatalog.Find(tt.want)
			due := map[int]int{3: 13, 5: 17}[st.FollowUpDays]
			if sg.FollowUp == nil || !sg.FollowUp.Due.Equal(time.Date(2026, 3, due, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("%s, %q: follow-up %+v", setup.name, tt.text, sg.FollowUp)
			}
		}
		// A tenant with no history gets the catch-all with zero confidence.
		sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 3, Reply: triage.Reply{Text: "payé"}, Catalog: testCatalog, Now: now})
		if setup.models != nil {
			// The fixed model knows tenant 1's statuses; a real Models would
			// train tenant 3's empty history, tested below.
			continue
		}
		if err != nil || sg.Status != "other" || sg.Confidence != 0 {
			t.Errorf("%s, empty history: %+v %v", setup.name, sg, err)
		}
	}
	// The classifier never proposes a status the catalog lost.
	knn := KNN{Embedder: HashEmbedder{}, Index: idx, Models: FixedModel{M: model}}
	small := triage.Catalog{{Code: "price_dispute"}, {Code: "other"}}
	sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 1, Reply: triage.Reply{Text: "payé par virement hier"}, Catalog: small, Now: now})
	if err != nil || (sg.Status != "price_dispute" && sg.Status != "other") {
		t.Errorf("status outside the catalog: %s, %v", sg.Status, err)
	}
}

// TestKNNTinyHistory follows a tenant from its first reply: no history, then
// one qualification, then a second status, with Models as the server has it.
func TestKNNTinyHistory(t *testing.T) {
	ctx := context.Background()
	idx := &MemIndex{}
	h := &fakeHistory{}
	c := &clock{now: time.Unix(1e9, 0)}
	ms := newTestModels(h, c)
	defer ms.Close()
	knn := KNN{Embedder: HashEmbedder{}, Index: idx, Models: ms}
	suggestText := func(text string) triage.Suggestion {
		t.Helper()
		sg, err := knn.Suggest(ctx, triage.SuggestInput{TenantID: 1, Reply: triage.Reply{Text: text}, Catalog: testCatalog, Now: c.Now()})
		if err != nil {
			t.Fatal(err)
		}
		ms.wg.Wait()
		return sg
	}
	qualify := func(text, status string) {
		id := int64(idx.Len(1) + 1)
		idx.Add(1, triage.Neighbour{QualificationID: id, Status: status}, embedText(t, text))
		h.set(append(h.rows, LabelledText{ID: id, Text: text, Status: status}))
		c.advance(time.Minute)
	}

	if sg := suggestText("nous avons réglé la facture 1187 par virement hier"); sg.Status != "other" || sg.Confidence != 0 {
		t.Errorf("cold start: %s %.2f", sg.Status, sg.Confidence)
	}
	qualify("nous avons réglé la facture 1187 par virement hier", "already_paid")
	sg := suggestText("la facture 1302 a été réglée par virement ce matin")
	if sg.Status != "already_paid" || sg.Confidence <= 0.5 || len(sg.Neighbours) != 1 || sg.Neighbours[0].QualificationID != 1 {
		t.Errorf("after one qualification: %s %.2f %+v", sg.Status, sg.Confidence, sg.Neighbours)
	}
	qualify("le prix unitaire ne correspond pas au devis", "price_dispute")
	for _, tt := range []struct{ text, want string }{
		{"le virement de la facture a été fait hier", "already_paid"},
		{"le prix facturé ne correspond pas à notre devis", "price_dispute"},
	} {
		if sg := suggestText(tt.text); sg.Status != tt.want || sg.Confidence <= 0.5 {
			t.Errorf("two statuses, %q: %s %.2f, want %s", tt.text, sg.Status, sg.Confidence, tt.want)
		}
	}
}
