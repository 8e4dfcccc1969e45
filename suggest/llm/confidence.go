package llm

// MaxConfidence caps every LLM suggestion: a model is never certain.
const MaxConfidence = 0.99

// combine is the confidence of an LLM suggestion of status, from the model's
// own confidence llm and the base suggestion (baseStatus, base).
//
// When both strategies agree, they are two views of the evidence and either
// being right is enough: 1 − (1−llm)(1−base), which is at least the higher
// of the two. When they disagree, the model's confidence shrinks by half the
// base's: llm·(1 − base/2), so a sure knn vote against the model halves it
// and a base without history (confidence 0) leaves it as is. The result is
// capped at MaxConfidence.
func combine(llm float64, status, baseStatus string, base float64) float64 {
	llm, base = clamp01(llm), clamp01(base)
	var c float64
	if status == baseStatus {
		c = 1 - (1-llm)*(1-base)
	} else {
		c = llm * (1 - base/2)
	}
	return min(c, MaxConfidence)
}

func clamp01(x float64) float64 {
	if !(x > 0) { // NaN included
		return 0
	}
	return min(x, 1)
}
