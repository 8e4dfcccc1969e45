package cli

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
)

// memIMAPPort serves go-imap's in-memory server on 127.0.0.1 for user
// "ar" / "s3cret" with the folders INBOX and Done.
func memIMAPPort(t *testing.T) int {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser("ar", "s3cret")
	u.Create("INBOX", nil)
	u.Create("Done", nil)
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

func TestMailboxCommands(t *testing.T) {
	url := storetest.URL(t)
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := store.Migrate(ctx, url, quiet); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, url, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.InsertTenant(ctx, "acme", "ACME"); err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(memIMAPPort(t))
	vars := map[string]string{"DATABASE_URL": url, "TRIAGE_LOG_LEVEL": "warn", "AR_PW": "s3cret", "BAD_PW": "nope"}
	add := []string{"mailbox", "add", "--tenant", "acme", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--user", "ar"}

	tests := []struct {
		name string
		args []string
		code int
		out  string // expected in stdout (code 0) or stderr
	}{
		{"add", append(add, "--name", "ar", "--password-ref", "env:AR_PW", "--processed-folder", "Done"), 0, `mailbox "ar" added`},
		{"add twice", append(add, "--name", "ar", "--password-ref", "env:AR_PW"), 1, "already exists"},
		{"add bad password", append(add, "--name", "bad", "--password-ref", "env:BAD_PW"), 0, "added"},
		{"add no env", append(add, "--name", "noenv", "--password-ref", "env:UNSET_PW"), 0, "UNSET_PW is not set"},
		{"add missing folder", append(add, "--name", "nofolder", "--password-ref", "env:AR_PW", "--processed-folder", "Archive"), 0, "added"},
		{"add bad tls", append(add, "--name", "x", "--password-ref", "env:AR_PW", "--tls", "ssl"), 2, "choose implicit, starttls or none"},
		{"add password inline", append(add, "--name", "x", "--password-ref", "s3cret"), 2, "never the password itself"},
		{"add unknown tenant", []string{"mailbox", "add", "--tenant", "nope", "--name", "x", "--host", "h", "--tls", "implicit",
			"--user", "u", "--password-ref", "env:X"}, 1, `tenant "nope"`},
		{"no subcommand", []string{"mailbox"}, 2, "a subcommand is required"},
		{"unknown subcommand", []string{"mailbox", "remove"}, 2, `unknown subcommand "remove"`},
		{"list", []string{"mailbox", "list", "--tenant", "acme"}, 0, "127.0.0.1:" + port},
		{"test", []string{"mailbox", "test", "--tenant", "acme", "--name", "ar"}, 0, "folders: Done, INBOX"},
		{"test bad password", []string{"mailbox", "test", "--tenant", "acme", "--name", "bad"}, 1, `refused the login for user "ar"`},
		{"test no env", []string{"mailbox", "test", "--tenant", "acme", "--name", "noenv"}, 1, "environment variable UNSET_PW is not set"},
		{"test missing folder", []string{"mailbox", "test", "--tenant", "acme", "--name", "nofolder"}, 1, `processed folder "Archive" does not exist`},
		{"test unknown", []string{"mailbox", "test", "--tenant", "acme", "--name", "zzz"}, 1, `mailbox "zzz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runWithEnv(t, vars, tt.args...)
			got := stdout
			if tt.code != 0 {
				got = stderr
			}
			if code != tt.code || !strings.Contains(got, tt.out) {
				t.Errorf("triage %v = %d\nstdout: %s\nstderr: %s\nwant %d and %q", tt.args, code, stdout, stderr, tt.code, tt.out)
			}
			if code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("the error takes several lines:\n%s", stderr)
			}
		})
	}
}
