package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

const replyColumns = `id, tenant_id, source, message_id, in_reply_to, from_addr, subject, received_at,
	text, body_clean, lang, auto_reply, customer_id, item_refs, state, assignee_id, created_at, flags`

func scanReply(row pgx.Row) (triage.Reply, error) {
	var r triage.Reply
	err := row.Scan(&r.ID, &r.TenantID, &r.Source, &r.MessageID, &r.InReplyTo, &r.From, &r.Subject, &r.ReceivedAt,
		&r.Text, &r.BodyClean, &r.Lang, &r.AutoReply, &r.CustomerID, &r.ItemRefs, &r.State, &r.AssigneeID, &r.CreatedAt, &r.Flags)
	return r, err
}

// InsertReply stores a reply, routes it to its customer's collector and
// enqueues its suggestion job, in one transaction. A message already stored
// for the tenant (same Message-ID) is returned with created false. A reply
// read from a mailbox (MailboxID set) advances the mailbox's checkpoint in
// the same transaction, stored or already there.
func (db *DB) InsertReply(ctx context.Context, in triage.NewReply) (triage.Reply, bool, error) {
	var r triage.Reply
	var created bool
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var err error
		if r, created, err = insertReply(ctx, tx, in); err != nil {
			return err
		}
		if created {
			if err := notifyJobs(ctx, tx, JobSuggest); err != nil {
				return err
			}
		}
		if in.MailboxID == 0 {
			return nil
		}
		// A message stored earlier (e.g. before its folder's UIDVALIDITY
		// changed) still moves the checkpoint past its new UID.
		return advanceCheckpoint(ctx, tx, in)
	})
	if err != nil {
		return triage.Reply{}, false, fmt.Errorf("store: insert reply: %w", err)
	}
	return r, created, nil
}

// insertReply stores one reply with its suggestion job and attachments in
// tx, or finds it already stored (created false). It leaves the checkpoint
// to its caller.
func insertReply(ctx context.Context, tx pgx.Tx, in triage.NewReply) (triage.Reply, bool, error) {
	r, created, err := insertReplyRow(ctx, tx, in)
	if err == nil && !created && in.ContentHash != "" {
		// The same Message-ID with other content is another message
		// (a mailer reusing ids): keep it under a derived id.
		var hash string
		if err = tx.QueryRow(ctx, `SELECT content_hash FROM reply WHERE tenant_id = $1 AND id = $2`,
			r.TenantID, r.ID).Scan(&hash); err == nil && hash != "" && hash != in.ContentHash {
			again := in
			again.MessageID = in.MessageID + "#" + in.ContentHash[:min(16, len(in.ContentHash))]
			r, created, err = insertReplyRow(ctx, tx, again)
		}
	}
	if err != nil || !created {
		return r, created, err
	}
	if err := insertJob(ctx, tx, r.TenantID, JobSuggest, suggestPayload{ReplyID: r.ID}); err != nil {
		return r, created, err
	}
	return r, created, insertAttachments(ctx, tx, r, in.Attachments)
}

// insertReplyRow inserts the reply row, or returns the reply already stored
// under its Message-ID with created false.
func insertReplyRow(ctx context.Context, tx pgx.Tx, in triage.NewReply) (triage.Reply, bool, error) {
	r, err := scanReply(tx.QueryRow(ctx, insertReplySQL, insertReplyArgs(in)...))
	if errors.Is(err, pgx.ErrNoRows) {
		r, err = scanReply(tx.QueryRow(ctx, `SELECT `+replyColumns+` FROM reply WHERE tenant_id = $1 AND message_id = $2`,
			in.TenantID, in.MessageID))
		return r, false, err
	}
	return r, err == nil, err
}

// insertReplySQL inserts a reply row (its arguments: insertReplyArgs) and
// returns it, or returns no row when its Message-ID is stored already.
const insertReplySQL = `
		INSERT INTO reply (tenant_id, source, message_id, in_reply_to, raw, from_addr, subject, received_at,
			text, body_clean, lang, auto_reply, customer_id, item_refs, assignee_id,
			mailbox_id, uidvalidity, uid, flags, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14::text[], '{}'),
			(SELECT collector_id FROM customer WHERE tenant_id = $1 AND id = $13),
			$15, $16, $17, coalesce($18::text[], '{}'), $19)
		ON CONFLICT (tenant_id, message_id) WHERE message_id <> '' DO NOTHING
		RETURNING ` + replyColumns

// insertReplyArgs are the arguments of insertReplySQL; the mailbox position
// is NULL for a reply that was not read from a mailbox.
func insertReplyArgs(in triage.NewReply) []any {
	var mailbox, uidValidity, uid *int64
	if in.MailboxID != 0 {
		v, u := int64(in.UIDValidity), int64(in.UID)
		mailbox, uidValidity, uid = &in.MailboxID, &v, &u
	}
	return []any{in.TenantID, in.Source, in.MessageID, in.InReplyTo, in.Raw, in.From, in.Subject, in.ReceivedAt,
		in.Text, in.BodyClean, in.Lang, in.AutoReply, in.CustomerID, in.ItemRefs,
		mailbox, uidValidity, uid, in.Flags, in.ContentHash}
}

// Reply returns one reply of the tenant.
func (db *DB) Reply(ctx context.Context, tenantID, id int64) (triage.Reply, error) {
	r, err := scanReply(db.pool.QueryRow(ctx, `SELECT `+replyColumns+` FROM reply WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return triage.Reply{}, fmt.Errorf("store: reply %d: %w", id, notFound(err))
	}
	return r, nil
}

// SetReplyState moves a reply between states with its audit entry.
func (db *DB) SetReplyState(ctx context.Context, tenantID, replyID int64, from []triage.ReplyState, to triage.ReplyState, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := moveReply(ctx, tx, tenantID, replyID, from, to); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: reply %d to %s: %w", replyID, to, err)
	}
	return nil
}

// moveReply changes a reply's state if it is in one of from, else reports
// ErrNotFound (no such reply) or ErrConflict (handled meanwhile).
func moveReply(ctx context.Context, tx pgx.Tx, tenantID, replyID int64, from []triage.ReplyState, to triage.ReplyState) error {
	tag, err := tx.Exec(ctx, `UPDATE reply SET state = $4, updated_at = now()
		WHERE tenant_id = $1 AND id = $2 AND state = ANY($3)`, tenantID, replyID, states(from), to)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	return missingOrConflict(ctx, tx, tenantID, replyID)
}

// missingOrConflict explains why an update of a reply changed no row:
// ErrNotFound when the tenant has no such reply, else ErrConflict (it is
// not in the state the update required).
func missingOrConflict(ctx context.Context, tx pgx.Tx, tenantID, replyID int64) error {
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM reply WHERE tenant_id = $1 AND id = $2)`, tenantID, replyID).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return triage.ErrNotFound
	}
	return triage.ErrConflict
}

func states(ss []triage.ReplyState) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// AssignReply implements triage.Store.
func (db *DB) AssignReply(ctx context.Context, tenantID, replyID int64, assignee *int64, a triage.Audit) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if assignee != nil {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2)`,
				tenantID, *assignee).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return &triage.ValidationError{Field: "assignee", Message: "not a user of this company"}
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE reply SET assignee_id = $3, updated_at = now()
			WHERE tenant_id = $1 AND id = $2 AND state = 'pending'`, tenantID, replyID, assignee)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return missingOrConflict(ctx, tx, tenantID, replyID)
		}
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return fmt.Errorf("store: assign reply %d: %w", replyID, err)
	}
	return nil
}

// RawMessage returns the message a reply was read from, as received; nil
// for replies that came as text (web form, structured API).
func (db *DB) RawMessage(ctx context.Context, tenantID, id int64) ([]byte, error) {
	var raw []byte
	if err := db.pool.QueryRow(ctx, `SELECT raw FROM reply WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("store: raw message of reply %d: %w", id, notFound(err))
	}
	return raw, nil
}

// RawInfo tells whether a reply has its original message, how large, and
// whether it declares an HTML part, without reading it all.
func (db *DB) RawInfo(ctx context.Context, tenantID, id int64) (size int, html bool, err error) {
	var n *int
	err = db.pool.QueryRow(ctx, `SELECT octet_length(raw),
			coalesce(position('text/html' IN lower(encode(substring(raw FROM 1 FOR 1048576), 'escape'))) > 0, false)
		FROM reply WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&n, &html)
	if err != nil {
		return 0, false, fmt.Errorf("store: raw message of reply %d: %w", id, notFound(err))
	}
	if n != nil {
		size = *n
	}
	return size, html, nil
}

// CustomerEvent is an earlier reply of a customer and what became of it.
type CustomerEvent struct {
	ReplyID    int64
	ReceivedAt time.Time
	Subject    string
	State      triage.ReplyState
	Status     string // the qualification in force, "" when none
	Comment    string
}

// CustomerThread lists a customer's other replies, newest first, with the
// qualification in force of each: the history the collector reads before
// qualifying.
func (db *DB) CustomerThread(ctx context.Context, tenantID, customerID, except int64, limit int) ([]CustomerEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT r.id, r.received_at, r.subject, r.state, coalesce(q.status, ''), coalesce(q.comment, '')
		FROM reply r LEFT JOIN qualification q ON q.tenant_id = r.tenant_id AND q.reply_id = r.id AND q.superseded_at IS NULL
		WHERE r.tenant_id = $1 AND r.customer_id = $2 AND r.id <> $3
		ORDER BY r.received_at DESC, r.id DESC LIMIT $4`, tenantID, customerID, except, limit)
	if err != nil {
		return nil, fmt.Errorf("store: customer thread: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CustomerEvent])
	if err != nil {
		return nil, fmt.Errorf("store: customer thread: %w", err)
	}
	return out, nil
}
