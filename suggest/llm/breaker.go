package llm

import (
	"sync"
	"time"
)

// BreakerState is where a circuit breaker stands.
type BreakerState int

// Breaker states.
const (
	// BreakerClosed lets every call through.
	BreakerClosed BreakerState = iota
	// BreakerOpen refuses every call until the cooldown has passed.
	BreakerOpen
	// BreakerHalfOpen lets one probe through; its outcome closes or reopens.
	BreakerHalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case BreakerClosed:
		return "closed"
	case BreakerOpen:
		return "open"
	default:
		return "half-open"
	}
}

// Default breaker tuning.
const (
	DefaultBreakerThreshold = 5
	DefaultBreakerCooldown  = 30 * time.Second
)

// Breaker stops calling a server that keeps failing: it opens after
// Threshold consecutive failures, refuses calls for Cooldown, then lets a
// single probe through. A nil *Breaker lets everything through. It is safe
// for concurrent use.
type Breaker struct {
	Threshold int              // consecutive failures that open it (DefaultBreakerThreshold when 0)
	Cooldown  time.Duration    // how long it stays open (DefaultBreakerCooldown when 0)
	Now       func() time.Time // the clock (time.Now when nil)

	mu       sync.Mutex
	open     bool
	failures int
	openedAt time.Time
	probing  bool
}

// State reports the breaker's state now.
func (b *Breaker) State() BreakerState {
	if b == nil {
		return BreakerClosed
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state()
}

func (b *Breaker) state() BreakerState {
	switch {
	case !b.open:
		return BreakerClosed
	case b.probing || b.now().Sub(b.openedAt) >= b.cooldown():
		return BreakerHalfOpen
	default:
		return BreakerOpen
	}
}

// Allow reports whether a call may go out. When it returns true, the caller
// must report the call's outcome with Success, Failure or Cancel.
func (b *Breaker) Allow() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state() {
	case BreakerClosed:
		return true
	case BreakerHalfOpen:
		if b.probing {
			return false
		}
		b.probing = true
		return true
	default:
		return false
	}
}

// Success records a call the server answered: the breaker closes.
func (b *Breaker) Success() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.open, b.failures, b.probing = false, 0, false
}

// Failure records a call the server failed; a failed probe reopens the breaker.
func (b *Breaker) Failure() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if b.probing || b.failures >= b.threshold() {
		b.open, b.openedAt, b.probing = true, b.now(), false
	}
}

// Cancel records a call abandoned by its caller, which says nothing of the
// server: a probe slot is released for the next call.
func (b *Breaker) Cancel() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
}

func (b *Breaker) now() time.Time {
	if b.Now == nil {
		return time.Now()
	}
	return b.Now()
}

func (b *Breaker) threshold() int {
	if b.Threshold <= 0 {
		return DefaultBreakerThreshold
	}
	return b.Threshold
}

func (b *Breaker) cooldown() time.Duration {
	if b.Cooldown <= 0 {
		return DefaultBreakerCooldown
	}
	return b.Cooldown
}
