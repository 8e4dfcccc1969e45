package inbox

import (
	"strings"
	"testing"
	"time"
)

// TestFaultPollerStateThroughOutage takes the IMAP server away under a
// connected poller: its state goes from connected to backing off with the
// error (failing since the outage), mail that arrived meanwhile is stored
// once the server is back, and nothing is stored twice.
func TestFaultPollerStateThroughOutage(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	for i := range 3 {
		srv.append(t, "INBOX", numbered(i))
	}
	states := NewPollerStates(nil)
	r := f.startPoller(t, m, PollOptions{PollInterval: time.Hour, IdleTimeout: time.Hour, States: states}, nil)
	r.waitFor(t, "idle")
	st := waitState(t, states, m.ID, PollerConnected)
	if !st.FailingSince.IsZero() || st.LastError != "" || st.TenantID != f.tenant.ID || st.Mailbox != m.Name {
		t.Errorf("connected poller: %+v", st)
	}

	outage := time.Now()
	srv.proxy.setDown(true)
	srv.proxy.cut()
	srv.append(t, "INBOX", numbered(3)) // arrives during the outage
	st = waitState(t, states, m.ID, PollerBackingOff)
	if st.LastError == "" || st.FailingSince.Before(outage) || !st.Failing(time.Now().Add(time.Minute), time.Minute/2) {
		t.Errorf("poller of an unreachable server: %+v", st)
	}
	attempts := srv.proxy.accepted()
	waitCond(t, "two reconnection attempts", func() bool { return srv.proxy.accepted() >= attempts+2 })
	if again := waitState(t, states, m.ID, PollerBackingOff); !again.FailingSince.Equal(st.FailingSince) {
		t.Errorf("failing since %v after a second failure, want still %v", again.FailingSince, st.FailingSince)
	}

	srv.proxy.setDown(false)
	r.waitStored(t, f, 4)
	st = waitState(t, states, m.ID, PollerConnected)
	if !st.FailingSince.IsZero() || st.LastError != "" || st.Failing(time.Now().Add(time.Hour), time.Minute) {
		t.Errorf("reconnected poller: %+v", st)
	}
	r.stop(t)
	f.assertExactlyOnce(t, 4)
	if s := states.Snapshot(); len(s) != 0 {
		t.Errorf("a stopped poller is still reported: %+v", s)
	}
}

// TestFaultPollerSlowServer reads a backlog through a server that answers
// slowly, then through one that drops the connection mid-backlog: every
// message is stored exactly once.
func TestFaultPollerSlowServer(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	for i := range 40 {
		srv.append(t, "INBOX", numbered(i))
	}
	srv.proxy.setDelay(5 * time.Millisecond)
	r := f.startPoller(t, m, PollOptions{PollInterval: time.Hour, IdleTimeout: time.Hour, BatchSize: 5}, nil)
	r.waitStored(t, f, 12)
	srv.proxy.cut() // mid-backlog
	r.waitStored(t, f, 40)
	r.waitFor(t, "synced")
	r.stop(t)
	f.assertExactlyOnce(t, 40)
	if n := srv.proxy.accepted(); n < 2 {
		t.Errorf("%d connections, want a reconnection after the cut", n)
	}
}

// waitState waits until the mailbox's poller reports state, and returns it.
func waitState(t *testing.T, states *PollerStates, mailboxID int64, state string) PollerState {
	t.Helper()
	var got PollerState
	waitCond(t, "poller "+state, func() bool {
		for _, s := range states.Snapshot() {
			if s.MailboxID == mailboxID && s.State == state {
				got = s
				return true
			}
		}
		return false
	})
	return got
}

// waitCond polls ok until it holds, for 30 s at most.
func waitCond(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("not %s within 30 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestFaultPollerHungServer hangs the server mid-session, the TCP
// connection still up: the poller gives up on the command after its
// CommandTimeout, reports why, and reconnects once the server answers
// again; the mail that came meanwhile is stored once.
func TestFaultPollerHungServer(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	srv.append(t, "INBOX", numbered(0))
	states := NewPollerStates(nil)
	// Without IDLE, each poll sends a NOOP: the command the hung server leaves unanswered.
	r := f.startPoller(t, m, PollOptions{DisableIdle: true, PollInterval: 20 * time.Millisecond,
		CommandTimeout: 300 * time.Millisecond, States: states}, nil)
	r.waitStored(t, f, 1)
	waitState(t, states, m.ID, PollerConnected)
	resume := srv.proxy.stall(t)
	srv.append(t, "INBOX", numbered(1))
	st := waitState(t, states, m.ID, PollerBackingOff)
	if !strings.Contains(st.LastError, errNoAnswer.Error()) {
		t.Errorf("backing off from %q, want the unanswered command", st.LastError)
	}
	resume()
	r.waitStored(t, f, 2)
	r.stop(t)
	f.assertExactlyOnce(t, 2)
}
