// Package dovecottest runs throwaway Dovecot IMAP servers (scripts/dovecot.sh)
// for tests, which get one of their own stopped and removed when they end
// (Start, Append), and for the benchmark, which drives one with a context
// and errors (StartContext, AppendContext, Close). The package does not
// import testing, so that the triage binary can link it.
package dovecottest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// EnvDovecot controls the tests against a real Dovecot: "0" skips them,
// "1" installs Dovecot when it is missing (root and apt needed); unset,
// they run when /usr/sbin/dovecot exists.
const EnvDovecot = "TRIAGE_TEST_DOVECOT"

// Binary is where scripts/dovecot.sh expects Dovecot.
const Binary = "/usr/sbin/dovecot"

// InstallHint is the command that installs Dovecot, for messages.
const InstallHint = "bash scripts/dovecot.sh install"

// Installed reports whether Dovecot is installed.
func Installed() bool {
	_, err := os.Stat(Binary)
	return err == nil
}

// Server is a running Dovecot instance with one user and an empty INBOX,
// on 127.0.0.1 without TLS.
type Server struct {
	Dir            string // the instance's directory (its Maildir is under it)
	Host           string
	Port           int
	User, Password string

	script string
	once   sync.Once
	err    error
}

// StartContext starts an instance with scripts/dovecot.sh, which installs
// Dovecot first when it is missing and it can (root and apt). dir is the
// checkout whose scripts/ holds it; "" is the one this package was built
// from, or the working directory when the build trimmed its paths. The
// caller stops the instance with Close.
func StartContext(ctx context.Context, dir string) (*Server, error) {
	if dir == "" {
		dir = "."
		if _, self, _, ok := runtime.Caller(0); ok && filepath.IsAbs(self) {
			dir = filepath.Join(filepath.Dir(self), "..", "..")
		}
	}
	script := filepath.Join(dir, "scripts", "dovecot.sh")
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("dovecottest: %w", err)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "bash", script, "start")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dovecottest: scripts/dovecot.sh start: %w\n%s", err, stderr.String())
	}
	kv := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			kv[k] = v
		}
	}
	s := &Server{Dir: kv["TRIAGE_DOVECOT_DIR"], User: kv["TRIAGE_DOVECOT_USER"], Password: kv["TRIAGE_DOVECOT_PASSWORD"], script: script}
	host, port, err := net.SplitHostPort(kv["TRIAGE_DOVECOT_ADDR"])
	if err == nil {
		s.Host = host
		s.Port, err = strconv.Atoi(port)
	}
	if err != nil || s.Dir == "" || s.User == "" || s.Password == "" {
		if s.Dir != "" {
			s.Close()
		}
		return nil, fmt.Errorf("dovecottest: scripts/dovecot.sh start printed %q", out)
	}
	return s, nil
}

// Close stops the instance and removes its directory. Later calls return
// the first one's result.
func (s *Server) Close() error {
	s.once.Do(func() {
		if out, err := exec.Command("bash", s.script, "stop", s.Dir).CombinedOutput(); err != nil {
			s.err = fmt.Errorf("dovecottest: scripts/dovecot.sh stop: %w\n%s", err, out)
		}
	})
	return s.err
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// appendWindow is how many APPENDs are in flight at once.
const appendWindow = 64

// AppendContext delivers messages to INBOX with pipelined APPENDs (Dovecot
// has LITERAL+), in order: the first gets the lowest UID. When ctx ends,
// the connection is closed and the messages not yet acknowledged may or
// may not be there.
func (s *Server) AppendContext(ctx context.Context, msgs [][]byte) (err error) {
	var d net.Dialer
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	conn, err := d.DialContext(dctx, "tcp", s.Addr())
	cancel()
	if err != nil {
		return fmt.Errorf("dovecottest: %w", err)
	}
	c := imapclient.New(conn, nil)
	defer c.Close()
	// go-imap's commands take no context: closing the connection is what
	// interrupts them.
	defer context.AfterFunc(ctx, func() { c.Close() })()
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = fmt.Errorf("dovecottest: append: %w", ctx.Err())
		}
	}()
	if err := c.Login(s.User, s.Password).Wait(); err != nil {
		return fmt.Errorf("dovecottest: login: %w", err)
	}
	pending := make([]*imapclient.AppendCommand, 0, appendWindow)
	flush := func() error {
		for _, cmd := range pending {
			if _, err := cmd.Wait(); err != nil {
				return fmt.Errorf("dovecottest: append: %w", err)
			}
		}
		pending = pending[:0]
		return nil
	}
	for _, raw := range msgs {
		cmd := c.Append("INBOX", int64(len(raw)), nil)
		if _, err := cmd.Write(raw); err != nil {
			return fmt.Errorf("dovecottest: append: %w", err)
		}
		if err := cmd.Close(); err != nil {
			return fmt.Errorf("dovecottest: append: %w", err)
		}
		pending = append(pending, cmd)
		if len(pending) == appendWindow {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
