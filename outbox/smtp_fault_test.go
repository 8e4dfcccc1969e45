package outbox_test

import (
	"context"
	"net"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/triage-ar/triage/outbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// scriptedSMTP is an SMTP server that fails on cue after the message: it
// keeps every message it read in full, and hangs up at the moment the
// test asks for on the first connections.
type scriptedSMTP struct {
	addr string
	mu   sync.Mutex
	got  []string // messages read up to their final "."
	// dropBeforeAck hangs up on the first connection once the message is
	// read, without answering it; dropAtQuit answers 250 then hangs up
	// on QUIT without a reply.
	dropBeforeAck, dropAtQuit bool
	conns                     int
}

func startScriptedSMTP(t *testing.T, dropBeforeAck, dropAtQuit bool) *scriptedSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &scriptedSMTP{addr: ln.Addr().String(), dropBeforeAck: dropBeforeAck, dropAtQuit: dropAtQuit}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			first := s.conns == 1
			s.mu.Unlock()
			wg.Go(func() { s.serve(c, first) })
		}
	})
	return s
}

func (s *scriptedSMTP) serve(conn net.Conn, first bool) {
	defer conn.Close()
	tp := textproto.NewConn(conn)
	tp.PrintfLine("220 mx.boulangerie.test ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		switch verb := strings.ToUpper(strings.Fields(line + " x")[0]); verb {
		case "EHLO", "HELO":
			tp.PrintfLine("250 mx.boulangerie.test")
		case "MAIL", "RCPT", "RSET", "NOOP":
			tp.PrintfLine("250 OK")
		case "DATA":
			tp.PrintfLine("354 go ahead")
			msg, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.got = append(s.got, string(msg))
			s.mu.Unlock()
			if first && s.dropBeforeAck {
				return
			}
			tp.PrintfLine("250 queued")
		case "QUIT":
			if first && s.dropAtQuit {
				return
			}
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 not implemented")
		}
	}
}

func (s *scriptedSMTP) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

var messageIDHeader = regexp.MustCompile(`(?m)^Message-Id: (<[^>]+>)`)

// TestFaultSMTPDropAfterData drops the SMTP connection around the end of
// a message. After the server's 250 the email is sent, once, even if QUIT
// fails; before it, the email is retried and the server gets it a second
// time with the same Message-ID (at least once, see the package doc).
func TestFaultSMTPDropAfterData(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	must(t, err)
	for _, tt := range []struct {
		name                      string
		dropBeforeAck, dropAtQuit bool
		firstFails                bool
		deliveries                int
	}{
		{"connection dropped at QUIT, after the 250", false, true, false, 1},
		{"connection dropped before the 250", true, false, true, 2},
		{"no failure", false, false, false, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := startScriptedSMTP(t, tt.dropBeforeAck, tt.dropAtQuit)
			host, port, _ := net.SplitHostPort(srv.addr)
			p, _ := strconv.Atoi(port)
			must(t, db.SaveSMTPAccount(ctx, tn.ID, store.SMTPAccount{Host: host, Port: p, TLSMode: "none",
				From: "ACME Relances <relances@acme.test>"}))
			e, err := db.QueueEmail(ctx, triage.Email{TenantID: tn.ID, To: []string{"compta@boulangerie.test"},
				Subject: "Votre règlement de la facture F-2026-01187", Body: "Bonjour,\n\nNous avons bien reçu votre réponse.\n"},
				triage.Audit{TenantID: tn.ID, Action: "queue_email", Entity: "email"})
			must(t, err)
			m := &outbox.Mailer{DB: db}

			err = m.SendEmail(ctx, tn.ID, e.ID)
			if (err != nil) != tt.firstFails {
				t.Fatalf("first attempt: %v, want failure %v", err, tt.firstFails)
			}
			// The job is retried until the email is sent, as the worker does.
			for attempt := 2; err != nil; attempt++ {
				if attempt > outbox.MaxAttempts {
					t.Fatalf("not sent after %d attempts: %v", outbox.MaxAttempts, err)
				}
				err = m.SendEmail(ctx, tn.ID, e.ID)
			}
			must(t, m.SendEmail(ctx, tn.ID, e.ID)) // a job run once more sends nothing

			got, err := db.Email(ctx, tn.ID, e.ID)
			must(t, err)
			wantAttempts := 1
			if tt.firstFails {
				wantAttempts = 2 // the failure, then the success
			}
			if got.State != triage.EmailSent || got.Attempts != wantAttempts {
				t.Errorf("email %s after %d attempts, want sent after %d", got.State, got.Attempts, wantAttempts)
			}
			msgs := srv.messages()
			if len(msgs) != tt.deliveries {
				t.Fatalf("the server got %d copies, want %d", len(msgs), tt.deliveries)
			}
			ids := map[string]bool{}
			for _, msg := range msgs {
				id := messageIDHeader.FindStringSubmatch(msg)
				if id == nil {
					t.Fatalf("no Message-Id in:\n%s", msg)
				}
				ids[id[1]] = true
			}
			if len(ids) != 1 {
				t.Errorf("copies with Message-IDs %v, want one Message-ID for the receiver to deduplicate", ids)
			}
		})
	}
}
