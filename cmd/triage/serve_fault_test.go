package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/inbox/dovecottest"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// backlogSize is how many messages wait in the mailbox when triage starts.
const backlogSize = 400

// TestFaultServeKill9MidBacklog is the crash test on the real
// binary: `triage serve` reads a backlog from Dovecot, is killed with
// SIGKILL midway, and started again; every message ends up stored exactly
// once, and /readyz shows the mailbox's poller connected.
func TestFaultServeKill9MidBacklog(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the triage binary")
	}
	dc := dovecottest.Start(t)
	db, dbURL := storetest.NewWithURL(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = tn.ID
		if err := db.UpsertStatus(ctx, st, i); err != nil {
			t.Fatal(err)
		}
	}
	dc.Append(t, backlog())

	// With -race: the packages come from the cache `go test -race` filled,
	// and a data race in serve fails the run.
	bin := filepath.Join(t.TempDir(), "triage")
	if out, err := exec.Command("go", "build", "-race", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "LISTEN_ADDR="+addr, "TRIAGE_METRICS_ADDR=off", "TRIAGE_WORKERS=1",
		"TRIAGE_SECRET_KEY=a fault test secret key of more than 32 bytes", "TRIAGE_TEST_IMAP_PASSWORD="+dc.Password,
		"TRIAGE_LOG_FORMAT=", "TRIAGE_LOG_LEVEL=info")
	add := exec.Command(bin, "mailbox", "add", "--tenant", "acme", "--name", "relances", "--host", dc.Host,
		"--port", fmt.Sprint(dc.Port), "--tls", "none", "--user", dc.User, "--password-ref", "env:TRIAGE_TEST_IMAP_PASSWORD")
	add.Env = env
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("triage mailbox add: %v\n%s", err, out)
	}

	// Every batch of stored replies enqueues their suggestion jobs with one
	// NOTIFY triage_jobs, sent at commit: the test follows commits as they
	// happen, and kills serve once a quarter of the backlog is in.
	listen, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer listen.Close(ctx)
	if _, err := listen.Exec(ctx, "LISTEN triage_jobs"); err != nil {
		t.Fatal(err)
	}
	first := startServe(t, bin, env)
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for n := 0; countReplies(t, listen, tn.ID) < backlogSize/4; n++ {
		if _, err := listen.WaitForNotification(wctx); err != nil {
			t.Fatalf("after %d commits: %v\ntriage's log:\n%s", n, err, first.log())
		}
	}
	first.kill9(t)
	before := countReplies(t, listen, tn.ID)
	t.Logf("triage serve killed with %d of %d messages stored", before, backlogSize)
	if before < backlogSize/4 || before >= backlogSize {
		t.Fatalf("%d replies at the kill: the crash did not land mid-backlog", before)
	}

	second := startServe(t, bin, env)
	deadline := time.Now().Add(2 * time.Minute)
	for countReplies(t, listen, tn.ID) < backlogSize {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d replies stored within 2 min of the restart\ntriage's log:\n%s",
				countReplies(t, listen, tn.ID), backlogSize, second.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var n, ids, uids int
	if err := listen.QueryRow(ctx, `SELECT count(*), count(DISTINCT message_id), count(DISTINCT uid) FROM reply WHERE tenant_id = $1`,
		tn.ID).Scan(&n, &ids, &uids); err != nil {
		t.Fatal(err)
	}
	if n != backlogSize || ids != backlogSize || uids != backlogSize {
		t.Errorf("%d replies, %d distinct Message-IDs, %d distinct UIDs; want %d of each", n, ids, uids, backlogSize)
	}
	waitReady(t, "http://"+addr+"/readyz", second)
	second.stop(t)
	// TRIAGE_LOG_FORMAT is empty: serve logs JSON lines.
	var serving map[string]any
	for line := range strings.Lines(second.log()) {
		var l map[string]any
		if json.Unmarshal([]byte(line), &l) == nil && l["msg"] == "triage serving" {
			serving = l
		}
	}
	if serving == nil || serving["addr"] != addr {
		t.Errorf("no JSON \"triage serving\" line on %s in serve's log:\n%s", addr, second.log())
	}
}

// backlog is the mailbox's messages: replies to payment reminders, in
// French and English.
func backlog() [][]byte {
	msgs := make([][]byte, backlogSize)
	for i := range msgs {
		body := fmt.Sprintf("Bonjour,\r\nLa facture F-2026-%05d sera réglée le 15 par virement.\r\nCordialement,\r\nCompta", i)
		subject := fmt.Sprintf("RE: Relance facture F-2026-%05d", i)
		if i%3 == 1 {
			body = fmt.Sprintf("Hello,\r\nWe dispute invoice F-2026-%05d: the agreed discount is missing.\r\nRegards", i)
			subject = fmt.Sprintf("RE: Payment reminder F-2026-%05d", i)
		}
		msgs[i] = fmt.Appendf(nil, "From: Compta <compta@boulangerie-martin.fr>\r\nTo: relances@acme.example\r\nSubject: %s\r\n"+
			"Date: Tue, 10 Mar 2026 09:%02d:00 +0100\r\nMessage-ID: <backlog-%05d@boulangerie-martin.fr>\r\nMIME-Version: 1.0\r\n"+
			"Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", subject, i%60, i, body)
	}
	return msgs
}

// serveProcess is a running `triage serve`.
type serveProcess struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan error
}

func startServe(t *testing.T, bin string, env []string) *serveProcess {
	t.Helper()
	p := &serveProcess{cmd: exec.Command(bin, "serve"), out: &lockedBuffer{}, done: make(chan error, 1)}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *serveProcess) log() string { return p.out.String() }

// kill9 kills the process with SIGKILL: no cleanup of any kind.
func (p *serveProcess) kill9(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
}

// stop asks for a graceful shutdown and checks it completes.
func (p *serveProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("triage serve after SIGTERM: %v\n%s", err, p.log())
		}
	case <-time.After(60 * time.Second):
		t.Errorf("triage serve still running 60 s after SIGTERM")
	}
}

// waitReady polls /readyz until it answers 200 with the mailbox's poller
// connected.
func waitReady(t *testing.T, url string, p *serveProcess) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			var body struct {
				Ready   bool `json:"ready"`
				Pollers []struct {
					State string `json:"state"`
				} `json:"pollers"`
			}
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			last = fmt.Sprintf("%d %+v %v", resp.StatusCode, body, err)
			if err == nil && resp.StatusCode == http.StatusOK && body.Ready && len(body.Pollers) == 1 && body.Pollers[0].State == "connected" {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("readyz not ready with its poller connected within 60 s: last %s\ntriage's log:\n%s", last, p.log())
}

func countReplies(t *testing.T, conn *pgx.Conn, tenantID int64) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM reply WHERE tenant_id = $1`, tenantID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// lockedBuffer collects a process's output, read while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
