package evals

// Bin is one row of a reliability table: the cases whose confidence fell in
// [Lo, Hi) (the last bin includes 1), their mean confidence and accuracy.
type Bin struct {
	Lo         float64 `json:"lo"`
	Hi         float64 `json:"hi"`
	Cases      int     `json:"cases"`
	Confidence float64 `json:"confidence"`
	Accuracy   float64 `json:"accuracy"`
}

// Calibration tells whether confidences can be read as probabilities.
type Calibration struct {
	// ECE is the expected calibration error: the case-weighted mean gap
	// between accuracy and confidence over the bins.
	ECE  float64 `json:"ece"`
	Bins []Bin   `json:"reliability"`
}

// Calibrate bins the confidences of predictions into bins equal-width bins
// over [0, 1] and computes the ECE. correct[i] tells whether prediction i was right.
func Calibrate(confidence []float64, correct []bool, bins int) Calibration {
	if len(confidence) != len(correct) {
		panic("evals: confidences and outcomes differ in length")
	}
	c := Calibration{Bins: make([]Bin, bins)}
	sumConf := make([]float64, bins)
	hits := make([]int, bins)
	for i, p := range confidence {
		b := min(max(int(p*float64(bins)), 0), bins-1)
		c.Bins[b].Cases++
		sumConf[b] += p
		if correct[i] {
			hits[b]++
		}
	}
	for b := range c.Bins {
		bin := &c.Bins[b]
		bin.Lo, bin.Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
		if bin.Cases == 0 {
			continue
		}
		n := float64(bin.Cases)
		bin.Confidence, bin.Accuracy = sumConf[b]/n, float64(hits[b])/n
		gap := bin.Accuracy - bin.Confidence
		if gap < 0 {
			gap = -gap
		}
		c.ECE += n / float64(len(confidence)) * gap
	}
	return c
}
