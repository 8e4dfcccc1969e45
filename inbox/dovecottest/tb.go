package dovecottest

import (
	"context"
	"flag"
	"os"
)

// TB is the part of testing.TB that Start and Append use: a *testing.T or
// *testing.B is one. It is an interface of its own so that the package
// does not import testing.
type TB interface {
	Helper()
	Cleanup(func())
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Start starts an instance for the test, stopped at cleanup, or skips the
// test when Dovecot is not there (see EnvDovecot) or with -short.
func Start(t TB) *Server {
	t.Helper()
	switch os.Getenv(EnvDovecot) {
	case "0":
		t.Skipf("%s=0: Dovecot tests skipped", EnvDovecot)
	case "1":
	default:
		if !Installed() {
			t.Skipf("Dovecot is not installed: run `%s` (make test does), or set %s=1", InstallHint, EnvDovecot)
		}
	}
	if short() {
		t.Skipf("-short: Dovecot tests skipped")
	}
	s, err := StartContext(context.Background(), "")
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("%v", err)
		}
	})
	return s
}

// Append delivers messages to INBOX (see AppendContext) or fails the test.
func (s *Server) Append(t TB, msgs [][]byte) {
	t.Helper()
	if err := s.AppendContext(context.Background(), msgs); err != nil {
		t.Fatalf("%v", err)
	}
}

// short is testing.Short without importing testing: the value of the
// -test.short flag, which only test binaries define.
func short() bool {
	f := flag.Lookup("test.short")
	return f != nil && f.Value.String() == "true"
}
