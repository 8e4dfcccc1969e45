package inbox

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

const (
	testIMAPUser = "ar@example.com"
	testIMAPPass = "s3cret"
)

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// testLog logs to the test output with -v and TRIAGE_TEST_VERBOSE=1, else nowhere.
func testLog(t testing.TB) *slog.Logger {
	if os.Getenv("TRIAGE_TEST_VERBOSE") == "" {
		return quietLog
	}
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// memIMAP is go-imap's in-memory server on 127.0.0.1:0, behind a proxy
// that lets tests cut every connection as a failing network would.
type memIMAP struct {
	host  string
	port  int
	user  *imapmemserver.User
	proxy *proxy
	mail  *newMail
}

type memOptions struct {
	tls      *tls.Config // STARTTLS offered with it, or the whole listener when implicit
	implicit bool
}

func startMemIMAP(t testing.TB, o memOptions) *memIMAP {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(testIMAPUser, testIMAPPass)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	mail := &newMail{c: make(chan struct{})}
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return idleSession{mem.NewSession().(imapserver.SessionIMAP4rev2), mail}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true,
		Logger:       discardLogger{},
	}
	if !o.implicit {
		opts.TLSConfig = o.tls
	}
	srv := imapserver.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var served net.Listener = ln
	if o.implicit {
		served = tls.NewListener(ln, o.tls)
	}
	go srv.Serve(served)
	t.Cleanup(func() { srv.Close() })
	px := startProxy(t, ln.Addr().String())
	host, port, _ := net.SplitHostPort(px.addr)
	p, _ := strconv.Atoi(port)
	return &memIMAP{host: host, port: p, user: user, proxy: px, mail: mail}
}

// idleSession mends the memory server's IDLE, which leaves an update
// queued just before IDLE starts undelivered until the next one: it polls
// for updates when IDLE starts and after every append of the test.
type idleSession struct {
	imapserver.SessionIMAP4rev2
	mail *newMail
}

func (s idleSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	for {
		next := s.mail.wait() // before Poll: an append after Poll closes it
		if err := s.Poll(w, true); err != nil {
			return err
		}
		select {
		case <-next:
		case <-stop:
			return nil
		}
	}
}

// newMail is closed and replaced at each append.
type newMail struct {
	mu sync.Mutex
	c  chan struct{}
}

func (n *newMail) wait() <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.c
}

func (n *newMail) arrived() {
	n.mu.Lock()
	defer n.mu.Unlock()
	close(n.c)
	n.c = make(chan struct{})
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// mailbox returns the configuration of the server's INBOX for the poller.
func (s *memIMAP) mailbox(id, tenantID int64) Mailbox {
	return Mailbox{ID: id, TenantID: tenantID, Name: "ar", Host: s.host, Port: s.port, TLS: TLSNone,
		Username: testIMAPUser, PasswordRef: "env:TEST_IMAP_PASSWORD", Folder: "INBOX"}
}

// append adds a message to a folder as a delivery would.
func (s *memIMAP) append(t testing.TB, folder string, raw []byte) {
	t.Helper()
	if _, err := s.user.Append(folder, bytes.NewReader(raw), &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatalf("append to %s: %v", folder, err)
	}
	s.mail.arrived()
}

// client is a plain IMAP client of the server, to look at what the poller left.
func (s *memIMAP) client(t testing.TB) *imapclient.Client {
	t.Helper()
	c, err := testDialer().Dial(context.Background(), s.mailbox(0, 0), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// count returns the number of messages in a folder and how many are \Seen.
func (s *memIMAP) count(t testing.TB, folder string) (n, seen int) {
	t.Helper()
	c := s.client(t)
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages == 0 {
		return 0, 0
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if slices.Contains(m.Flags, imap.FlagSeen) {
			seen++
		}
	}
	return len(msgs), seen
}

func testDialer() IMAPDialer {
	return IMAPDialer{Getenv: func(string) string { return testIMAPPass }, Timeout: 10 * time.Second}
}

// proxy forwards TCP connections and can cut them all.
type proxy struct {
	addr    string
	mu      sync.Mutex
	conns   []net.Conn
	clients []net.Conn    // the client side of conns
	count   int           // connections accepted
	down    bool          // new connections are closed at once, as by a server that is down
	delay   time.Duration // added before each chunk the server sends, as by a slow server or link
	stalled chan struct{} // while not nil, nothing the server sends goes through until it is closed
}

func startProxy(t testing.TB, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String()}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			down := p.down
			if down {
				p.count++
			}
			p.mu.Unlock()
			if down {
				c.Close()
				continue
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.clients = append(p.clients, c)
			p.count++
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, slowReader{u, p}); c.Close() }()
		}
	}()
	return p
}

// cut closes every open connection, like a network failure or a server restart.
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns, p.clients = nil, nil
}

// bye says BYE to every client, as a server shutting down does, then cuts.
// (The server's own responses may interleave: a client must cope.)
func (p *proxy) bye() {
	p.mu.Lock()
	for _, c := range p.clients {
		c.Write([]byte("* BYE Server shutting down.\r\n"))
	}
	p.mu.Unlock()
	p.cut()
}

// setDown makes the server unreachable (true) or reachable again; the
// connections already open are left to cut.
func (p *proxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
}

// setDelay slows every chunk the server sends from now on by d.
func (p *proxy) setDelay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = d
}

// slowReader waits the proxy's delay before each read of the server.
type slowReader struct {
	r io.Reader
	p *proxy
}

func (s slowReader) Read(b []byte) (int, error) {
	s.p.mu.Lock()
	d, stalled := s.p.delay, s.p.stalled
	s.p.mu.Unlock()
	if stalled != nil {
		<-stalled
	}
	if d > 0 {
		time.Sleep(d)
	}
	return s.r.Read(b)
}

// stall holds everything the server sends, with the connections left up,
// as a hung server does, until the returned function is called (at the
// latest at cleanup).
func (p *proxy) stall(t testing.TB) (resume func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ch := make(chan struct{})
	p.stalled = ch
	var once sync.Once
	resume = func() {
		once.Do(func() {
			p.mu.Lock()
			p.stalled = nil
			p.mu.Unlock()
			close(ch)
		})
	}
	t.Cleanup(resume)
	return resume
}

func (p *proxy) accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.count
}

// testMessage is a plain reply, with a Message-ID when id is not empty.
func testMessage(id, from, subject, body string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: ar@example.com\r\nSubject: %s\r\nDate: Mon, 3 Mar 2025 10:02:00 +0100\r\n", from, subject)
	if id != "" {
		fmt.Fprintf(&b, "Message-ID: <%s>\r\n", id)
	}
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", body)
	return b.Bytes()
}

// numbered is the i-th message of a backlog.
func numbered(i int) []byte {
	return testMessage(fmt.Sprintf("msg-%05d@customer.example", i), "Compta <compta@customer.example>",
		fmt.Sprintf("RE: Relance facture F-%05d", i), fmt.Sprintf("Bonjour,\r\nLa facture F-%05d sera payée le 15.\r\nCordialement", i))
}

// fixture is a database with a tenant and a mailbox row, and what a poller
// of it needs.
type fixture struct {
	db     *store.DB
	conn   *pgx.Conn
	tenant triage.Tenant
	svc    *triage.Service
	limits Limits // of the parser
	dialer Dialer // testDialer() when nil
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, url := storetest.NewWithURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	tn, err := db.InsertTenant(ctx, "acme", "ACME")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{db: db, conn: conn, tenant: tn, svc: newService(db)}
}

// newService is the workflow as far as ingestion goes: Ingest needs
// neither a suggester nor an embedder.
func newService(db *store.DB) *triage.Service { return triage.NewService(db, nil, nil, quietLog) }

// memFixture is a fixture and a fresh memory server whose INBOX is the
// fixture's mailbox; mod, when not nil, adjusts the mailbox first.
func memFixture(t testing.TB, mod func(*Mailbox)) (*fixture, *memIMAP, Mailbox) {
	t.Helper()
	f := newFixture(t)
	srv := startMemIMAP(t, memOptions{})
	mb := srv.mailbox(0, 0)
	if mod != nil {
		mod(&mb)
	}
	return f, srv, f.addMailbox(t, mb)
}

// addMailbox stores m's configuration and returns it with its id.
func (f *fixture) addMailbox(t testing.TB, m Mailbox) Mailbox {
	t.Helper()
	row, err := f.db.CreateMailbox(context.Background(), store.Mailbox{TenantID: f.tenant.ID, Name: m.Name, Host: m.Host,
		Port: m.Port, TLSMode: string(m.TLS), Username: m.Username, PasswordRef: m.PasswordRef, Folder: m.Folder,
		ProcessedFolder: m.ProcessedFolder, MarkSeen: m.MarkSeen, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	m.ID, m.TenantID = row.ID, f.tenant.ID
	return m
}

func (f *fixture) replies(t testing.TB) int {
	t.Helper()
	var n int
	if err := f.conn.QueryRow(context.Background(), `SELECT count(*) FROM reply WHERE tenant_id = $1`, f.tenant.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) checkpoint(t testing.TB, m Mailbox) (uint32, uint32) {
	t.Helper()
	v, l, err := f.db.MailboxCheckpoint(context.Background(), f.tenant.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v, l
}

// assertExactlyOnce checks that the tenant has n replies, all distinct, each
// stored once and with its suggestion job.
func (f *fixture) assertExactlyOnce(t testing.TB, n int) {
	t.Helper()
	var replies, ids, jobs int
	err := f.conn.QueryRow(context.Background(), `SELECT count(*), count(DISTINCT message_id),
		(SELECT count(*) FROM job WHERE tenant_id = $1) FROM reply WHERE tenant_id = $1`, f.tenant.ID).Scan(&replies, &ids, &jobs)
	if err != nil {
		t.Fatal(err)
	}
	if replies != n || ids != n || jobs != n {
		t.Errorf("%d replies, %d distinct message ids, %d suggestion jobs; want %d of each", replies, ids, jobs, n)
	}
}

// run is a poller running in the background.
type run struct {
	p        *Poller
	cancel   context.CancelFunc
	done     chan error
	events   chan string
	ingested chan uint32
}

// startPoller runs a poller of m with the fixture's ingester; wrap, if not
// nil, wraps the ingest function (to inject failures).
func (f *fixture) startPoller(t testing.TB, m Mailbox, opts PollOptions, wrap func(func(context.Context, Fetched) error) func(context.Context, Fetched) error) *run {
	t.Helper()
	ing := &Ingester{Service: f.svc, Customers: f.db, Limits: f.limits, Log: testLog(t)}
	r := &run{done: make(chan error, 1), events: make(chan string, 10000), ingested: make(chan uint32, 100000)}
	ingest := func(ctx context.Context, m Fetched) error {
		err := ing.Ingest(ctx, m)
		if err == nil {
			r.ingested <- m.UID
		}
		return err
	}
	if wrap != nil {
		ingest = wrap(ingest)
	}
	if opts.BackoffMin == 0 {
		opts.BackoffMin, opts.BackoffMax = 5*time.Millisecond, 50*time.Millisecond
	}
	var d Dialer = testDialer()
	if f.dialer != nil {
		d = f.dialer
	}
	r.p = NewPoller(m, d, f.db, ingest, testLog(t), opts)
	r.p.trace = func(e string) {
		select {
		case r.events <- e:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- r.p.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// pollOnce runs a poller of m until it has read the whole folder once.
func (f *fixture) pollOnce(t testing.TB, m Mailbox, opts PollOptions, wrap func(func(context.Context, Fetched) error) func(context.Context, Fetched) error) *run {
	t.Helper()
	r := f.startPoller(t, m, opts, wrap)
	r.waitFor(t, "synced")
	r.stop(t)
	return r
}

// stop cancels the poller and waits for Run to return.
func (r *run) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	select {
	case err, ok := <-r.done:
		if ok && err != nil {
			t.Errorf("Run returned %v", err)
		}
		if ok {
			close(r.done)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the poller did not stop within 30 s of its context's end")
	}
}

// waitFor reads events until one equals want.
func (r *run) waitFor(t testing.TB, want string) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case e := <-r.events:
			if e == want {
				return
			}
		case <-deadline:
			t.Fatalf("no %q event within 60 s", want)
		}
	}
}

// waitStored waits until the tenant has n replies.
func (r *run) waitStored(t testing.TB, f *fixture, n int) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for f.replies(t) < n {
		select {
		case <-r.ingested:
		case <-deadline:
			t.Fatalf("%d replies stored within 60 s, want %d", f.replies(t), n)
		}
	}
}

// selfSigned returns a server certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "imap.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, pool
}
