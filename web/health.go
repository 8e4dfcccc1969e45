package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// defaultPollerGrace is how long a poller may go without a working IMAP
// session before the process stops being ready: longer than the pollers'
// longest backoff (5 min), so one failed reconnection does not flap it.
const defaultPollerGrace = 10 * time.Minute

// readiness is the body of /readyz. It names components by kind and id
// only: the probe is anonymous, so mailbox names and error texts (which
// may name servers and accounts of any tenant) go to the log instead.
type readiness struct {
	Ready    bool              `json:"ready"`
	Failing  []string          `json:"failing"`
	Database componentState    `json:"database"`
	Pollers  []pollerReadiness `json:"pollers"`
}

type componentState struct {
	OK bool `json:"ok"`
}

type pollerReadiness struct {
	MailboxID    int64      `json:"mailbox_id"`
	TenantID     int64      `json:"tenant_id"`
	State        string     `json:"state"`
	Since        time.Time  `json:"since"`
	FailingSince *time.Time `json:"failing_since,omitempty"`
	OK           bool       `json:"ok"`
}

// healthz says the process is up, for liveness probes.
func (s *server) healthz(c *gin.Context) { c.String(http.StatusOK, "ok") }

// readyz says whether this process can do its work, for readiness probes:
// the database answers and no mailbox poller has been failing for longer
// than the grace period. It answers 503 naming what fails, else 200, with
// the detail of every component either way.
func (s *server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	r := readiness{Failing: []string{}, Pollers: []pollerReadiness{}}
	if err := s.db.Ping(ctx); err != nil {
		s.logOf(c).WarnContext(ctx, "web: not ready: the database does not answer", "err", err)
		r.Failing = append(r.Failing, "database")
	} else {
		r.Database.OK = true
	}
	if s.pollers != nil {
		now := s.now()
		for _, p := range s.pollers() {
			in := pollerReadiness{MailboxID: p.MailboxID, TenantID: p.TenantID, State: p.State, Since: p.Since, OK: true}
			if !p.FailingSince.IsZero() {
				in.FailingSince = &p.FailingSince
			}
			if p.Failing(now, s.pollerGrace) {
				in.OK = false
				r.Failing = append(r.Failing, "poller:"+strconv.FormatInt(p.MailboxID, 10))
				s.logOf(c).WarnContext(ctx, "web: not ready: a mailbox poller keeps failing", "tenant", p.TenantID,
					"mailbox", p.Mailbox, "mailbox_id", p.MailboxID, "state", p.State, "failing_since", p.FailingSince, "err", p.LastError)
			}
			r.Pollers = append(r.Pollers, in)
		}
	}
	r.Ready = len(r.Failing) == 0
	status := http.StatusOK
	if !r.Ready {
		status = http.StatusServiceUnavailable
	}
	c.JSON(status, r)
}

// pollerGraceOr is the configured grace, or the default.
func pollerGraceOr(d time.Duration) time.Duration {
	if d <= 0 {
		return defaultPollerGrace
	}
	return d
}
