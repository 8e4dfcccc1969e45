package web

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiterWindow(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	l := newLimiter(3, 15*time.Minute)
	for i := range 3 {
		if l.Blocked("ip|julie", t0.Add(time.Duration(i)*time.Minute)) {
			t.Fatalf("blocked after %d failures", i)
		}
		l.Add("ip|julie", t0.Add(time.Duration(i)*time.Minute))
	}
	if !l.Blocked("ip|julie", t0.Add(3*time.Minute)) {
		t.Error("not blocked after 3 failures")
	}
	if l.Blocked("ip|marc", t0.Add(3*time.Minute)) {
		t.Error("another key is blocked")
	}
	// The first failure leaves the window at t0+15m: one more try is allowed.
	if l.Blocked("ip|julie", t0.Add(15*time.Minute+time.Second)) {
		t.Error("still blocked once the oldest failure left the window")
	}
	l.Add("ip|julie", t0.Add(15*time.Minute+time.Second))
	if !l.Blocked("ip|julie", t0.Add(15*time.Minute+2*time.Second)) {
		t.Error("not blocked again after a new failure filled the window")
	}
	if l.Blocked("ip|julie", t0.Add(time.Hour)) {
		t.Error("blocked after the whole window passed")
	}
}

func TestLimiterAllowAndReset(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	l := newLimiter(2, time.Hour)
	got := []bool{l.Allow("k", t0), l.Allow("k", t0), l.Allow("k", t0)}
	if got[0] != true || got[1] != true || got[2] != false {
		t.Errorf("Allow x3 = %v, want [true true false]", got)
	}
	l.Reset("k")
	if !l.Allow("k", t0) {
		t.Error("Reset did not forget the key")
	}
	if l.Allow("k", t0.Add(59*time.Minute)) != true || l.Allow("k", t0.Add(59*time.Minute)) != false {
		t.Error("the window is not sliding")
	}
}

func TestLimiterSweepsExpiredKeys(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	l := newLimiter(5, time.Minute)
	for i := range minSweep - 1 {
		l.Add(fmt.Sprint("old", i), t0)
	}
	l.Add("new", t0.Add(2*time.Minute)) // reaches minSweep: the old keys have expired
	if n := len(l.events); n != 1 {
		t.Errorf("%d keys after a sweep, want 1", n)
	}
	if l.sweepAt != minSweep {
		t.Errorf("sweepAt = %d", l.sweepAt)
	}
}
