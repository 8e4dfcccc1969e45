package suggest

import (
	"context"
	"time"

	"github.com/triage-ar/triage/suggest/cues"
)

// LabelledText is a past qualification as the status model learns from it.
type LabelledText struct {
	ID        int64 // qualification id; 0 when it does not come from the store
	Text      string
	Status    string
	CreatedAt time.Time
	// Corrected is true when the collector changed the status a suggestion
	// proposed: the model was wrong there, so the case weighs more.
	Corrected bool
}

// History reads a tenant's qualifications in force (not superseded by a
// requalification). store.DB implements it.
type History interface {
	// QualifiedTexts returns them oldest first.
	QualifiedTexts(ctx context.Context, tenantID int64) ([]LabelledText, error)
	// QualifiedCount returns how many there are and the largest id among
	// them: together they change whenever a qualification is added,
	// requalified or deleted, and they cost one index scan.
	QualifiedCount(ctx context.Context, tenantID int64) (count int, lastID int64, err error)
}

// PhraseSource gives a tenant's own cue phrases, added to the embedded
// lexicons when its model is trained. A History may implement it.
type PhraseSource interface {
	CuePhrases(ctx context.Context, tenantID int64) ([]cues.Phrase, error)
}
