package triage

import "errors"

// Sentinel errors callers test with errors.Is. Messages are sentences a user
// may read; details go to the logs.
var (
	// ErrNotFound is returned when a row does not exist in the caller's tenant.
	ErrNotFound = errors.New("triage: not found")
	// ErrForbidden is returned when the actor's role does not allow the action.
	ErrForbidden = errors.New("triage: not allowed for your role")
	// ErrConflict is returned when the reply is no longer in a state that allows the action.
	ErrConflict = errors.New("triage: this reply was already handled")
)

// ValidationError names the field of an input that is not acceptable and
// why: Code and Args let a page say it in the reader's language (see Codes),
// Message is the English sentence for logs, the JSON API and the CLI. An
// error built outside the domain may have no Code; pages then show Message.
type ValidationError struct {
	Field   string
	Code    Code
	Args    []any
	Message string
}

func (e *ValidationError) Error() string {
	return "triage: " + e.Field + ": " + e.Message
}
