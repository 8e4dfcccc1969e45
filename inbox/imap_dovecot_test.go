package inbox

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/inbox/dovecottest"
	"github.com/triage-ar/triage/store"
)

// dovecot is a running instance of scripts/dovecot.sh.
type dovecot struct {
	srv                   *dovecottest.Server
	dir, host, user, pass string
	port                  int
}

// startDovecot starts an instance for the test, stopped at cleanup, or skips.
func startDovecot(t testing.TB) *dovecot {
	t.Helper()
	s := dovecottest.Start(t)
	return &dovecot{srv: s, dir: s.Dir, host: s.Host, port: s.Port, user: s.User, pass: s.Password}
}

func (d *dovecot) mailbox() Mailbox {
	return Mailbox{Name: "dovecot", Host: d.host, Port: d.port, TLS: TLSNone, Username: d.user,
		PasswordRef: "env:TRIAGE_DOVECOT_PASSWORD", Folder: "INBOX"}
}

func (d *dovecot) dialer() IMAPDialer {
	return IMAPDialer{Getenv: func(string) string { return d.pass }, Timeout: 30 * time.Second}
}

// appendAll delivers messages to INBOX, in order.
func (d *dovecot) appendAll(t testing.TB, msgs [][]byte) { d.srv.Append(t, msgs) }

// crashBacklog is the 500 messages of the crash test: mostly ordinary
// replies, some without Message-ID, one that is no message at all.
func crashBacklog() [][]byte {
	var msgs [][]byte
	for i := range 500 {
		switch {
		case i == 250:
			msgs = append(msgs, []byte("\x00\x01\x02 this is not an email at all \xff\xfe\r\n"))
		case i%50 == 7:
			msgs = append(msgs, testMessage("", "ap@martin.de", "Paiement", fmt.Sprintf("Virement n°%d effectué.", i)))
		default:
			msgs = append(msgs, numbered(i))
		}
	}
	return msgs
}

// Env of the crash test's child process.
const (
	envCrashChild  = "TRIAGE_TEST_CRASH_CHILD"
	envCrashDB     = "TRIAGE_TEST_CRASH_DB"
	envCrashTarget = "TRIAGE_TEST_CRASH_MAILBOX"
)

// TestDovecotCrashChild is the poller process the crash test kills; it
// does nothing unless started by TestDovecotKill9MidBacklog.
func TestDovecotCrashChild(t *testing.T) {
	if os.Getenv(envCrashChild) != "1" {
		t.Skip("helper process of TestDovecotKill9MidBacklog")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv(envCrashDB), quietLog)
	if err != nil {
		t.Fatal(err)
	}
	var m Mailbox
	var pass string
	fmt.Sscanf(os.Getenv(envCrashTarget), "%d %d %s %d %s %s", &m.ID, &m.TenantID, &m.Host, &m.Port, &m.Username, &pass)
	m.Name, m.TLS, m.PasswordRef, m.Folder = "dovecot", TLSNone, "env:X", "INBOX"
	d := IMAPDialer{Getenv: func(string) string { return pass }}
	ing := &Ingester{Service: newService(db), Customers: db, Log: quietLog}
	// Small batches, each stored in one transaction as `triage serve`
	// does: the kill lands amid fetching, storing and checkpointing.
	p := NewBatchPoller(m, d, db, ing.IngestBatch, quietLog, PollOptions{BatchSize: 7})
	p.Run(ctx) // until killed
}

// TestDovecotKill9MidBacklog is the crash test: 500 messages in a
// real Dovecot, a poller process killed with SIGKILL after about 200 of
// them are stored, a new poller started: every message must be stored
// exactly once.
func TestDovecotKill9MidBacklog(t *testing.T) {
	if os.Getenv(envCrashChild) == "1" {
		t.Skip("in the child process")
	}
	dc := startDovecot(t)
	f := newFixture(t)
	f.dialer = dc.dialer()
	m := f.addMailbox(t, dc.mailbox())
	msgs := crashBacklog()
	dc.appendAll(t, msgs)

	// Follow commits as they happen: every batch of new replies enqueues
	// their suggestion jobs with one NOTIFY triage_jobs, sent at commit.
	ctx := context.Background()
	listen, err := pgx.Connect(ctx, f.conn.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer listen.Close(ctx)
	if _, err := listen.Exec(ctx, "LISTEN triage_jobs"); err != nil {
		t.Fatal(err)
	}

	child := exec.Command(os.Args[0], "-test.run=^TestDovecotCrashChild$", "-test.count=1")
	child.Env = append(os.Environ(), envCrashChild+"=1", envCrashDB+"="+f.conn.Config().ConnString(),
		fmt.Sprintf("%s=%d %d %s %d %s %s", envCrashTarget, m.ID, m.TenantID, dc.host, dc.port, dc.user, dc.pass))
	var childOut bytes.Buffer
	child.Stdout, child.Stderr = &childOut, &childOut
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			child.Process.Kill()
			child.Wait()
		}
	}()
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for n := 0; f.replies(t) < 200; n++ {
		if _, err := listen.WaitForNotification(wctx); err != nil {
			// The child writes its output until it has exited: stop it
			// before reading what it said.
			child.Process.Kill()
			child.Wait()
			killed = true
			t.Fatalf("after %d commits: %v\nchild output:\n%s", n, err, childOut.String())
		}
	}
	if err := child.Process.Kill(); err != nil { // SIGKILL: no cleanup of any kind
		t.Fatal(err)
	}
	child.Wait()
	killed = true
	before := f.replies(t)
	_, lastBefore := f.checkpoint(t, m)
	t.Logf("poller process killed with %d of 500 messages stored (checkpoint at UID %d)", before, lastBefore)
	if before < 200 || before >= 500 {
		t.Fatalf("%d replies at the kill: the crash did not land mid-backlog", before)
	}

	// A new poller (the killed one's lock went with its connection).
	start := time.Now()
	r := f.startPoller(t, m, PollOptions{LockRetry: 50 * time.Millisecond}, nil)
	r.waitFor(t, "synced")
	elapsed := time.Since(start)
	r.stop(t)
	f.assertExactlyOnce(t, 500)
	var uids, minUID, maxUID, unreadable int
	f.conn.QueryRow(ctx, `SELECT count(DISTINCT uid), min(uid), max(uid), count(*) FILTER (WHERE 'unreadable' = ANY(flags))
		FROM reply WHERE mailbox_id = $1`, m.ID).Scan(&uids, &minUID, &maxUID, &unreadable)
	if uids != 500 || minUID != 1 || maxUID != 500 || unreadable != 1 {
		t.Errorf("UIDs: %d distinct in [%d, %d], %d unreadable; want 500 in [1, 500], 1 unreadable", uids, minUID, maxUID, unreadable)
	}
	if v, last := f.checkpoint(t, m); v == 0 || last != 500 {
		t.Errorf("checkpoint = (%d, %d), want (uidvalidity, 500)", v, last)
	}
	if n, seen := dcCount(t, dc); n != 500 || seen != 0 {
		t.Errorf("Dovecot INBOX: %d messages, %d seen; want 500, none seen", n, seen)
	}
	t.Logf("restart: %d remaining messages stored in %v; every one of the 500 stored exactly once",
		500-before, elapsed.Round(time.Millisecond))
}

// TestDovecotIdleAndMove runs the poller's IDLE and MOVE paths against Dovecot.
func TestDovecotIdleAndMove(t *testing.T) {
	dc := startDovecot(t)
	f := newFixture(t)
	f.dialer = dc.dialer()
	c, err := dc.dialer().Dial(context.Background(), dc.mailbox(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Create("Done", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if !c.Caps().Has(imap.CapIdle) || !c.Caps().Has(imap.CapMove) {
		t.Fatalf("Dovecot capabilities %v lack IDLE or MOVE", c.Caps())
	}
	mb := dc.mailbox()
	mb.ProcessedFolder = "Done"
	m := f.addMailbox(t, mb)
	dc.appendAll(t, [][]byte{numbered(1), numbered(2)})
	r := f.startPoller(t, m, PollOptions{PollInterval: time.Hour, IdleTimeout: time.Hour}, nil)
	r.waitFor(t, "synced")
	r.waitFor(t, "idle")
	dc.appendAll(t, [][]byte{numbered(3)})
	r.waitStored(t, f, 3)
	r.waitFor(t, "idle")
	r.stop(t)
	f.assertExactlyOnce(t, 3)
	if n, _ := dcCount(t, dc); n != 0 {
		t.Errorf("INBOX still holds %d messages", n)
	}
}

// dcCount returns how many messages Dovecot's INBOX holds and how many are \Seen.
func dcCount(t testing.TB, dc *dovecot) (n, seen int) {
	t.Helper()
	c, err := dc.dialer().Dial(context.Background(), dc.mailbox(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	data, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true, NumUnseen: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return int(*data.NumMessages), int(*data.NumMessages - *data.NumUnseen)
}

// BenchmarkDovecotBacklog measures how fast a poller empties a backlog of
// TRIAGE_BENCH_BACKLOG messages (default 10 000) into Postgres:
//
//	TRIAGE_TEST_DATABASE_URL=... go test -run XXX -bench DovecotBacklog -benchtime 1x ./inbox/
func BenchmarkDovecotBacklog(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("TRIAGE_BENCH_BACKLOG")); err == nil && v > 0 {
		n = v
	}
	dc := startDovecot(b)
	db := newFixture(b).db
	ctx := context.Background()
	msgs := make([][]byte, n)
	for i := range msgs {
		msgs[i] = numbered(i)
	}
	appendStart := time.Now()
	dc.appendAll(b, msgs)
	b.Logf("appended %d messages to Dovecot in %v", n, time.Since(appendStart).Round(time.Millisecond))
	svc := newService(db)
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// A tenant per round: each reads the whole folder afresh.
		tn, err := db.InsertTenant(ctx, fmt.Sprintf("bench-%d", i), "Bench")
		if err != nil {
			b.Fatal(err)
		}
		row, err := db.CreateMailbox(ctx, store.Mailbox{TenantID: tn.ID, Name: "dovecot", Host: dc.host, Port: dc.port,
			TLSMode: "none", Username: dc.user, PasswordRef: "env:X", Enabled: true})
		if err != nil {
			b.Fatal(err)
		}
		m := dc.mailbox()
		m.ID, m.TenantID = row.ID, tn.ID
		synced := make(chan struct{})
		ing := &Ingester{Service: svc, Customers: db, Log: quietLog}
		p := NewPoller(m, dc.dialer(), db, ing.Ingest, quietLog, PollOptions{})
		p.trace = func(e string) {
			if e == "synced" {
				select {
				case synced <- struct{}{}:
				default:
				}
			}
		}
		pctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		b.StartTimer()
		start := time.Now()
		go func() { p.Run(pctx); close(done) }()
		<-synced
		elapsed := time.Since(start)
		b.StopTimer()
		cancel()
		<-done
		total += elapsed
		if _, last, _ := db.MailboxCheckpoint(ctx, tn.ID, m.ID); int(last) != n {
			b.Fatalf("checkpoint at UID %d after the backlog, want %d", last, n)
		}
		b.Logf("backlog of %d messages stored in %v: %.0f messages/s (GOMAXPROCS %d)",
			n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), runtime.GOMAXPROCS(0))
	}
	b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "msgs/s")
}
