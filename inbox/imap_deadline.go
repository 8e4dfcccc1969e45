package inbox

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// errNoAnswer is a command the server did not finish answering in time.
var errNoAnswer = errors.New("the server did not answer in time")

// fetchRate is the slowest transfer a FETCH is allowed: each 64 KiB of a
// batch adds a second to its deadline, so a large batch on a slow link is
// not taken for a dead server.
const fetchRate = 64 << 10

// withDeadline runs one command, and closes the connection if it takes
// longer than d: a server that stops answering while the TCP connection
// stays up (no keep-alive notices it) would otherwise hold the poller
// forever. The closed connection makes the command fail; the session ends
// and the poller reconnects with backoff.
func withDeadline(c *imapclient.Client, d time.Duration, what string, f func() error) error {
	var expired atomic.Bool
	t := time.AfterFunc(d, func() {
		expired.Store(true)
		c.Close()
	})
	err := f()
	t.Stop()
	if expired.Load() {
		return fmt.Errorf("%s: %w (%v)", what, errNoAnswer, d)
	}
	return err
}

// fetchDeadline is the deadline of a FETCH of n bytes.
func (p *Poller) fetchDeadline(n int64) time.Duration {
	return p.opts.CommandTimeout + time.Duration(n/fetchRate)*time.Second
}
