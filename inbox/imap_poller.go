package inbox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Checkpoints is what a Poller needs from the store.
type Checkpoints interface {
	// MailboxCheckpoint returns the UIDVALIDITY of the mailbox's folder and
	// the highest UID stored from it, (0, 0) before the first message. The
	// ingest function advances it, in the transaction storing each message.
	MailboxCheckpoint(ctx context.Context, tenantID, mailboxID int64) (uidValidity, lastUID uint32, err error)
	// TryLockMailbox takes the mailbox's cluster-wide lock, so one replica
	// only polls it; ok is false when another one holds it. held ends when
	// the lock is lost or released; release must be called once ok.
	TryLockMailbox(ctx context.Context, mailboxID int64) (held context.Context, release func(), ok bool, err error)
	// RecordMailboxSync notes a pass over the folder for the admin pages:
	// synced when it completed, problem why it failed or what went wrong
	// beside (a refused MOVE), nil when all went well.
	RecordMailboxSync(ctx context.Context, tenantID, mailboxID int64, synced bool, problem error) error
}

// Fetched is one message read from a mailbox, for the ingest function.
type Fetched struct {
	Mailbox     Mailbox
	UIDValidity uint32
	UID         uint32
	Raw         []byte
	// Received is the server's INTERNALDATE: when the message arrived.
	Received time.Time
	// Size is the message's size on the server (RFC822.SIZE).
	Size int64
	// Truncated is set when the message is over the poller's
	// MaxMessageBytes: Raw holds only its beginning.
	Truncated bool
}

// PollOptions tunes a Poller. Every zero field takes its default.
type PollOptions struct {
	// IdleTimeout is how long the poller stays in IDLE before it leaves it
	// to look at the folder again: a safety net against a lost notification
	// or a connection that died silently. Default 5 min.
	IdleTimeout time.Duration
	// PollInterval is how often the folder is read when the server does not
	// support IDLE (or DisableIdle is set). Default 60 s.
	PollInterval time.Duration
	// BatchSize is the most messages one UID FETCH asks for. Default 100.
	BatchSize int
	// BatchBytes bounds the total size of the messages of one UID FETCH,
	// which are held in memory until stored. Default 32 MiB.
	BatchBytes int64
	// MaxMessageBytes is the most bytes kept of one message; a larger one
	// is stored truncated and flagged unreadable, never dropped. Default 50 MiB.
	MaxMessageBytes int64
	// BackoffMin and BackoffMax bound the delay before reconnecting after
	// a failure (network error, server BYE, timeout, database down). It
	// doubles from min to max, with jitter, and resets after a complete
	// pass over the folder. Defaults 1 s and 5 min.
	BackoffMin, BackoffMax time.Duration
	// CommandTimeout bounds one IMAP command outside IDLE (a FETCH gets a
	// second more per 64 KiB it reads): a server that stops answering with
	// the connection still up is left and reconnected to. Default 2 min.
	CommandTimeout time.Duration
	// LockRetry is how often a replica that does not hold the mailbox's
	// lock tries to take it. Default 30 s.
	LockRetry time.Duration
	// DisableIdle polls every PollInterval even if the server supports IDLE.
	DisableIdle bool
	// States, when set, hears the poller's state (connected, backing off
	// with its error, on standby), for the readiness probe.
	States *PollerStates
}

func (o PollOptions) withDefaults() PollOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.IdleTimeout, 5*time.Minute)
	def(&o.PollInterval, 60*time.Second)
	def(&o.BackoffMin, time.Second)
	def(&o.BackoffMax, 5*time.Minute)
	def(&o.LockRetry, 30*time.Second)
	def(&o.CommandTimeout, 2*time.Minute)
	if o.BackoffMax < o.BackoffMin {
		o.BackoffMax = o.BackoffMin
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 100
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = 32 << 20
	}
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = 50 << 20
	}
	return o
}

// Poller copies new messages of one mailbox into the store, at most once
// each: the checkpoint (UIDVALIDITY, last UID) commits with the messages
// it passes (one transaction per message, or per fetched batch with
// NewBatchPoller), so a crash at any point resumes after the last stored
// message, and a
// message stored twice (after a UIDVALIDITY change, or a crash between the
// store and the checkpoint of another replica) is deduplicated by its
// Message-ID.
type Poller struct {
	mb     Mailbox
	dial   Dialer
	store  Checkpoints
	ingest BatchIngestFunc
	log    *slog.Logger
	opts   PollOptions

	// problem is what went wrong in the current pass without stopping it.
	problem error
	// trace, when set by tests, hears the poller's steps ("connected",
	// "synced", "idle", "lock busy").
	trace func(event string)
}

// BatchIngestFunc stores messages fetched together, in UID order, each
// with the checkpoint advanced past it in the transaction storing it, and
// returns how many, from the first, are stored (all when err is nil). It
// must be idempotent. Ingester.IngestBatch is one.
type BatchIngestFunc func(ctx context.Context, ms []Fetched) (stored int, err error)

// NewPoller returns a poller of mailbox mb. ingest stores one message and
// advances the checkpoint in the same transaction (see Ingester); it must
// be idempotent.
func NewPoller(mb Mailbox, dial Dialer, store Checkpoints, ingest func(ctx context.Context, m Fetched) error, log *slog.Logger, opts PollOptions) *Poller {
	one := func(ctx context.Context, ms []Fetched) (int, error) {
		for i, m := range ms {
			if err := ingest(ctx, m); err != nil {
				return i, err
			}
		}
		return len(ms), nil
	}
	return NewBatchPoller(mb, dial, store, one, log, opts)
}

// NewBatchPoller is NewPoller with an ingest function that stores each
// fetched batch at once, which is much faster than one transaction per
// message (Ingester.IngestBatch).
func NewBatchPoller(mb Mailbox, dial Dialer, store Checkpoints, ingest BatchIngestFunc, log *slog.Logger, opts PollOptions) *Poller {
	mb.Folder = mb.folder()
	if log == nil {
		log = slog.Default()
	}
	return &Poller{mb: mb, dial: dial, store: store, ingest: ingest, opts: opts.withDefaults(),
		log: log.With("tenant", mb.TenantID, "mailbox", mb.Name, "mailbox_id", mb.ID)}
}

func (p *Poller) event(e string) {
	if p.trace != nil {
		p.trace(e)
	}
}

// Run polls the mailbox until ctx ends, and returns nil then. It takes the
// mailbox's lock first, retrying every LockRetry while another replica
// holds it, and reconnects with backoff after any failure.
func (p *Poller) Run(ctx context.Context) error {
	p.opts.States.set(p.mb, PollerStarting, nil)
	defer p.opts.States.remove(p.mb.ID)
	var b backoff
	for {
		held, release, ok, err := p.store.TryLockMailbox(ctx, p.mb.ID)
		var wait time.Duration
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			wait = b.next(p.opts)
			p.opts.States.set(p.mb, PollerBackingOff, fmt.Errorf("take the mailbox lock: %w", err))
			p.log.WarnContext(ctx, "cannot take the mailbox lock", "err", err, "retry_in", wait)
		case !ok:
			wait = jitter(p.opts.LockRetry)
			p.opts.States.set(p.mb, PollerStandby, nil)
			p.event("lock busy")
			p.log.DebugContext(ctx, "another replica polls this mailbox", "retry_in", wait)
		default:
			b.reset()
			p.runLocked(held)
			release()
			if ctx.Err() != nil {
				return nil
			}
			wait = jitter(p.opts.BackoffMin)
			p.log.WarnContext(ctx, "mailbox lock lost: taking it again", "retry_in", wait)
		}
		if !sleep(ctx, wait) {
			return nil
		}
	}
}

// runLocked runs sessions, with backoff between them, while ctx (the
// lock's context) lasts.
func (p *Poller) runLocked(ctx context.Context) {
	var b backoff
	for {
		synced, err := p.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if synced {
			b.reset()
		}
		if err == nil {
			err = errors.New("connection closed")
		}
		p.opts.States.set(p.mb, PollerBackingOff, err)
		if rerr := p.store.RecordMailboxSync(ctx, p.mb.TenantID, p.mb.ID, false, err); rerr != nil {
			p.log.WarnContext(ctx, "cannot record the mailbox's state", "err", rerr)
		}
		wait := b.next(p.opts)
		p.log.WarnContext(ctx, "mailbox connection failed: reconnecting", "err", err, "retry_in", wait)
		if !sleep(ctx, wait) {
			return
		}
	}
}

// session connects, catches up with the folder and then waits for new
// mail (IDLE, else polling) and catches up again, until an error. synced
// tells whether at least one pass completed: the connection was healthy.
func (p *Poller) session(ctx context.Context) (synced bool, err error) {
	wake := make(chan struct{}, 1)
	notify := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	handler := &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				notify()
			}
		},
	}
	c, err := p.dial.Dial(ctx, p.mb, &imapclient.Options{UnilateralDataHandler: handler})
	if err != nil {
		return false, err
	}
	defer c.Close()
	// A command blocked on a dead server must not outlive ctx.
	defer context.AfterFunc(ctx, func() { c.Close() })()
	p.event("connected")

	var sel *imap.SelectData
	err = withDeadline(c, p.opts.CommandTimeout, "select", func() (err error) {
		sel, err = c.Select(p.mb.Folder, nil).Wait()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("select folder %q: %w", p.mb.Folder, err)
	}
	validity, last, err := p.store.MailboxCheckpoint(ctx, p.mb.TenantID, p.mb.ID)
	if err != nil {
		return false, err
	}
	p.opts.States.set(p.mb, PollerConnected, nil)
	p.problem = nil
	if validity == sel.UIDValidity {
		if err := p.moveLeftovers(c, last); err != nil {
			return false, err
		}
	} else {
		if validity != 0 {
			// The folder was rebuilt (restored, migrated…): its UIDs start
			// over. Read it all again; the messages already stored are found
			// by their Message-ID and not duplicated.
			p.log.WarnContext(ctx, "UIDVALIDITY changed: reading the whole folder again",
				"old", validity, "new", sel.UIDValidity)
		}
		last = 0
	}
	idle := !p.opts.DisableIdle && c.Caps().Has(imap.CapIdle)
	for {
		if last, err = p.sync(ctx, c, sel.UIDValidity, last); err != nil {
			return synced, err
		}
		if !synced {
			p.log.InfoContext(ctx, "mailbox up to date", "uidvalidity", sel.UIDValidity, "last_uid", last, "idle", idle)
		}
		synced = true
		if err := p.store.RecordMailboxSync(ctx, p.mb.TenantID, p.mb.ID, true, p.problem); err != nil {
			return synced, err
		}
		p.problem = nil
		p.event("synced")
		if err := p.wait(ctx, c, wake, idle); err != nil {
			return synced, err
		}
	}
}

// wait returns when new mail may be there: a notification arrived, or
// the IDLE timeout or the poll interval elapsed.
func (p *Poller) wait(ctx context.Context, c *imapclient.Client, wake <-chan struct{}, idle bool) error {
	select {
	case <-wake: // arrived while we were fetching
		return nil
	default:
	}
	timeout := p.opts.PollInterval
	var cmd *imapclient.IdleCommand
	if idle {
		var err error
		if cmd, err = c.Idle(); err != nil {
			return fmt.Errorf("idle: %w", err)
		}
		p.event("idle")
		timeout = p.opts.IdleTimeout
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-wake:
	case <-t.C:
	case <-c.Closed():
		return errors.New("connection closed by the server")
	case <-ctx.Done():
		return ctx.Err()
	}
	if cmd == nil {
		// Without IDLE the server tells of new mail only in answer to a
		// command: NOOP asks, and checks the connection.
		if err := withDeadline(c, p.opts.CommandTimeout, "noop", c.Noop().Wait); err != nil {
			return fmt.Errorf("noop: %w", err)
		}
		return nil
	}
	return withDeadline(c, p.opts.CommandTimeout, "stop idle", func() error {
		if err := cmd.Close(); err != nil {
			return fmt.Errorf("stop idle: %w", err)
		}
		if err := cmd.Wait(); err != nil {
			return fmt.Errorf("idle: %w", err)
		}
		return nil
	})
}

// msgRef is a message to fetch.
type msgRef struct {
	uid  imap.UID
	size int64
}

// sync stores every message with a UID above last, in UID order, and
// returns the new last UID.
func (p *Poller) sync(ctx context.Context, c *imapclient.Client, validity, last uint32) (uint32, error) {
	refs, err := p.newMessages(c, last)
	if err != nil || len(refs) == 0 {
		return last, err
	}
	p.log.DebugContext(ctx, "new messages", "count", len(refs), "after_uid", last)
	for len(refs) > 0 {
		batch := p.nextBatch(refs)
		refs = refs[len(batch):]
		msgs, err := p.fetch(c, batch)
		if err != nil {
			return last, err
		}
		if len(msgs) == 0 {
			continue // all expunged since they were listed
		}
		for i := range msgs {
			msgs[i].Mailbox, msgs[i].UIDValidity = p.mb, validity
		}
		n, err := p.ingest(ctx, msgs)
		if err != nil {
			n = min(n, len(msgs)-1) // the message that failed is not stored
		}
		n = max(0, min(n, len(msgs)))
		var done imap.UIDSet
		for _, m := range msgs[:n] {
			last = m.UID
			done.AddNum(imap.UID(m.UID))
		}
		if err != nil {
			return last, fmt.Errorf("store message UID %d: %w", msgs[n].UID, err)
		}
		if err := p.afterStore(c, done); err != nil {
			return last, err
		}
	}
	return last, nil
}

// newMessages lists the UIDs above last with their sizes, in UID order.
func (p *Poller) newMessages(c *imapclient.Client, last uint32) ([]msgRef, error) {
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // last+1:*
	var bufs []*imapclient.FetchMessageBuffer
	err := withDeadline(c, p.opts.CommandTimeout, "list new messages", func() (err error) {
		bufs, err = c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		return err
	})
	if err != nil {
		var ie *imap.Error
		if mb := c.Mailbox(); errors.As(err, &ie) && mb != nil && mb.NumMessages == 0 {
			return nil, nil // some servers reject "N:*" on an empty folder
		}
		return nil, fmt.Errorf("list new messages: %w", err)
	}
	refs := make([]msgRef, 0, len(bufs))
	for _, b := range bufs {
		// "N:*" includes the highest UID even when it is below N.
		if uint32(b.UID) > last {
			refs = append(refs, msgRef{uid: b.UID, size: b.RFC822Size})
		}
	}
	slices.SortFunc(refs, func(a, b msgRef) int { return cmp.Compare(a.uid, b.uid) })
	return refs, nil
}

// nextBatch takes the first refs that fit in BatchSize and BatchBytes
// (always at least one).
func (p *Poller) nextBatch(refs []msgRef) []msgRef {
	var n int
	var bytes int64
	for n < len(refs) && n < p.opts.BatchSize {
		size := min(refs[n].size, p.opts.MaxMessageBytes)
		if n > 0 && bytes+size > p.opts.BatchBytes {
			break
		}
		bytes += size
		n++
	}
	return refs[:n]
}

// fetch reads a batch of messages, without changing their flags.
func (p *Poller) fetch(c *imapclient.Client, batch []msgRef) ([]Fetched, error) {
	var set imap.UIDSet
	sizes := make(map[imap.UID]int64, len(batch))
	section := &imap.FetchItemBodySection{Peek: true}
	for _, r := range batch {
		set.AddNum(r.uid)
		sizes[r.uid] = r.size
		if r.size > p.opts.MaxMessageBytes {
			// Batches hold a message over the limit alone.
			section.Partial = &imap.SectionPartial{Offset: 0, Size: p.opts.MaxMessageBytes}
		}
	}
	var total int64
	for _, r := range batch {
		total += min(r.size, p.opts.MaxMessageBytes)
	}
	var bufs []*imapclient.FetchMessageBuffer
	err := withDeadline(c, p.fetchDeadline(total), "fetch messages", func() (err error) {
		bufs, err = c.Fetch(set, &imap.FetchOptions{UID: true, InternalDate: true,
			BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("fetch messages: %w", err)
	}
	out := make([]Fetched, 0, len(bufs))
	for _, b := range bufs {
		size, ok := sizes[b.UID]
		if !ok {
			continue // a FETCH response the server sent for another reason
		}
		raw := b.FindBodySection(section)
		if raw == nil {
			// Expunged by another client since it was listed: gone, nothing to store.
			p.log.Warn("message vanished before it could be read", "uid", b.UID)
			continue
		}
		out = append(out, Fetched{UID: uint32(b.UID), Raw: raw, Received: b.InternalDate, Size: size,
			Truncated: section.Partial != nil && size > int64(len(raw))})
	}
	slices.SortFunc(out, func(a, b Fetched) int { return cmp.Compare(a.UID, b.UID) })
	return out, nil
}

// afterStore marks or moves messages once they are safely stored.
func (p *Poller) afterStore(c *imapclient.Client, done imap.UIDSet) error {
	if len(done) == 0 {
		return nil
	}
	if p.mb.MarkSeen {
		err := withDeadline(c, p.opts.CommandTimeout, "mark messages seen",
			c.Store(done, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close)
		if err := p.tolerate(err, "mark messages seen"); err != nil {
			return err
		}
	}
	if p.mb.ProcessedFolder != "" {
		err := withDeadline(c, p.opts.CommandTimeout, "move messages", func() error {
			_, err := c.Move(done, p.mb.ProcessedFolder).Wait()
			return err
		})
		return p.tolerate(err, fmt.Sprintf("move messages to %q", p.mb.ProcessedFolder))
	}
	return nil
}

// tolerate lets a pass go on when the server refuses to mark or move
// stored messages (a processed folder deleted, no right to write): they
// are stored, which is what matters, and the problem shows in the
// mailbox's last error. A connection failure still ends the session.
func (p *Poller) tolerate(err error, what string) error {
	var ie *imap.Error
	if err == nil || !errors.As(err, &ie) {
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	p.problem = fmt.Errorf("cannot %s: %s", what, ie.Text)
	p.log.Warn("stored messages left as they are", "err", p.problem)
	return nil
}

// moveLeftovers moves to the processed folder the stored messages still in
// the folder: a crash between storing them and moving them leaves some.
func (p *Poller) moveLeftovers(c *imapclient.Client, last uint32) error {
	if p.mb.ProcessedFolder == "" || last == 0 {
		return nil
	}
	var set imap.UIDSet
	set.AddRange(1, imap.UID(last))
	var data *imap.SearchData
	err := withDeadline(c, p.opts.CommandTimeout, "search stored messages", func() (err error) {
		data, err = c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
		return err
	})
	if err != nil {
		return p.tolerate(err, "find the stored messages still in the folder")
	}
	uids := data.AllUIDs()
	if len(uids) == 0 {
		return nil
	}
	p.log.Info("moving messages stored before a restart", "count", len(uids), "to", p.mb.ProcessedFolder)
	err = withDeadline(c, p.opts.CommandTimeout, "move messages", func() error {
		_, err := c.Move(imap.UIDSetNum(uids...), p.mb.ProcessedFolder).Wait()
		return err
	})
	return p.tolerate(err, fmt.Sprintf("move messages to %q", p.mb.ProcessedFolder))
}

// backoff is an exponential delay with jitter.
type backoff struct{ attempt int }

func (b *backoff) reset() { b.attempt = 0 }

func (b *backoff) next(o PollOptions) time.Duration {
	d := o.BackoffMin << min(b.attempt, 30)
	if d <= 0 || d > o.BackoffMax {
		d = o.BackoffMax
	}
	b.attempt++
	return jitter(d)
}

// jitter spreads d over [d/2, d), so replicas and mailboxes that failed
// together do not retry together.
func jitter(d time.Duration) time.Duration {
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d/2)
}

// sleep waits d or until ctx ends; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
