package outbox_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/outbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// smtpServer is go-smtp's server on 127.0.0.1:0, keeping what it receives;
// reject makes it refuse messages with the given code.
type smtpServer struct {
	mu     sync.Mutex
	got    []received
	reject int
	addr   string
	srv    *smtp.Server
}

type received struct {
	from string
	to   []string
	data string
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	s.srv.AllowInsecureAuth = true
	s.srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

type session struct {
	s    *smtpServer
	from string
	to   []string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "relances@acme.test" || pass != "smtp-s3cret" {
			return errors.New("bad credentials")
		}
		return nil
	}), nil
}
func (x *session) Mail(from string, _ *smtp.MailOptions) error { x.from = from; return nil }
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error   { x.to = append(x.to, to); return nil }
func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.reject != 0 {
		return &smtp.SMTPError{Code: x.s.reject, Message: "refused by the test"}
	}
	x.s.got = append(x.s.got, received{x.from, x.to, string(b)})
	return nil
}
func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// TestOutbox: a collector's email is queued, sent by the job worker through
// SMTP with login, never twice; an outage is retried; a refusal fails it.
func TestOutbox(t *testing.T) {
	t.Setenv("TRIAGE_TEST_SMTP_PASS", "smtp-s3cret")
	db := storetest.New(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	tn, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	must(t, err)
	u, err := db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: "julie", Name: "Julie Martin", Role: triage.RoleCollector}, []byte("x"))
	must(t, err)
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = tn.ID
		must(t, db.UpsertStatus(ctx, st, i))
	}
	cid, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: "C1", Name: "Boulangerie Martin", Emails: []string{"compta@boulangerie.test"}, CollectorID: &u.ID})
	must(t, err)
	svc := triage.NewService(db, otherSuggester{}, nil, log)
	r, _, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "m1", ReceivedAt: time.Now(),
		Text: "payé", BodyClean: "payé", CustomerID: &cid})
	must(t, err)
	srv := startSMTP(t)
	host, port, _ := net.SplitHostPort(srv.addr)
	p, _ := strconv.Atoi(port)
	must(t, db.SaveSMTPAccount(ctx, tn.ID, store.SMTPAccount{Host: host, Port: p, TLSMode: "none", Username: "relances@acme.test",
		PasswordRef: "env:TRIAGE_TEST_SMTP_PASS", From: "ACME Relances <relances@acme.test>"}))
	a := triage.Actor{TenantID: tn.ID, UserID: u.ID, Role: triage.RoleCollector}

	for _, bad := range []triage.EmailDraft{
		{To: "not an address", Subject: "x", Body: "y"},
		{To: "a@b.test", Subject: "", Body: "y"},
		{To: "a@b.test", Subject: "x", Body: "Bonjour #client_name"},
	} {
		if _, err := svc.QueueEmail(ctx, a, r.ID, bad); err == nil {
			t.Errorf("draft %+v accepted", bad)
		}
	}
	e, err := svc.QueueEmail(ctx, a, r.ID, triage.EmailDraft{To: "Compta <compta@boulangerie.test>; boss@boulangerie.test",
		Subject: "Votre règlement – #customer_name", Body: "Bonjour,\n\nNous avons bien noté votre réponse.\n\n#collector_name\n#company_name"})
	must(t, err)
	w := &jobs.Worker{DB: db, Service: svc, Log: log, Mailer: &outbox.Mailer{DB: db, Getenv: os.Getenv}}
	if n, err := w.Drain(ctx); err != nil || n != 2 { // the reply's suggestion, then the email
		t.Fatalf("drained %d jobs, %v", n, err)
	}
	got := srv.messages()
	if len(got) != 1 || got[0].from != "relances@acme.test" || len(got[0].to) != 2 {
		t.Fatalf("delivered %+v", got)
	}
	for _, want := range []string{"Subject: =?utf-8?q?Votre_r=C3=A8glement_=E2=80=93_Boulangerie_Martin?=", "Julie Martin", "ACME Distribution",
		"Message-Id: <triage-email-", "Auto-Submitted: auto-generated"} {
		if !strings.Contains(got[0].data, want) {
			t.Errorf("message lacks %q:\n%s", want, got[0].data)
		}
	}
	sent, err := db.Email(ctx, tn.ID, e.ID)
	if err != nil || sent.State != triage.EmailSent || sent.SentAt == nil || sent.Attempts != 1 {
		t.Errorf("after sending: %+v %v", sent, err)
	}
	// A retried job finds it sent and sends nothing.
	must(t, w.Mailer.SendEmail(ctx, tn.ID, e.ID))
	if n := len(srv.messages()); n != 1 {
		t.Errorf("%d messages after a retried job, want 1", n)
	}

	// An outage: the attempt fails and is recorded, the email stays pending.
	srv.srv.Close()
	e2, err := svc.QueueEmail(ctx, a, r.ID, triage.EmailDraft{To: "compta@boulangerie.test", Subject: "Relance", Body: "Texte"})
	must(t, err)
	if err := w.Mailer.SendEmail(ctx, tn.ID, e2.ID); err == nil {
		t.Fatal("sending to a closed server succeeded")
	}
	if got, _ := db.Email(ctx, tn.ID, e2.ID); got.State != triage.EmailPending || got.Attempts != 1 || !strings.Contains(got.LastError, "connect") {
		t.Errorf("after an outage: %+v", got)
	}
	// The server is back but refuses for good: failed at once, not retried.
	srv2 := startSMTP(t)
	srv2.reject = 550
	h2, p2, _ := net.SplitHostPort(srv2.addr)
	pp2, _ := strconv.Atoi(p2)
	must(t, db.SaveSMTPAccount(ctx, tn.ID, store.SMTPAccount{Host: h2, Port: pp2, TLSMode: "none", From: "relances@acme.test"}))
	if err := w.Mailer.SendEmail(ctx, tn.ID, e2.ID); err != nil {
		t.Errorf("a permanent refusal is retried: %v", err)
	}
	if got, _ := db.Email(ctx, tn.ID, e2.ID); got.State != triage.EmailFailed || !strings.Contains(got.LastError, "refused") {
		t.Errorf("after a refusal: %+v", got)
	}
}

// otherSuggester proposes "other": the suggestion of the reply is not what
// this test is about.
type otherSuggester struct{}

func (otherSuggester) Suggest(context.Context, triage.SuggestInput) (triage.Suggestion, error) {
	return triage.Suggestion{Strategy: "test", Status: "other"}, nil
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
