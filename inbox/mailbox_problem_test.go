package inbox

import (
	"errors"
	"testing"
)

// TestMailboxProblems: each refused configuration names its problem with a
// code and the values a page translates, and keeps its English sentence for
// the CLI and the logs.
func TestMailboxProblems(t *testing.T) {
	ok := Mailbox{Name: "relances-acme", Host: "imap.acme.test", Port: 993, TLS: TLSImplicit, Username: "relances@acme.test",
		PasswordRef: "env:ACME_IMAP_PASSWORD", Folder: "INBOX", ProcessedFolder: "Traités"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a good mailbox is refused: %v", err)
	}
	tests := []struct {
		name string
		edit func(m *Mailbox)
		code ProblemCode
		args []any
		msg  string
	}{
		{"name with a space", func(m *Mailbox) { m.Name = "boîte relances" }, ProblemName, []any{"boîte relances"},
			`name "boîte relances": use 1 to 63 letters, digits, '.', '_' or '-'`},
		{"host with a path", func(m *Mailbox) { m.Host = "imap.acme.test/inbox" }, ProblemHost, []any{"imap.acme.test/inbox"},
			`host "imap.acme.test/inbox" is not a host name or an IP address`},
		{"port", func(m *Mailbox) { m.Port = 99300 }, ProblemPort, []any{99300}, "port 99300 is not between 1 and 65535"},
		{"tls", func(m *Mailbox) { m.TLS = "ssl" }, ProblemTLSMode, []any{"ssl"}, `tls "ssl": choose implicit, starttls or none`},
		{"no user", func(m *Mailbox) { m.Username = "" }, ProblemUser, nil, "user is required"},
		{"processed is read", func(m *Mailbox) { m.ProcessedFolder = "INBOX" }, ProblemProcessedIsRead, []any{"INBOX"},
			`processed folder "INBOX" is the folder read: choose another one`},
		{"relative file", func(m *Mailbox) { m.PasswordRef = "file:secrets/imap" }, ProblemPasswordRef, []any{"file:secrets/imap"},
			`password reference "file:secrets/imap": want env:NAME (a variable name) or file:/absolute/path`},
		{"the password itself", func(m *Mailbox) { m.PasswordRef = "Motdepasse2026!" }, ProblemPasswordSecret, nil,
			"password reference: want env:NAME or file:/absolute/path, never the password itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok
			tt.edit(&m)
			err := m.Validate()
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Validate = %v, want a *Problem", err)
			}
			if p.Code != tt.code || len(p.Args) != len(tt.args) || err.Error() != tt.msg {
				t.Errorf("got %q %v %q, want %q %v %q", p.Code, p.Args, err.Error(), tt.code, tt.args, tt.msg)
			}
			for i := range min(len(p.Args), len(tt.args)) {
				if p.Args[i] != tt.args[i] {
					t.Errorf("arg %d = %v, want %v", i, p.Args[i], tt.args[i])
				}
			}
		})
	}
}

func TestPasswordProblemsKeepTheirCause(t *testing.T) {
	_, err := ResolvePassword("env:ACME_IMAP_PASSWORD", func(string) string { return "" })
	var p *Problem
	if !errors.Is(err, ErrPassword) || !errors.As(err, &p) || p.Code != ProblemPasswordEnv ||
		err.Error() != "cannot read the mailbox password: environment variable ACME_IMAP_PASSWORD is not set or empty" {
		t.Errorf("ResolvePassword = %v", err)
	}
}
