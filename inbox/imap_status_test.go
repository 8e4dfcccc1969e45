package inbox

import (
	"errors"
	"testing"
	"time"
)

func TestPollerStatesTransitions(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	r := NewPollerStates(func() time.Time { return now })
	mb := Mailbox{ID: 4, TenantID: 2, Name: "relances@acme.fr"}
	refused := errors.New("dial tcp 10.0.0.5:993: connection refused")
	steps := []struct {
		after        time.Duration
		state        string
		err          error
		failingSince time.Duration // since the start; -1 = not failing
		since        time.Duration
	}{
		{0, PollerStarting, nil, 0, 0},
		{time.Minute, PollerBackingOff, refused, 0, time.Minute},                   // never connected: failing since the start
		{time.Minute, PollerBackingOff, refused, 0, time.Minute},                   // still: the state began at the first failure
		{time.Minute, PollerConnected, nil, -1, 3 * time.Minute},                   // working
		{time.Minute, PollerBackingOff, refused, 4 * time.Minute, 4 * time.Minute}, // a new failure
		{time.Minute, PollerStandby, nil, -1, 5 * time.Minute},                     // another replica polls: fine
	}
	start := now
	for i, s := range steps {
		now = now.Add(s.after)
		r.set(mb, s.state, s.err)
		got := r.Snapshot()
		if len(got) != 1 {
			t.Fatalf("step %d: %d states", i, len(got))
		}
		st := got[0]
		wantFailing := time.Time{}
		if s.failingSince >= 0 {
			wantFailing = start.Add(s.failingSince)
		}
		if st.State != s.state || !st.FailingSince.Equal(wantFailing) || !st.Since.Equal(start.Add(s.since)) ||
			(s.err != nil) != (st.LastError != "") || st.MailboxID != 4 || st.TenantID != 2 {
			t.Errorf("step %d (%s): %+v, want failing since %v, since %v", i, s.state, st, wantFailing, start.Add(s.since))
		}
	}
	r.remove(mb.ID)
	if got := r.Snapshot(); len(got) != 0 {
		t.Errorf("after remove: %+v", got)
	}
	var none *PollerStates
	none.set(mb, PollerConnected, nil) // a poller without a collection records nothing
	if none.Snapshot() != nil {
		t.Error("a nil collection has states")
	}
}

func TestPollerStateFailing(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name         string
		failingSince time.Time
		want         bool
	}{
		{"working", time.Time{}, false},
		{"failing within the grace", now.Add(-9 * time.Minute), false},
		{"failing past the grace", now.Add(-11 * time.Minute), true},
	} {
		if got := (PollerState{FailingSince: tt.failingSince}).Failing(now, 10*time.Minute); got != tt.want {
			t.Errorf("%s: Failing = %v, want %v", tt.name, got, tt.want)
		}
	}
}
