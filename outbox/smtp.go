package outbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Account is an SMTP server and how to log in to it.
type Account struct {
	Host     string
	Port     int
	TLS      string // implicit, starttls or none
	Username string
	Password string
	From     string
}

// Sender delivers a built message to its recipients.
type Sender interface {
	Send(ctx context.Context, a Account, from string, to []string, msg []byte) error
}

// SMTP sends through an SMTP server with go-smtp.
type SMTP struct {
	// Timeout bounds one delivery (default 30 s).
	Timeout time.Duration
	// TLSConfig is cloned for each connection; nil verifies the server's
	// certificate against the system roots.
	TLSConfig *tls.Config
}

// ErrRejected wraps a permanent refusal (5xx): retrying will not help.
var ErrRejected = errors.New("outbox: the server refused the message")

// Send implements Sender.
func (s SMTP) Send(ctx context.Context, a Account, from string, to []string, msg []byte) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(a.Host, strconv.Itoa(a.Port))
	cfg := &tls.Config{ServerName: a.Host}
	if s.TLSConfig != nil {
		cfg = s.TLSConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = a.Host
		}
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("outbox: connect to %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	var c *smtp.Client
	switch a.TLS {
	case "implicit":
		c = smtp.NewClient(tls.Client(conn, cfg))
	case "starttls":
		if c, err = smtp.NewClientStartTLS(conn, cfg); err != nil {
			conn.Close()
			return fmt.Errorf("outbox: STARTTLS with %s: %w", addr, err)
		}
	case "none":
		c = smtp.NewClient(conn)
	default:
		conn.Close()
		return fmt.Errorf("outbox: tls mode %q: choose implicit, starttls or none", a.TLS)
	}
	defer c.Close()
	if a.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", a.Username, a.Password)); err != nil {
			return classify(fmt.Errorf("outbox: log in to %s as %s: %w", addr, a.Username, err), err)
		}
	}
	if err := c.SendMail(from, to, bytes.NewReader(msg)); err != nil {
		return classify(fmt.Errorf("outbox: send through %s: %w", addr, err), err)
	}
	// The server answered 250 to the message: it is its now. A failed QUIT
	// (the connection dropped just after) must not make it a failure, or
	// the retry would send the message a second time.
	c.Quit()
	return nil
}

// classify marks permanent SMTP errors (5xx) as ErrRejected.
func classify(err, cause error) error {
	var se *smtp.SMTPError
	if errors.As(cause, &se) && se.Code >= 500 {
		return fmt.Errorf("%w: %w", ErrRejected, err)
	}
	return err
}
