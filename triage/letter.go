package triage

import "time"

// Letter kinds (seed 004): a simple letter, a registered letter with
// acknowledgment of receipt (LRAR), an electronic registered letter (ERE).
const (
	LetterSimple     = "simple"
	LetterRegistered = "registered"
	LetterElectronic = "electronic"
)

// LetterKinds lists the letter kinds in the order admins see them.
var LetterKinds = []string{LetterSimple, LetterRegistered, LetterElectronic}

// SendMode is how a letter action leaves once planned (seed 004).
type SendMode string

// Sending modes of a letter template.
const (
	// SendManual: the collector prints the letter from the agenda and
	// completes the action once posted.
	SendManual SendMode = "manual"
	// SendConfirm: the letter goes to the postal provider once a collector
	// approves it in the agenda or on the customer page.
	SendConfirm SendMode = "confirm"
	// SendAutomatic: the letter goes to the postal provider on the action's
	// day, without the collector.
	SendAutomatic SendMode = "automatic"
)

// Valid reports whether m is a known sending mode.
func (m SendMode) Valid() bool { return m == SendManual || m == SendConfirm || m == SendAutomatic }

// LetterStatus is a letter's proof-of-sending status.
type LetterStatus string

// Proof-of-sending statuses, in the order a letter normally goes through
// them; LetterFailed is a sending the provider refused for good.
const (
	LetterQueued       LetterStatus = "queued"
	LetterSent         LetterStatus = "sent"
	LetterDelivered    LetterStatus = "delivered"
	LetterReturned     LetterStatus = "returned"
	LetterAcknowledged LetterStatus = "acknowledged"
	LetterFailed       LetterStatus = "failed"
)

// Final reports whether no later proof can change the status.
func (s LetterStatus) Final() bool {
	return s == LetterReturned || s == LetterAcknowledged || s == LetterFailed
}

// Rank orders statuses along a letter's life, so that proofs reported out
// of order never take it back: queued, sent, delivered, then the outcomes.
func (s LetterStatus) Rank() int {
	switch s {
	case LetterQueued:
		return 0
	case LetterSent:
		return 1
	case LetterDelivered:
		return 2
	case LetterReturned, LetterAcknowledged, LetterFailed:
		return 3
	}
	return -1
}

// ProviderManual is the provider of a letter a collector printed and posted.
const ProviderManual = "manual"

// LetterTemplate is an action template of kind "letter" with its kind of
// letter and sending mode.
type LetterTemplate struct {
	ActionTemplate
	LetterKind string
	Mode       SendMode
}

// Letterhead is the company block of a tenant's letters.
type Letterhead struct {
	TenantID int64
	Name     string // the tenant's name
	Address  string // lines separated by "\n"
	Legal    string // legal mentions printed at the foot
	Logo     []byte
	LogoMIME string
	ShowLogo bool
}

// Letter is the sending state of a letter action.
type Letter struct {
	ActionID    int64
	TenantID    int64
	Kind        string
	Status      LetterStatus
	ApprovedBy  *int64 // nil when the automatic sweep queued it
	ApprovedAt  time.Time
	PDF         []byte // the document sent, kept so that a retry sends the same one
	PDFSHA256   string
	Pages       int
	Provider    string
	ProviderRef string
	Attempts    int
	LastError   string
	UpdatedAt   time.Time
}

// LetterEvent is one proof-of-sending status a letter went through.
type LetterEvent struct {
	Status LetterStatus
	Detail string
	At     time.Time
}

// LetterAction is a follow-up action whose template is a letter, with its
// customer, template and sending state (nil until approved, swept or printed).
type LetterAction struct {
	Action   Action
	Customer Customer
	Template LetterTemplate
	Letter   *Letter
	Events   []LetterEvent
}
