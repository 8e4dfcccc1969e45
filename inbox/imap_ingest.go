package inbox

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// ReplyIngester is the part of triage.Service the IMAP path uses.
type ReplyIngester interface {
	Ingest(ctx context.Context, in triage.NewReply) (triage.Reply, error)
}

// Ingester stores messages read from mailboxes as replies: it parses them,
// matches their customer by sender and hands them to triage's Ingest with
// their mailbox position, so the reply and the mailbox's checkpoint commit
// together. A message that cannot be parsed is stored all the same, raw,
// flagged unreadable: nothing is ever dropped.
type Ingester struct {
	Service ReplyIngester
	// Customers matches senders to customers; nil leaves replies unmatched.
	Customers CustomerDirectory
	// Limits bound the parser's work on one message; zero fields take
	// their default (DefaultLimits).
	Limits Limits
	Log    *slog.Logger
	// OnUnreadable is told of each message stored raw (metrics); may be nil.
	OnUnreadable func()

	// parse converts a raw message; nil is the MIME parser (parseReply).
	parse func(raw []byte, lim Limits) (triage.NewReply, error)
}

// Ingest stores one fetched message. It has the signature NewPoller wants.
func (in *Ingester) Ingest(ctx context.Context, f Fetched) error {
	m := in.read(f)
	if err := in.match(ctx, &m.reply); err != nil {
		return err
	}
	return in.storeOne(ctx, m)
}

// readMessage is a fetched message read into the reply to store; cause
// is why it could not be parsed (the reply is then the raw message).
type readMessage struct {
	f     Fetched
	reply triage.NewReply
	cause error
}

// read converts f into its reply, or into its raw reply when it cannot be
// parsed.
func (in *Ingester) read(f Fetched) readMessage {
	r, perr := in.convert(f)
	if perr != nil {
		r = in.unreadable(f, perr)
	}
	return readMessage{f: f, reply: r, cause: perr}
}

// noteUnreadable logs and counts a message stored raw.
func (in *Ingester) noteUnreadable(ctx context.Context, m readMessage) {
	if m.cause == nil {
		return
	}
	in.log().WarnContext(ctx, "message could not be read: stored as is", "mailbox", m.f.Mailbox.Name,
		"uid", m.f.UID, "err", m.cause)
	if in.OnUnreadable != nil {
		in.OnUnreadable()
	}
}

// storeOne stores a read message alone, raw if the store refuses what the
// parser made of it.
func (in *Ingester) storeOne(ctx context.Context, m readMessage) error {
	in.noteUnreadable(ctx, m)
	f, r := m.f, m.reply
	err := in.store(ctx, r)
	if err == nil {
		in.recordBounce(ctx, m)
		return nil
	}
	if m.cause != nil || ctx.Err() != nil {
		return err
	}
	// The store refused what the parser made of it (say, a NUL byte in a
	// header): keep the message raw rather than block the mailbox on it.
	// If the database is down, this fails too and the poller retries later.
	in.log().WarnContext(ctx, "parsed message refused by the store: storing it raw", "mailbox", f.Mailbox.Name,
		"uid", f.UID, "err", err)
	u := in.unreadable(f, err)
	u.CustomerID = r.CustomerID
	return in.store(ctx, u)
}

// recordBounce marks the dead addresses a stored bounce reports.
func (in *Ingester) recordBounce(ctx context.Context, m readMessage) {
	if err := RecordBounce(ctx, in.Customers, m.reply); err != nil {
		// The reply is stored and flagged; the dead address can be
		// fixed by hand, so the mailbox goes on.
		in.log().WarnContext(ctx, "bounce not recorded on the customer", "mailbox", m.f.Mailbox.Name, "uid", m.f.UID, "err", err)
	}
}

// match finds the reply's customer (ResolveCustomer).
func (in *Ingester) match(ctx context.Context, r *triage.NewReply) error {
	_, err := ResolveCustomer(ctx, in.Customers, r)
	return err
}

func (in *Ingester) log() *slog.Logger {
	if in.Log == nil {
		return slog.Default()
	}
	return in.Log
}

func (in *Ingester) store(ctx context.Context, r triage.NewReply) error {
	_, err := in.Service.Ingest(ctx, r)
	return err
}

// convert parses f into the reply to store, with its mailbox position.
func (in *Ingester) convert(f Fetched) (r triage.NewReply, err error) {
	if f.Truncated {
		return r, fmt.Errorf("the message is %d bytes long, over the %d bytes kept", f.Size, len(f.Raw))
	}
	defer func() {
		if v := recover(); v != nil { // a parser bug must not stall the mailbox
			err = fmt.Errorf("parser panic: %v", v)
		}
	}()
	parse := in.parse
	if parse == nil {
		parse = parseReply
	}
	r, err = parse(f.Raw, in.Limits)
	if err != nil {
		return r, err
	}
	in.place(&r, f)
	if r.MessageID == "" {
		r.MessageID = contentID(f.Raw)
	}
	return r, nil
}

// place sets what the mailbox knows about a message on its reply.
func (in *Ingester) place(r *triage.NewReply, f Fetched) {
	r.TenantID = f.Mailbox.TenantID
	r.Source = triage.SourceIMAP
	r.Raw = f.Raw
	r.MailboxID, r.UIDValidity, r.UID = f.Mailbox.ID, f.UIDValidity, f.UID
	if !f.Received.IsZero() {
		// The server's arrival time, not the sender's Date header.
		r.ReceivedAt = f.Received
	}
}

// unreadable is the reply of a message that could not be parsed: the raw
// bytes, what could be read of its header, and the reason as its text.
func (in *Ingester) unreadable(f Fetched, cause error) triage.NewReply {
	var r triage.NewReply
	in.place(&r, f)
	r.Flags = []string{triage.FlagUnreadable}
	if m, err := mail.ReadMessage(bytes.NewReader(f.Raw)); err == nil {
		r.From = headerText(m.Header.Get("From"))
		r.Subject = headerText(m.Header.Get("Subject"))
		r.MessageID = plainID(msgID(m.Header.Get("Message-Id")))
		r.InReplyTo = plainID(msgID(m.Header.Get("In-Reply-To")))
	}
	if r.MessageID == "" {
		r.MessageID = contentID(f.Raw)
	}
	r.ContentHash = contentHash(f.Raw)
	// The text is the reason alone, in no language: the pages say what it
	// means in the collector's (FlagUnreadable).
	r.Text = safeText(cause.Error())
	r.BodyClean = r.Text
	return r
}

// contentHash is the hex SHA-256 of a message's bytes.
func contentHash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// contentID is the stable id of a message without a Message-ID, so that
// reading it again (after a UIDVALIDITY change) finds the stored reply.
// Like the parser's ids, it has no angle brackets.
func contentID(raw []byte) string {
	return "sha256-" + contentHash(raw) + "@triage.local"
}

// msgID is the first id of a Message-ID or In-Reply-To header, without its
// angle brackets, the way the parser reports them.
func msgID(h string) string {
	h = strings.TrimSpace(h)
	if i := strings.IndexByte(h, '<'); i >= 0 {
		if j := strings.IndexByte(h[i:], '>'); j > 0 {
			return strings.TrimSpace(h[i+1 : i+j])
		}
	}
	if f := strings.Fields(h); len(f) > 0 {
		return f[0]
	}
	return ""
}

// plainID returns id if it can serve as a key, "" if it is too long or
// holds anything but printable UTF-8 (a hostile header must not make the
// fallback fail like the parsed message did).
func plainID(id string) string {
	if len(id) > 998 || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl) {
		return ""
	}
	return id
}

// safeText makes s storable as Postgres text: valid UTF-8 without NUL.
func safeText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// headerText decodes the RFC 2047 words of a header when it can, and
// otherwise keeps it as is, made safe.
func headerText(s string) string {
	if d, err := new(mime.WordDecoder).DecodeHeader(s); err == nil {
		s = d
	}
	return safeText(strings.TrimSpace(s))
}
