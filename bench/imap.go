package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/inbox/dovecottest"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
	"github.com/triage-ar/triage/web"
)

// IMAPSkipped is the reason the imap section gives when Dovecot is missing.
const IMAPSkipped = "Dovecot not installed (" + dovecottest.InstallHint + ")"

// IMAPResult compares how fast triage empties a backlog of a local Dovecot
// into the store (its poller and ingester, as `triage serve` runs them)
// with a bare UID FETCH of the same mailbox in the same batches.
type IMAPResult struct {
	// Skipped says why the section did not run; nothing else is set then.
	Skipped         string  `json:"skipped,omitempty"`
	Messages        int     `json:"messages"` // in the mailbox
	Bytes           int64   `json:"bytes"`
	WithAttachment  int     `json:"with_attachment"`
	AppendSeconds   float64 `json:"append_seconds"`
	Raw             Rate    `json:"raw"`    // the best of the raw passes
	Triage          Rate    `json:"triage"` // what was stored when it ended
	Ratio           float64 `json:"ratio"`  // triage / raw messages per second
	Stored          int     `json:"stored"` // replies of the mailbox in the store
	Lost            int     `json:"lost"`   // messages never stored, counted once all are in (not Partial)
	Duplicated      int     `json:"duplicated"`
	Unreadable      int     `json:"unreadable"`
	Partial         bool    `json:"partial"` // the budget ended before every message was stored
	BudgetSeconds   float64 `json:"budget_seconds"`
	BatchSize       int     `json:"batch_size"`
	BatchBytes      int64   `json:"batch_bytes"`
	CheckpointUID   uint32  `json:"checkpoint_uid"`
	RawPasses       int     `json:"raw_passes"`
	DovecotMessages int     `json:"dovecot_messages"` // what the raw passes read
}

// Rate is a throughput over a run.
type Rate struct {
	Messages int     `json:"messages"`
	Bytes    int64   `json:"bytes"`
	Seconds  float64 `json:"seconds"`
	PerSec   float64 `json:"msgs_per_s"`
	MBPerSec float64 `json:"mb_per_s"`
}

func newRate(msgs int, bytes int64, d time.Duration) Rate {
	s := d.Seconds()
	return Rate{Messages: msgs, Bytes: bytes, Seconds: s, PerSec: float64(msgs) / s, MBPerSec: float64(bytes) / 1e6 / s}
}

// The batches of both readers: the poller's defaults (inbox.PollOptions).
const (
	imapBatchSize  = 100
	imapBatchBytes = 32 << 20
)

// imapRawPasses is how many times the raw reader reads the mailbox; the
// fastest counts, so that Dovecot's index caches are warm for it as they
// are for the poller, which reads after it.
const imapRawPasses = 2

// imapPasswordEnv is the variable the bench mailbox's password reference
// names; the bench's dialer answers it without touching the environment.
const imapPasswordEnv = "TRIAGE_BENCH_IMAP_PASSWORD"

// RunIMAP starts a Dovecot of its own (scripts/dovecot.sh of the checkout
// the binary was built from, else of the working directory), appends n
// generated replies, reads them with bare UID FETCHes, then lets triage's
// poller store them in a scratch database of adminURL's cluster until it
// holds n replies or budget runs out, and compares both rates. Without
// Dovecot, the result only says it was skipped.
func RunIMAP(ctx context.Context, adminURL string, n int, budget time.Duration) (IMAPResult, error) {
	if n <= 0 {
		return IMAPResult{}, fmt.Errorf("bench: imap: %d messages", n)
	}
	if !dovecottest.Installed() {
		return IMAPResult{Skipped: IMAPSkipped}, nil
	}
	srv, err := dovecottest.StartContext(ctx, "")
	if err != nil {
		return IMAPResult{}, fmt.Errorf("bench: imap: %w", err)
	}
	res, err := measureIMAP(ctx, srv, adminURL, n, budget)
	if cerr := srv.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("bench: imap: %w", cerr)
	}
	return res, err
}

// measureIMAP is RunIMAP on a started Dovecot.
func measureIMAP(ctx context.Context, srv *dovecottest.Server, adminURL string, n int, budget time.Duration) (IMAPResult, error) {
	res := IMAPResult{Messages: n, BudgetSeconds: budget.Seconds(), BatchSize: imapBatchSize, BatchBytes: imapBatchBytes}
	msgs, attached := backlogMessages(n)
	res.WithAttachment = attached
	for _, m := range msgs {
		res.Bytes += int64(len(m))
	}
	bctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	start := time.Now()
	if err := srv.AppendContext(bctx, msgs); err != nil {
		return res, fmt.Errorf("bench: imap: append the backlog: %w", err)
	}
	res.AppendSeconds = time.Since(start).Seconds()
	for range imapRawPasses {
		r, err := rawFetch(bctx, srv)
		if err != nil {
			return res, err
		}
		res.RawPasses++
		res.DovecotMessages = r.Messages
		if r.PerSec > res.Raw.PerSec {
			res.Raw = r
		}
	}
	if res.DovecotMessages != n {
		return res, fmt.Errorf("bench: imap: Dovecot holds %d messages after appending %d", res.DovecotMessages, n)
	}
	return withScratch(ctx, adminURL, func(sc *scratch) (IMAPResult, error) {
		return res, pollBacklog(bctx, sc, srv, &res)
	})
}

// rawFetch reads the whole INBOX the way the poller does, without storing:
// the UIDs and sizes, then BODY.PEEK[] in batches.
func rawFetch(ctx context.Context, srv *dovecottest.Server) (Rate, error) {
	start := time.Now()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", srv.Addr())
	if err != nil {
		return Rate{}, fmt.Errorf("bench: imap: raw fetch: %w", err)
	}
	c := imapclient.New(conn, nil)
	defer c.Close()
	defer context.AfterFunc(ctx, func() { c.Close() })()
	fail := func(what string, err error) (Rate, error) {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return Rate{}, fmt.Errorf("bench: imap: raw fetch: %s: %w", what, err)
	}
	if err := c.Login(srv.User, srv.Password).Wait(); err != nil {
		return fail("login", err)
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return fail("select", err)
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	list, err := c.Fetch(all, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
	if err != nil {
		return fail("list", err)
	}
	var msgs int
	var bytes int64
	section := &imap.FetchItemBodySection{Peek: true}
	for len(list) > 0 {
		var set imap.UIDSet
		var size int64
		k := 0
		for ; k < len(list) && k < imapBatchSize && (k == 0 || size+list[k].RFC822Size <= imapBatchBytes); k++ {
			set.AddNum(list[k].UID)
			size += list[k].RFC822Size
		}
		list = list[k:]
		bufs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			return fail("fetch", err)
		}
		for _, b := range bufs {
			if raw := b.FindBodySection(section); raw != nil {
				msgs++
				bytes += int64(len(raw))
			}
		}
	}
	return newRate(msgs, bytes, time.Since(start)), nil
}

// pollBacklog runs triage's poller on the Dovecot mailbox, registered in a
// new tenant of the scratch database, until every message is stored or
// ctx ends, and fills res's triage figures.
func pollBacklog(ctx context.Context, sc *scratch, srv *dovecottest.Server, res *IMAPResult) error {
	log := slog.New(slog.DiscardHandler)
	tn, err := sc.DB.InsertTenant(ctx, "bench-imap", "Bench IMAP")
	if err != nil {
		return fmt.Errorf("bench: imap: %w", err)
	}
	for i, st := range triage.DefaultCatalog() {
		st.TenantID = tn.ID
		if err := sc.DB.UpsertStatus(ctx, st, i); err != nil {
			return fmt.Errorf("bench: imap: %w", err)
		}
	}
	row, err := sc.DB.CreateMailbox(ctx, store.Mailbox{TenantID: tn.ID, Name: "dovecot", Host: srv.Host, Port: srv.Port,
		TLSMode: string(inbox.TLSNone), Username: srv.User, PasswordRef: "env:" + imapPasswordEnv, Enabled: true})
	if err != nil {
		return fmt.Errorf("bench: imap: %w", err)
	}
	knn := suggest.KNN{Embedder: suggest.HashEmbedder{}, Index: &suggest.MemIndex{}}
	ing := &inbox.Ingester{Service: triage.NewService(sc.DB, knn, suggest.HashEmbedder{}, log), Customers: sc.DB, Log: log}
	dialer := inbox.IMAPDialer{Timeout: 30 * time.Second, Getenv: func(name string) string {
		if name == imapPasswordEnv {
			return srv.Password
		}
		return ""
	}}
	states := inbox.NewPollerStates(nil)
	p := inbox.NewBatchPoller(web.MailboxForPoller(row), dialer, sc.DB, ing.IngestBatch, log,
		inbox.PollOptions{BatchSize: imapBatchSize, BatchBytes: imapBatchBytes, States: states})

	pctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		p.Run(pctx)
	}()
	err = waitStored(ctx, sc, row.ID, res.Messages, states, res)
	took := time.Since(start)
	stop()
	<-done
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	// The figures of the end, budget spent or not: a partial run says so.
	if cerr := countStored(context.WithoutCancel(ctx), sc, row.ID, res); cerr != nil {
		return cerr
	}
	res.Partial = res.Stored < res.Messages
	var bytes int64
	if err := sc.Pool.QueryRow(context.WithoutCancel(ctx), `SELECT coalesce(sum(octet_length(raw)), 0) FROM reply WHERE mailbox_id = $1`,
		row.ID).Scan(&bytes); err != nil {
		return fmt.Errorf("bench: imap: stored bytes: %w", err)
	}
	res.Triage = newRate(res.Stored, bytes, took)
	if res.Raw.PerSec > 0 {
		res.Ratio = res.Triage.PerSec / res.Raw.PerSec
	}
	_, res.CheckpointUID, err = sc.DB.MailboxCheckpoint(context.WithoutCancel(ctx), tn.ID, row.ID)
	if err != nil {
		return fmt.Errorf("bench: imap: %w", err)
	}
	return nil
}

// waitStored polls the store until the mailbox has want replies, the
// poller reports a failure, or ctx ends.
func waitStored(ctx context.Context, sc *scratch, mailboxID int64, want int, states *inbox.PollerStates, res *IMAPResult) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if err := countStored(ctx, sc, mailboxID, res); err != nil {
			return err
		}
		if res.Stored >= want {
			return nil
		}
		for _, s := range states.Snapshot() {
			if s.MailboxID == mailboxID && s.State == inbox.PollerBackingOff {
				return fmt.Errorf("bench: imap: the poller failed after %d messages: %s", res.Stored, s.LastError)
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// countStored counts the mailbox's replies, those flagged unreadable, and
// the UIDs stored more than once; once every message is in, it also counts
// the messages stored under no UID (lost).
func countStored(ctx context.Context, sc *scratch, mailboxID int64, res *IMAPResult) error {
	var rows, uids int
	err := sc.Pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT uid), count(*) FILTER (WHERE 'unreadable' = ANY(flags))
		FROM reply WHERE mailbox_id = $1`, mailboxID).Scan(&rows, &uids, &res.Unreadable)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("bench: imap: count the replies: %w", err)
	}
	res.Stored, res.Duplicated, res.Lost = rows, rows-uids, 0
	if rows >= res.Messages {
		res.Lost = res.Messages - min(uids, res.Messages)
	}
	return nil
}
