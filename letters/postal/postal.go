// Package postal sends rendered letters through a print-and-post service
// and tracks their proof of sending: a drop directory the service ingests,
// or a generic REST postal API.
package postal

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/triage-ar/triage/letters"
)

// Status is where a letter is in the postal circuit.
type Status string

// Statuses of a letter (proof of sending).
const (
	StatusQueued       Status = "queued"       // accepted by the provider, not posted yet
	StatusSent         Status = "sent"         // handed to the post
	StatusDelivered    Status = "delivered"    // delivered to the recipient
	StatusReturned     Status = "returned"     // returned to the sender (unknown address, not collected)
	StatusAcknowledged Status = "acknowledged" // acknowledgment of receipt signed (LRAR, ERE)
	StatusFailed       Status = "failed"       // the provider gave up (rejected by the printer...)
)

// Valid reports whether s is one of the statuses above.
func (s Status) Valid() bool {
	switch s {
	case StatusQueued, StatusSent, StatusDelivered, StatusReturned, StatusAcknowledged, StatusFailed:
		return true
	}
	return false
}

// Mail is a letter to post.
type Mail struct {
	// ID is our idempotency key, e.g. "triage-<tenant>-<action>": sending
	// the same ID again never posts a second letter.
	ID    string
	Kind  letters.Kind
	PDF   []byte
	To    letters.Recipient
	From  letters.Letterhead // name and address only
	Pages int
}

// Receipt is a provider's answer to a letter sent.
type Receipt struct {
	Provider string
	Ref      string // the provider's reference of the letter, for Track
	Status   Status
	At       time.Time
}

// Event is a change of status of a letter.
type Event struct {
	Ref    string
	Status Status
	At     time.Time
	Detail string
}

// Provider is a postal service.
type Provider interface {
	Name() string
	// Send posts a letter. It is idempotent on m.ID: sending the same ID
	// twice yields the same Ref, never two letters.
	Send(ctx context.Context, m Mail) (Receipt, error)
	// Track returns the status changes of letters since it was last asked
	// in this process (after a restart, the current status once again).
	Track(ctx context.Context, refs []string) ([]Event, error)
}

// ErrTemporary marks a failure worth retrying later (network, timeout,
// provider overloaded or down); any other error is permanent (the letter
// is refused as it is).
var ErrTemporary = errors.New("postal: temporary failure")

// idPattern is an idempotency key or reference: also a file name in a drop
// directory and a path segment of a URL.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// check refuses a mail no provider could post.
func (m Mail) check() error {
	switch {
	case !idPattern.MatchString(m.ID):
		return fmt.Errorf("postal: mail id %q: letters, digits, '.', '_' and '-' only, at most 128", m.ID)
	case !m.Kind.Valid():
		return fmt.Errorf("postal: mail %s: unknown kind %q", m.ID, m.Kind)
	case len(m.PDF) < 5 || string(m.PDF[:5]) != "%PDF-":
		return fmt.Errorf("postal: mail %s: not a PDF", m.ID)
	case m.Pages < 1:
		return fmt.Errorf("postal: mail %s: %d pages", m.ID, m.Pages)
	case m.To.Name == "" || m.To.Address == "":
		return fmt.Errorf("postal: mail %s: the recipient has no name or no postal address", m.ID)
	}
	return nil
}

// checkRef refuses a reference that cannot be a file name or URL segment.
func checkRef(ref string) error {
	if !idPattern.MatchString(ref) {
		return fmt.Errorf("postal: invalid reference %q", ref)
	}
	return nil
}
