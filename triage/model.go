package triage

import "time"

// Role is what a user may do inside a tenant.
type Role string

// Roles known to triage.
const (
	RoleCollector Role = "collector"
	RoleAdmin     Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleCollector || r == RoleAdmin }

// Tenant is one company using triage; every row belongs to exactly one.
type Tenant struct {
	ID   int64
	Slug string
	Name string
}

// Settings are a tenant's tunables for suggestions and the review queue.
type Settings struct {
	// ConfidenceThreshold: a suggestion below it "needs review" in the queue
	// and bulk validation skips it.
	ConfidenceThreshold float64
	// Calendar places follow-ups on business days.
	Calendar Calendar
}

// DefaultConfidenceThreshold is a new tenant's threshold.
const DefaultConfidenceThreshold = 0.6

// Validate reports the first setting out of range.
func (s Settings) Validate() error {
	if s.ConfidenceThreshold < 0 || s.ConfidenceThreshold > 1 {
		return Invalid("confidence_threshold", CodeThresholdRange)
	}
	if !ValidCountry(s.Calendar.Country) {
		return Invalid("holiday_country", CodeUnknownCountry, s.Calendar.Country)
	}
	return nil
}

// NeedsReview reports whether a suggestion of confidence c must be checked
// by a collector before it can be validated in bulk.
func (s Settings) NeedsReview(c float64) bool { return c < s.ConfidenceThreshold }

// User is a collector or an administrator of a tenant.
type User struct {
	ID       int64
	TenantID int64
	Login    string
	Name     string
	Email    string
	Role     Role
	Lang     string // the language of the user's pages: "fr" or "en"
}

// Actor is the user on whose behalf a workflow action runs. UserID 0 is an
// integration acting with the tenant's API token.
type Actor struct {
	TenantID int64
	UserID   int64
	Role     Role
}

// userRef is the audit log's user: nil for an integration.
func (a Actor) userRef() *int64 {
	if a.UserID == 0 {
		return nil
	}
	id := a.UserID
	return &id
}

// Customer is a debtor account with open items.
type Customer struct {
	ID       int64
	TenantID int64
	Code     string
	Name     string
	Contact  string
	Emails   []string
	// InvalidEmails are those of Emails that delivery failure reports
	// declared dead: reminders sent there bounce.
	InvalidEmails []string
	Lang          string
	Country       string
	// Address is the postal address letters go to, lines separated by "\n".
	Address     string
	CollectorID *int64
	Balance     float64
}

// ItemKind tells invoices, credit notes and unallocated payments apart.
type ItemKind string

// Item kinds of a customer's statement.
const (
	ItemInvoice    ItemKind = "invoice"
	ItemCreditNote ItemKind = "credit_note"
	ItemPayment    ItemKind = "payment"
)

// Item is a line of a customer's open statement (pièce).
type Item struct {
	ID         int64
	TenantID   int64
	CustomerID int64
	Number     string
	Kind       ItemKind
	Issued     time.Time
	Due        time.Time
	Amount     float64
	OpenAmount float64
	Currency   string
	Status     string // status code of the last qualification, "" when never qualified
	Resolver   string
	InScenario bool // false when a specific action took the item out of the dunning scenario
}

// Overdue reports whether the item is past due at t and still open.
func (it Item) Overdue(t time.Time) bool {
	return it.OpenAmount > 0 && it.Due.Before(t)
}

// StatusKind groups statuses the way reports and follow-ups treat them.
type StatusKind string

// Status kinds (seed 001).
const (
	KindPayment     StatusKind = "payment"
	KindDispute     StatusKind = "dispute"
	KindInformation StatusKind = "information"
	KindOther       StatusKind = "other"
)

// Mode decides what happens with the action template of a status.
type Mode string

// Modes of a status's follow-up action (seed 001).
const (
	ModeAutomatic        Mode = "automatic"
	ModeConfirm          Mode = "confirm"
	ModeInternalInteract Mode = "internal_interactive"
)

// Status is an entry of the tenant's status catalog.
type Status struct {
	ID             int64
	TenantID       int64
	Code           string
	Label          string
	Kind           StatusKind
	FollowUpDays   int // 0 means no follow-up action
	ActionTemplate string
	Mode           Mode
	IsDispute      bool
	Description    string
}

// Catalog is a tenant's statuses, in display order.
type Catalog []Status

// Find returns the status with the given code.
func (c Catalog) Find(code string) (Status, bool) {
	for _, s := range c {
		if s.Code == code {
			return s, true
		}
	}
	return Status{}, false
}

// CatchAll is the status proposed when nothing tells what a reply says:
// "other" when the catalog has it (or is empty), else its first status.
func (c Catalog) CatchAll() string {
	if _, ok := c.Find("other"); ok || len(c) == 0 {
		return "other"
	}
	return c[0].Code
}

// ActionTemplate is a model for a follow-up action: email, letter, task, call.
type ActionTemplate struct {
	ID         int64
	TenantID   int64
	Code       string
	Kind       string // email, letter, task, call, internal_email
	Name       string
	Subject    string
	Body       string
	Recipients string
	// Translations of Subject and Body for customers of other languages.
	Translations Translations
}
