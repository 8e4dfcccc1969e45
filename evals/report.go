package evals

import "github.com/triage-ar/triage/suggest"

// Report is the outcome of a run: what `triage eval --json` prints and what
// the admin pages show. Its JSON keys are part of the eval contract (DESIGN.md §6).
type Report struct {
	Strategy string `json:"strategy"`
	History  int    `json:"history"` // history cases learnt from
	Prior    int    `json:"prior"`   // starter cases learnt from besides
	Classification
	Calibration
	PerLang map[string]Group `json:"per_lang"`          // accuracy by the cases' language
	PerTag  map[string]Group `json:"per_tag,omitempty"` // accuracy by the cases' tags
	// Items scores the suggested items on the cases whose items are labelled.
	Items *ItemScore `json:"items,omitempty"`
	// FollowUp scores the suggested follow-up dates on the cases that have one.
	FollowUp *FollowUpScore `json:"follow_up,omitempty"`
	// Summary checks the suggested comments' length and language.
	Summary SummaryCheck `json:"summary"`
	// ItemStatuses is the accuracy of per-item statuses on multi-intent cases.
	ItemStatuses *Group     `json:"item_statuses,omitempty"`
	LatencyMS    Latency    `json:"latency_ms"` // per suggestion
	TrainMS      float64    `json:"train_ms"`   // indexing the history and training its model
	Tokens       int        `json:"tokens"`     // LLM tokens, all cases
	Cost         float64    `json:"cost"`       // LLM cost, all cases
	Model        *ModelInfo `json:"model,omitempty"`
	// Predictions holds one line per case, in the set's order; runs compare
	// case by case through them (Compare).
	Predictions []Prediction `json:"predictions,omitempty"`
}

// ModelInfo describes the status model a run trained.
type ModelInfo struct {
	Statuses    int     `json:"statuses"` // classes of the classifier; 0 when the vote decides alone
	Features    int     `json:"features"`
	Alpha       float64 `json:"alpha"`
	Temperature float64 `json:"temperature"`
	HeldOut     int     `json:"held_out"` // history cases the blend was fitted on; 0: defaults
}

func describe(m *suggest.Model) *ModelInfo {
	if m == nil {
		return nil
	}
	info := &ModelInfo{Alpha: m.Blend.Alpha, Temperature: m.Blend.Temperature, HeldOut: m.HeldOut}
	if m.Classifier != nil {
		info.Statuses, info.Features = len(m.Classifier.Labels()), m.Classifier.Features()
	}
	return info
}

// Prediction is the suggestion made for one case.
type Prediction struct {
	ID         string  `json:"id"`
	Lang       string  `json:"lang,omitempty"`
	Status     string  `json:"status"` // the expected status
	Predicted  string  `json:"predicted"`
	Confidence float64 `json:"confidence"`
	LatencyMS  float64 `json:"latency_ms"`
	// What else was suggested.
	Items        []string          `json:"items,omitempty"`
	ItemStatuses map[string]string `json:"item_statuses,omitempty"`
	FollowUp     string            `json:"follow_up,omitempty"` // YYYY-MM-DD
	Tags         []string          `json:"tags,omitempty"`
}
