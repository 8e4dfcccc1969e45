package llm

import "errors"

var (
	errNoRewind = errors.New("llm: request body cannot be sent again")
	errNoClient = errors.New("llm: strategy has no client")
	// ErrBreakerOpen is returned when the circuit breaker refuses a call.
	ErrBreakerOpen = errors.New("llm: circuit breaker open")
)
