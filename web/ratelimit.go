package web

import (
	"sync"
	"time"
)

// limiter counts events per key over a sliding window, in memory. Each
// replica counts on its own: good enough to slow down guessing, with no
// shared state to run.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	events map[string][]time.Time
	// sweepAt is the map size at which expired keys are dropped; it doubles
	// with the live keys so sweeping stays amortized O(1) per event.
	sweepAt int
}

const minSweep = 1024

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, events: map[string][]time.Time{}, sweepAt: minSweep}
}

// Blocked reports whether key has used up its events in the window ending at now.
func (l *limiter) Blocked(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.live(key, now)) >= l.max
}

// Add records an event of key at now.
func (l *limiter) Add(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events[key] = append(l.live(key, now), now)
	if len(l.events) >= l.sweepAt {
		l.sweep(now)
	}
}

// Allow records an event of key unless it is blocked, and reports whether it was allowed.
func (l *limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	ev := l.live(key, now)
	if len(ev) >= l.max {
		return false
	}
	l.events[key] = append(ev, now)
	if len(l.events) >= l.sweepAt {
		l.sweep(now)
	}
	return true
}

// Reset forgets key, e.g. after a successful login.
func (l *limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.events, key)
}

// live drops the events of key older than the window and returns the rest.
func (l *limiter) live(key string, now time.Time) []time.Time {
	ev := l.events[key]
	cut := now.Add(-l.window)
	i := 0
	for i < len(ev) && !ev[i].After(cut) {
		i++
	}
	switch {
	case i == len(ev):
		delete(l.events, key)
		return nil
	case i > 0:
		l.events[key] = ev[i:]
	}
	return ev[i:]
}

func (l *limiter) sweep(now time.Time) {
	for k := range l.events {
		l.live(k, now)
	}
	l.sweepAt = max(2*len(l.events), minSweep)
}
