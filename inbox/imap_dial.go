package inbox

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Errors a Dialer wraps, so that callers tell a configuration to fix (TLS
// mode, credentials, password reference) from a network failure.
var (
	ErrConnect  = errors.New("cannot reach the IMAP server")
	ErrTLS      = errors.New("TLS negotiation failed")
	ErrLogin    = errors.New("the IMAP server refused the login")
	ErrPassword = errors.New("cannot read the mailbox password")
)

// Dialer opens logged-in connections to an IMAP mailbox.
type Dialer interface {
	// Dial connects to m's server and logs in. opts carries the handler of
	// unilateral data (new-mail notifications); the caller closes the client.
	Dial(ctx context.Context, m Mailbox, opts *imapclient.Options) (*imapclient.Client, error)
}

// IMAPDialer connects over TCP with the mailbox's TLS mode and logs in
// with LOGIN.
type IMAPDialer struct {
	// TLSConfig is cloned for each connection. Nil verifies the server's
	// certificate against the system roots; ServerName defaults to the host.
	TLSConfig *tls.Config
	// Timeout bounds connecting, the TLS handshake, the greeting and the
	// login together. Default 30 s.
	Timeout time.Duration
	// Getenv resolves env: password references. Nil is os.Getenv.
	Getenv func(string) string
}

// Dial implements Dialer.
func (d IMAPDialer) Dial(ctx context.Context, m Mailbox, opts *imapclient.Options) (*imapclient.Client, error) {
	password, err := ResolvePassword(m.PasswordRef, d.Getenv)
	if err != nil {
		return nil, err
	}
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	nd := net.Dialer{KeepAlive: 30 * time.Second} // a dead peer in IDLE is noticed by TCP keep-alives
	conn, err := nd.DialContext(dctx, "tcp", m.Addr())
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, problem(ErrConnect, ProblemConnect, m.Addr(), unwrapOp(err))
	}
	// go-imap's handshakes take no context: closing the connection is what
	// interrupts them when dctx ends.
	stop := context.AfterFunc(dctx, func() { conn.Close() })
	c, err := d.open(conn, m, opts)
	if err == nil {
		err = login(c, m.Username, password)
	}
	if !stop() {
		if c != nil {
			c.Close()
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, problem(ErrConnect, ProblemNoAnswer, m.Addr(), timeout.String(), string(m.TLS), m.Port)
	}
	if err != nil {
		if c != nil {
			c.Close()
		} else {
			conn.Close()
		}
		return nil, err
	}
	return c, nil
}

// open wraps conn in the mailbox's TLS mode and waits for the greeting.
func (d IMAPDialer) open(conn net.Conn, m Mailbox, opts *imapclient.Options) (*imapclient.Client, error) {
	o := imapclient.Options{}
	if opts != nil {
		o = *opts
	}
	cfg := &tls.Config{}
	if d.TLSConfig != nil {
		cfg = d.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = m.Host
	}
	o.TLSConfig = cfg
	var c *imapclient.Client
	switch m.TLS {
	case TLSImplicit:
		tc := tls.Client(conn, cfg)
		if err := tc.Handshake(); err != nil {
			return nil, problem(ErrTLS, ProblemImplicitTLS, m.Addr(), err, m.Port)
		}
		c = imapclient.New(tc, &o)
	case TLSStartTLS:
		var err error
		c, err = imapclient.NewStartTLS(conn, &o)
		if err != nil {
			var ie *imap.Error
			if errors.As(err, &ie) {
				return nil, problem(ErrTLS, ProblemNoStartTLS, m.Addr(), err)
			}
			return nil, problem(ErrTLS, ProblemTLS, m.Addr(), err)
		}
	case TLSNone:
		c = imapclient.New(conn, &o)
	default:
		return nil, problem(nil, ProblemTLSMode, string(m.TLS))
	}
	if err := c.WaitGreeting(); err != nil {
		return c, problem(ErrConnect, ProblemNoGreeting, m.Addr(), err)
	}
	return c, nil
}

func login(c *imapclient.Client, user, password string) error {
	if c.Caps().Has(imap.CapLoginDisabled) {
		return problem(ErrLogin, ProblemLoginDisabled)
	}
	if err := c.Login(user, password).Wait(); err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) {
			return problem(ErrLogin, ProblemLogin, user, ie.Text)
		}
		return problem(ErrLogin, ProblemLogin, user, err)
	}
	return nil
}

// unwrapOp drops the "dial tcp" prefix layers of a net.OpError but keeps
// the cause: "lookup x: no such host", "connect: connection refused".
func unwrapOp(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		var dnsErr *net.DNSError
		if errors.As(oe.Err, &dnsErr) {
			return dnsErr
		}
		return oe.Err
	}
	return err
}
