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

// ValidationError names the field of an input that is not acceptable.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string {
	return "triage: " + e.Field + ": " + e.Message
}

// invalid builds a *ValidationError.
func invalid(field, msg string) error {
	return &ValidationError{Field: field, Message: msg}
}
