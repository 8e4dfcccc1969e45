package inbox

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// Poller states, as PollerState.State reports them.
const (
	// PollerStarting is a poller that has not connected yet.
	PollerStarting = "starting"
	// PollerConnected is a poller with a working session: it selected the
	// folder and read its checkpoint.
	PollerConnected = "connected"
	// PollerBackingOff is a poller waiting to reconnect after a failure.
	PollerBackingOff = "backing off"
	// PollerStandby is a poller whose mailbox another replica polls.
	PollerStandby = "standby"
)

// PollerState is what one mailbox's poller is doing, for the readiness
// probe and the logs.
type PollerState struct {
	MailboxID int64
	TenantID  int64
	Mailbox   string
	State     string    // one of the Poller* constants
	Since     time.Time // when State began
	// FailingSince is when the poller last stopped working (or started,
	// if it never connected); zero while connected or on standby.
	FailingSince time.Time
	// LastError is the failure it is backing off from, "" when none.
	LastError string
}

// Failing tells whether the poller has not been working for longer than
// grace at now: never connected, or backing off, since before now-grace.
func (s PollerState) Failing(now time.Time, grace time.Duration) bool {
	return !s.FailingSince.IsZero() && now.Sub(s.FailingSince) > grace
}

// PollerStates collects the state of every running poller of this process.
// The zero value is not usable: call NewPollerStates. A nil *PollerStates
// records nothing, so a poller may run without one.
type PollerStates struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[int64]PollerState
}

// NewPollerStates returns an empty collection; now is the clock (nil = time.Now).
func NewPollerStates(now func() time.Time) *PollerStates {
	if now == nil {
		now = time.Now
	}
	return &PollerStates{now: now, m: make(map[int64]PollerState)}
}

// Snapshot returns the states of the running pollers by mailbox id.
func (r *PollerStates) Snapshot() []PollerState {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]PollerState, 0, len(r.m))
	for _, s := range r.m {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b PollerState) int { return cmp.Compare(a.MailboxID, b.MailboxID) })
	return out
}

// Now is the collection's clock, for comparing with FailingSince.
func (r *PollerStates) Now() time.Time {
	if r == nil {
		return time.Now()
	}
	return r.now()
}

// set records that mb's poller entered state; err is the failure behind
// a PollerBackingOff. A failure keeps the FailingSince of the failure (or
// start) before it, so a poller that keeps failing stays failing.
func (r *PollerStates) set(mb Mailbox, state string, err error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	prev, ok := r.m[mb.ID]
	s := PollerState{MailboxID: mb.ID, TenantID: mb.TenantID, Mailbox: mb.Name, State: state, Since: now}
	if ok && prev.State == state {
		s.Since = prev.Since
	}
	switch state {
	case PollerStarting, PollerBackingOff:
		s.FailingSince = now
		if ok && !prev.FailingSince.IsZero() {
			s.FailingSince = prev.FailingSince
		}
	}
	if err != nil {
		s.LastError = err.Error()
	}
	r.m[mb.ID] = s
}

// remove forgets a stopped poller.
func (r *PollerStates) remove(mailboxID int64) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, mailboxID)
}
