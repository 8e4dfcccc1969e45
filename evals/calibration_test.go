package evals

import (
	"math"
	"testing"
	"time"
)

func TestCalibrate(t *testing.T) {
	// Hand-checked, 5 predictions in 10 bins:
	//   bin 0.9-1.0: 0.95 ✓, 0.91 ✗ → conf 0.93, acc 0.5, gap 0.43
	//   bin 0.6-0.7: 0.65 ✓          → conf 0.65, acc 1,   gap 0.35
	//   bin 0.2-0.3: 0.25 ✗, 0.20 ✗  → conf 0.225, acc 0,  gap 0.225
	// ECE = 2/5·0.43 + 1/5·0.35 + 2/5·0.225 = 0.172 + 0.07 + 0.09 = 0.332
	conf := []float64{0.95, 0.91, 0.65, 0.25, 0.20}
	right := []bool{true, false, true, false, false}
	c := Calibrate(conf, right, 10)
	if math.Abs(c.ECE-0.332) > 1e-12 {
		t.Errorf("ECE = %.15f, want 0.332", c.ECE)
	}
	want := map[int]Bin{
		9: {Lo: 0.9, Hi: 1, Cases: 2, Confidence: 0.93, Accuracy: 0.5},
		6: {Lo: 0.6, Hi: 0.7, Cases: 1, Confidence: 0.65, Accuracy: 1},
		2: {Lo: 0.2, Hi: 0.3, Cases: 2, Confidence: 0.225, Accuracy: 0},
	}
	for i, b := range c.Bins {
		w, ok := want[i]
		if !ok {
			w = Bin{Lo: float64(i) / 10, Hi: float64(i+1) / 10}
		}
		if b.Cases != w.Cases || math.Abs(b.Confidence-w.Confidence) > 1e-12 || b.Accuracy != w.Accuracy ||
			math.Abs(b.Lo-w.Lo) > 1e-12 || math.Abs(b.Hi-w.Hi) > 1e-12 {
			t.Errorf("bin %d = %+v, want %+v", i, b, w)
		}
	}
}

func TestCalibrateEdges(t *testing.T) {
	tests := []struct {
		name  string
		conf  []float64
		right []bool
		ece   float64
		bin   int // the bin of the first prediction
	}{
		{"confidence 1 is in the last bin", []float64{1}, []bool{true}, 0, 9},
		{"confidence 0 wrong is perfect", []float64{0}, []bool{false}, 0, 0},
		{"confidence 0 right is the worst", []float64{0}, []bool{true}, 1, 0},
		{"nothing to bin", nil, nil, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Calibrate(tt.conf, tt.right, 10)
			if c.ECE != tt.ece {
				t.Errorf("ECE = %v, want %v", c.ECE, tt.ece)
			}
			if tt.bin >= 0 && c.Bins[tt.bin].Cases != 1 {
				t.Errorf("bins = %+v, want the case in bin %d", c.Bins, tt.bin)
			}
		})
	}
}

func TestLatencies(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // 1..100 ms, unsorted
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	l := Latencies(ds)
	if l.P50 != 50 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("latencies = %+v", l)
	}
	if one := Latencies([]time.Duration{3 * time.Millisecond}); one.P50 != 3 || one.P99 != 3 {
		t.Errorf("one latency = %+v", one)
	}
	if none := Latencies(nil); none != (Latency{}) {
		t.Errorf("no latency = %+v", none)
	}
}
