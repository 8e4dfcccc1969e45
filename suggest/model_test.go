package suggest

import (
	"context"
	"testing"
	"time"
)

func trainModel(t *testing.T, h []LabelledText) *Model {
	t.Helper()
	m, err := TrainModel(context.Background(), h, HashEmbedder{}, ModelOptions{Now: func() time.Time { return time.Unix(0, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainModelSizes(t *testing.T) {
	tests := []struct {
		name     string
		history  []LabelledText
		clf      bool
		blend    Blend // checked when HeldOut is 0
		heldOut  bool
		examples int
		lastID   int64
	}{
		{"no history", nil, false, Blend{0, 1}, false, 0, 0},
		{"one status: the vote decides", synthHistory(3, []string{"already_paid"}, 1), false, Blend{0, 1}, false, 3, 3},
		{"a few cases: even mix", synthHistory(20, []string{"already_paid", "price_dispute"}, 1), true, defaultBlend, false, 20, 20},
		{"enough to fit", synthHistory(400, nil, 1), true, Blend{}, true, 400, 400},
		{"texts without status are skipped", append(synthHistory(4, []string{"already_paid", "other"}, 1), LabelledText{ID: 9, Text: "x"}), true, defaultBlend, false, 4, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := trainModel(t, tt.history)
			if (m.Classifier != nil) != tt.clf || m.Examples != tt.examples || m.LastID != tt.lastID || (m.HeldOut > 0) != tt.heldOut {
				t.Errorf("model = %+v", m)
			}
			if !tt.heldOut && m.Blend != tt.blend {
				t.Errorf("blend = %+v, want %+v", m.Blend, tt.blend)
			}
			if tt.heldOut && (m.Blend.Alpha < 0 || m.Blend.Alpha > 1 || m.Blend.Temperature <= 0) {
				t.Errorf("fitted blend = %+v", m.Blend)
			}
			if !m.TrainedAt.Equal(time.Unix(0, 0)) {
				t.Errorf("trained at %v", m.TrainedAt)
			}
		})
	}
}

func TestModelDistribution(t *testing.T) {
	m := trainModel(t, synthHistory(130, nil, 3))
	vote := []Share{{"already_paid", 1}}
	d := m.Distribution("nous avons payé la facture par virement hier", vote, nil)
	if len(d) == 0 || d[0].Status != "already_paid" {
		t.Fatalf("distribution = %v", d)
	}
	// Statuses the catalog lacks are never proposed.
	allow := func(s string) bool { return s == "price_dispute" || s == "other" }
	for _, s := range m.Distribution("nous avons payé la facture par virement hier", nil, allow) {
		if !allow(s.Status) {
			t.Errorf("status %s outside the catalog proposed", s.Status)
		}
	}
	// No model: the vote as it is.
	var none *Model
	if d := none.Distribution("x", vote, nil); len(d) != 1 || d[0] != vote[0] {
		t.Errorf("nil model distribution = %v", d)
	}
}

func TestSplitHeldOut(t *testing.T) {
	var ex []Example
	for range 10 {
		ex = append(ex, Example{Text: "a", Label: "big"})
	}
	for range 4 {
		ex = append(ex, Example{Text: "b", Label: "small"}) // under minPerStatus: all kept for training
	}
	train, held := splitHeldOut(ex, 1)
	if len(held) != 2 || len(train) != 12 || held[0].Label != "big" || held[1].Label != "big" {
		t.Errorf("held out %v", held)
	}
	train2, held2 := splitHeldOut(ex, 1)
	if len(train2) != len(train) || held2[0] != held[0] {
		t.Error("the split is not deterministic")
	}
}
