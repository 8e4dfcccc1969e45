package postal

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// APIError is an error status of the postal API.
type APIError struct {
	Status     int
	Message    string        // the start of the answer's body
	RetryAfter time.Duration // asked by the API (429, 503), 0 when it did not say
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("postal API answered %d %s", e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Temporary reports whether trying again later may succeed: the API is
// overloaded (429), timed out (408) or failing (5xx). Other 4xx refuse
// the letter as it is.
func (e *APIError) Temporary() bool {
	return e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout || e.Status >= 500
}

// Unwrap makes a temporary API error match ErrTemporary.
func (e *APIError) Unwrap() error {
	if e.Temporary() {
		return ErrTemporary
	}
	return nil
}

// RetryAfter is how long a failure asks to wait before trying again, 0
// when it did not say.
func RetryAfter(err error) time.Duration {
	var e *APIError
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// statusError reads an error answer.
func statusError(resp *http.Response, body []byte, now time.Time) error {
	msg := strings.Join(strings.Fields(string(body)), " ")
	if len(msg) > 300 {
		msg = msg[:300]
		for !utf8.ValidString(msg) {
			msg = msg[:len(msg)-1]
		}
		msg += "…"
	}
	return &APIError{Status: resp.StatusCode, Message: msg, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), now)}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}
