package triage

import "time"

// Neighbour is a past qualification close to a reply, the evidence behind a suggestion.
type Neighbour struct {
	QualificationID int64   `json:"qualification_id"`
	Status          string  `json:"status"`
	Similarity      float64 `json:"similarity"`
	Comment         string  `json:"comment,omitempty"`
}

// FollowUp is the next action proposed or planned after a qualification.
type FollowUp struct {
	Template string    `json:"template,omitempty"`
	Due      time.Time `json:"due"`
}

// Suggestion is the qualification triage proposes for a reply.
type Suggestion struct {
	ID            int64
	TenantID      int64
	ReplyID       int64
	Strategy      string
	PromptVersion string
	Status        string
	Comment       string
	Items         []string
	// ItemStatuses gives each item its own status when the reply mixes
	// intents ("F-101 is paid, F-102 has a wrong price"); nil otherwise.
	ItemStatuses map[string]string
	FollowUp     *FollowUp
	Confidence   float64
	Neighbours   []Neighbour
	Latency      time.Duration
	Tokens       int
	Cost         float64 // in the price unit configured for the LLM
	CreatedAt    time.Time
}

// SuggestInput is everything a suggestion strategy may read about a reply.
type SuggestInput struct {
	TenantID int64
	Reply    Reply
	Customer *Customer
	Items    []Item // the customer's open items
	Catalog  Catalog
	Settings Settings
	Now      time.Time
}

// Qualification is a collector's decision on a reply: a status, a comment and
// the items concerned. Validated qualifications are the history suggestions learn from.
type Qualification struct {
	ID             int64
	TenantID       int64
	ReplyID        int64
	Items          []string
	Status         string
	Comment        string
	Resolver       string
	FollowUp       *FollowUp
	ByUserID       int64
	FromSuggestion *int64
	Edits          []string // suggestion fields the collector changed
	Embedding      []float32
	Text           string // the text the embedding was computed from
	CreatedAt      time.Time
}

// Action is a planned follow-up on a customer's items (action spécifique).
type Action struct {
	ID         int64
	TenantID   int64
	CustomerID int64
	Items      []string
	Template   string
	Due        time.Time
	AssigneeID *int64
	Done       bool
}
