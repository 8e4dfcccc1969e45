package evals

import (
	"math"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := `{"id":"c1","text":"Payé hier","status":"already_paid","items":["F-2291"],"follow_up_days":3,"lang":"fr"}

{"text":"wrong price on F-2291","status":"price_dispute"}
`
	cs, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].ID != "c1" || *cs[0].FollowUpDays != 3 || cs[1].ID != "L3" || cs[1].FollowUpDays != nil {
		t.Errorf("cases = %+v", cs)
	}
	for _, bad := range []struct{ in, want string }{
		{`{"status":"x"}`, `line 1: "text" is required`},
		{`{"text":"x"}` + "\n" + `{"text":"y"`, `line 1: "status" is required`},
		{`{"text":"x","status":"a"}` + "\n" + `nope`, "line 2:"},
	} {
		if _, err := Read(strings.NewReader(bad.in)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Read(%q) = %v, want %q", bad.in, err, bad.want)
		}
	}
}

func TestClassify(t *testing.T) {
	// Hand-checked: a: tp 2 fn 1 fp 0 → P 1, R 2/3, F1 0.8; b: tp 1 fp 1 fn 0 → P .5 R 1 F1 2/3;
	// c: tp 0 fp 0 fn 1 → 0; d (predicted only): tp 0 fp 1 → 0. Macro over 4 labels.
	gold := []string{"a", "a", "a", "b", "c"}
	pred := []string{"a", "a", "b", "b", "d"}
	m := Classify(gold, pred)
	if m.Cases != 5 || m.Accuracy != 0.6 {
		t.Errorf("accuracy = %v over %d", m.Accuracy, m.Cases)
	}
	wantMacro := (0.8 + 2.0/3) / 4
	if math.Abs(m.MacroF1-wantMacro) > 1e-12 {
		t.Errorf("macro-F1 = %v, want %v", m.MacroF1, wantMacro)
	}
	if m.Confusion["a"]["b"] != 1 || m.Confusion["c"]["d"] != 1 || m.Confusion["a"]["a"] != 2 {
		t.Errorf("confusion = %v", m.Confusion)
	}
	a := m.PerStatus[0]
	if a.Status != "a" || a.Support != 3 || a.Precision != 1 || math.Abs(a.Recall-2.0/3) > 1e-12 || math.Abs(a.F1-0.8) > 1e-12 {
		t.Errorf("per-status a = %+v", a)
	}
	if empty := Classify(nil, nil); empty.Accuracy != 0 || empty.Cases != 0 {
		t.Errorf("empty = %+v", empty)
	}
}
