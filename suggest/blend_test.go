package suggest

import (
	"math"
	"testing"
)

func TestBlendApply(t *testing.T) {
	ab := []Share{{"a", 0.8}, {"b", 0.2}}
	tests := []struct {
		name      string
		b         Blend
		clf, vote []Share
		want      []Share
	}{
		{"nothing known", Blend{0.5, 1}, nil, nil, nil},
		{"no vote: the classifier alone", Blend{0.3, 1}, ab, nil, ab},
		{"no classifier: the vote alone", Blend{0.3, 1}, nil, []Share{{"b", 1}}, []Share{{"b", 1}}},
		{"even mix", Blend{0.5, 1}, ab, []Share{{"b", 1}}, []Share{{"b", 0.6}, {"a", 0.4}}},
		{"a status only the vote knows", Blend{0.5, 1}, ab, []Share{{"c", 1}}, []Share{{"c", 0.5}, {"a", 0.4}, {"b", 0.1}}},
		// q ∝ p^(1/2): √0.8 = 2·√0.2, so a gets 2/3.
		{"temperature 2 softens", Blend{1, 2}, ab, nil, []Share{{"a", 2.0 / 3}, {"b", 1.0 / 3}}},
		{"ties by status", Blend{0.5, 1}, []Share{{"b", 0.5}, {"a", 0.5}}, nil, []Share{{"a", 0.5}, {"b", 0.5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.b.apply(tt.clf, tt.vote)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i].Status != tt.want[i].Status || math.Abs(got[i].P-tt.want[i].P) > 1e-6 {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestNewHeldOutCase(t *testing.T) {
	c := newHeldOutCase([]Share{{"a", 0.7}, {"b", 0.3}}, []Share{{"c", 0.6}, {"a", 0.4}}, "c")
	if c.status != 2 || len(c.clf) != 3 || c.clf[2] != 0 || c.vote[0] != 0.4 || c.vote[1] != 0 || c.vote[2] != 0.6 {
		t.Errorf("aligned case = %+v", c)
	}
	if c := newHeldOutCase(nil, []Share{{"a", 1}}, "z"); c.status != -1 || c.clf != nil {
		t.Errorf("case without classifier nor true status = %+v", c)
	}
}

// heldOut builds n cases where the classifier gives pc to the true status
// and the vote gives it pv, out of two statuses.
func heldOut(n int, pc, pv float64, right func(i int) bool) []heldOutCase {
	var cs []heldOutCase
	for i := range n {
		gold := "a"
		if !right(i) {
			gold = "b"
		}
		cs = append(cs, newHeldOutCase([]Share{{"a", pc}, {"b", 1 - pc}}, []Share{{"a", pv}, {"b", 1 - pv}}, gold))
	}
	return cs
}

func TestFitBlend(t *testing.T) {
	always := func(int) bool { return true }
	half := func(i int) bool { return i%2 == 0 }
	tests := []struct {
		name       string
		cases      []heldOutCase
		alpha      float64
		minT, maxT float64
	}{
		{"the classifier is right, the vote wrong", heldOut(40, 0.7, 0.1, always), 1, 0, 20},
		{"the vote is right, the classifier wrong", heldOut(40, 0.1, 0.9, always), 0, 0, 20},
		// Sure at 0.99 and right half the time: soften toward 0.5.
		{"overconfident", heldOut(40, 0.99, 0.99, half), -1, 5, 20},
		// Always right at 0.6: sharpen.
		{"underconfident", heldOut(40, 0.6, 0.6, always), -1, 0, 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fitBlend(tt.cases)
			if tt.alpha >= 0 && b.Alpha != tt.alpha {
				t.Errorf("alpha = %v, want %v", b.Alpha, tt.alpha)
			}
			if b.Temperature < tt.minT || b.Temperature > tt.maxT {
				t.Errorf("temperature = %v, want in [%v, %v]", b.Temperature, tt.minT, tt.maxT)
			}
		})
	}
}
