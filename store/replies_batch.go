package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// InsertReplies stores replies read together (one fetch of a mailbox) the
// way InsertReply stores one, all in a single transaction: every reply,
// its suggestion job and attachments, and the checkpoint of its mailbox
// commit together or not at all, so the checkpoint never passes a message
// that is not stored. The rows are sent in one pipeline and the workers
// are woken once. created[i] tells whether replies[i] is new (false: the
// same message was stored before, or earlier in the batch).
func (db *DB) InsertReplies(ctx context.Context, ins []triage.NewReply) (replies []triage.Reply, created []bool, err error) {
	if len(ins) == 0 {
		return nil, nil, nil
	}
	err = db.tx(ctx, func(tx pgx.Tx) error {
		var err error
		if replies, created, err = insertReplyRows(ctx, tx, ins); err != nil {
			return err
		}
		var jobs []triage.Reply
		for i, r := range replies {
			if !created[i] {
				continue
			}
			jobs = append(jobs, r)
			if err := insertAttachments(ctx, tx, r, ins[i].Attachments); err != nil {
				return fmt.Errorf("message %q: %w", ins[i].MessageID, err)
			}
		}
		if err := insertSuggestJobs(ctx, tx, jobs); err != nil {
			return err
		}
		for i := range replies {
			if created[i] {
				continue
			}
			// Stored before or earlier in the batch: InsertReply's way,
			// which keeps a reused Message-ID with other content apart.
			if replies[i], created[i], err = insertReply(ctx, tx, ins[i]); err != nil {
				return fmt.Errorf("message %q: %w", ins[i].MessageID, err)
			}
		}
		if slices.Contains(created, true) {
			if err := notifyJobs(ctx, tx, JobSuggest); err != nil {
				return err
			}
		}
		return advanceCheckpoints(ctx, tx, ins)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: insert %d replies: %w", len(ins), err)
	}
	return replies, created, nil
}

// insertReplyRows sends the rows of the replies in one pipeline; a reply
// whose Message-ID is stored already is left out (created false, an empty
// reply) for the caller.
func insertReplyRows(ctx context.Context, tx pgx.Tx, ins []triage.NewReply) ([]triage.Reply, []bool, error) {
	b := &pgx.Batch{}
	for _, in := range ins {
		b.Queue(insertReplySQL, insertReplyArgs(in)...)
	}
	br := tx.SendBatch(ctx, b)
	replies, created := make([]triage.Reply, len(ins)), make([]bool, len(ins))
	for i := range ins {
		r, err := scanReply(br.QueryRow())
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			_ = br.Close() // the error that matters is err
			return nil, nil, fmt.Errorf("message %q: %w", ins[i].MessageID, err)
		}
		replies[i], created[i] = r, true
	}
	if err := br.Close(); err != nil {
		return nil, nil, err
	}
	return replies, created, nil
}

// insertSuggestJobs enqueues the suggestion jobs of new replies in one
// statement, in their order.
func insertSuggestJobs(ctx context.Context, tx pgx.Tx, rs []triage.Reply) error {
	if len(rs) == 0 {
		return nil
	}
	tenants, payloads := make([]int64, len(rs)), make([][]byte, len(rs))
	for i, r := range rs {
		b, err := json.Marshal(suggestPayload{ReplyID: r.ID})
		if err != nil {
			return err
		}
		tenants[i], payloads[i] = r.TenantID, b
	}
	_, err := tx.Exec(ctx, `INSERT INTO job (tenant_id, kind, payload)
		SELECT j.tenant_id, $2, j.payload FROM unnest($1::bigint[], $3::jsonb[]) WITH ORDINALITY AS j(tenant_id, payload, n)
		ORDER BY j.n`, tenants, JobSuggest, payloads)
	return err
}

// advanceCheckpoints moves the checkpoints of the mailboxes the replies
// were read from: once per run of replies of the same mailbox and
// UIDVALIDITY, to the last of the run, which is what advancing it for
// each would leave.
func advanceCheckpoints(ctx context.Context, tx pgx.Tx, ins []triage.NewReply) error {
	for i, in := range ins {
		if in.MailboxID == 0 {
			continue
		}
		if i+1 < len(ins) && ins[i+1].MailboxID == in.MailboxID && ins[i+1].UIDValidity == in.UIDValidity &&
			ins[i+1].TenantID == in.TenantID && ins[i+1].UID >= in.UID {
			continue
		}
		if err := advanceCheckpoint(ctx, tx, in); err != nil {
			return err
		}
	}
	return nil
}
