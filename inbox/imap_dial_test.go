package inbox

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

func TestDialTLSModes(t *testing.T) {
	cert, roots := selfSigned(t)
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	plain := startMemIMAP(t, memOptions{})
	starttls := startMemIMAP(t, memOptions{tls: serverTLS})
	implicit := startMemIMAP(t, memOptions{tls: serverTLS, implicit: true})
	trusting := testDialer()
	trusting.TLSConfig = &tls.Config{RootCAs: roots}
	trusting.Timeout = 10 * time.Second
	impatient := trusting
	impatient.Timeout = 300 * time.Millisecond // the server waits for a TLS hello that never comes

	tests := []struct {
		name string
		srv  *memIMAP
		mode TLSMode
		d    IMAPDialer
		want error // nil: connected and logged in
		says string
	}{
		{"none", plain, TLSNone, trusting, nil, ""},
		{"starttls", starttls, TLSStartTLS, trusting, nil, ""},
		{"implicit", implicit, TLSImplicit, trusting, nil, ""},
		{"implicit on a plain port", plain, TLSImplicit, trusting, ErrTLS, "implicit-TLS port"},
		{"starttls not offered", plain, TLSStartTLS, trusting, ErrTLS, "STARTTLS"},
		{"untrusted certificate", implicit, TLSImplicit, testDialer(), ErrTLS, "certificate"},
		{"plain on an implicit port", implicit, TLSNone, impatient, ErrConnect, "TLS mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.srv.mailbox(1, 1)
			m.TLS = tt.mode
			c, err := tt.d.Dial(context.Background(), m, nil)
			if c != nil {
				defer c.Close()
			}
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.Select("INBOX", nil).Wait(); err != nil {
					t.Fatalf("select after login: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
}

func TestDialErrorsAreClear(t *testing.T) {
	srv := startMemIMAP(t, memOptions{})
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()

	wrongPass := IMAPDialer{Getenv: func(string) string { return "wrong" }}
	noEnv := IMAPDialer{Getenv: func(string) string { return "" }}
	tests := []struct {
		name string
		d    IMAPDialer
		mod  func(*Mailbox)
		want error
		says string
	}{
		{"bad password", wrongPass, nil, ErrLogin, `user "` + testIMAPUser + `"`},
		{"unknown user", testDialer(), func(m *Mailbox) { m.Username = "nobody" }, ErrLogin, "nobody"},
		{"password not set", noEnv, nil, ErrPassword, "TEST_IMAP_PASSWORD"},
		{"nothing listening", testDialer(), func(m *Mailbox) { m.Port = closedPort }, ErrConnect, "refused"},
		{"unknown host", testDialer(), func(m *Mailbox) { m.Host = "imap.invalid" }, ErrConnect, "imap.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := srv.mailbox(1, 1)
			if tt.mod != nil {
				tt.mod(&m)
			}
			c, err := tt.d.Dial(context.Background(), m, nil)
			if c != nil {
				c.Close()
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line wrapping %v saying %q", err, tt.want, tt.says)
			}
			if err != nil && strings.Contains(err.Error(), testIMAPPass) {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

func TestDialHonoursContext(t *testing.T) {
	// A server that accepts and never greets.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	m := Mailbox{Name: "mute", Host: "127.0.0.1", Port: port, TLS: TLSNone, Username: "u", PasswordRef: "env:X"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := testDialer().Dial(ctx, m, nil)
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Dial ignored its context")
	}

	d := testDialer()
	d.Timeout = 100 * time.Millisecond
	_, err = d.Dial(context.Background(), m, nil)
	if !errors.Is(err, ErrConnect) || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("err = %v, want a timeout naming the TLS mode", err)
	}
}
