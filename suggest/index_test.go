package suggest

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/triage-ar/triage/triage"
)

func unit(xs ...float32) []float32 {
	v := make([]float32, 8)
	copy(v, xs)
	normalize(v)
	return v
}

func TestMemIndexNearest(t *testing.T) {
	idx := &MemIndex{}
	rows := []struct {
		id  int64
		vec []float32
	}{
		{1, unit(1)}, // sparse rows
		{2, unit(1, 1)},
		{3, unit(0, 1)},
		{4, unit(1)},                      // same as 1: ties keep insertion order
		{5, unit(1, 1, 1, 1, 1, 1, 1, 1)}, // a dense row
	}
	for _, r := range rows {
		idx.Add(7, triage.Neighbour{QualificationID: r.id, Status: "s"}, r.vec)
	}
	idx.Add(8, triage.Neighbour{QualificationID: 99}, unit(1))
	tests := []struct {
		k    int
		want []int64
	}{
		{1, []int64{1}},
		{3, []int64{1, 4, 2}},
		{10, []int64{1, 4, 2, 5, 3}},
		{0, nil},
	}
	for _, tt := range tests {
		ns, err := idx.Nearest(context.Background(), 7, unit(1), tt.k)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, n := range ns {
			ids = append(ids, n.QualificationID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("k=%d: %v, want %v", tt.k, ids, tt.want)
		}
		if len(ns) > 0 && math.Abs(ns[0].Similarity-1) > 1e-6 {
			t.Errorf("similarity of an identical vector = %v", ns[0].Similarity)
		}
	}
	if idx.Len(7) != 5 || idx.Len(8) != 1 || idx.Len(9) != 0 {
		t.Errorf("lengths %d %d %d", idx.Len(7), idx.Len(8), idx.Len(9))
	}
}
