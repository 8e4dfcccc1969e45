package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// JobSendEmail sends one email of the outbox.
const JobSendEmail = "send_email"

type emailPayload struct {
	EmailID int64 `json:"email_id"`
}

// EmailID decodes the email a JobSendEmail job is about.
func (j Job) EmailID() (int64, error) { return payloadID[emailPayload](j) }

func (p emailPayload) id() int64 { return p.EmailID }

// SMTPAccount is the server a tenant sends its email through.
type SMTPAccount struct {
	Host        string
	Port        int
	TLSMode     string // implicit, starttls or none
	Username    string
	PasswordRef string // env:NAME or file:/path, resolved at send time
	From        string
}

// SMTPAccount returns the tenant's SMTP account; ErrNotFound when it has none.
func (db *DB) SMTPAccount(ctx context.Context, tenantID int64) (SMTPAccount, error) {
	var a SMTPAccount
	err := db.pool.QueryRow(ctx, `SELECT host, port, tls_mode, username, password_ref, from_addr
		FROM smtp_account WHERE tenant_id = $1`, tenantID).Scan(&a.Host, &a.Port, &a.TLSMode, &a.Username, &a.PasswordRef, &a.From)
	if err != nil {
		return a, fmt.Errorf("store: smtp account: %w", notFound(err))
	}
	return a, nil
}

// SaveSMTPAccount creates or replaces the tenant's SMTP account.
func (db *DB) SaveSMTPAccount(ctx context.Context, tenantID int64, a SMTPAccount) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO smtp_account (tenant_id, host, port, tls_mode, username, password_ref, from_addr)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id) DO UPDATE SET host = $2, port = $3, tls_mode = $4,
		username = $5, password_ref = $6, from_addr = $7`, tenantID, a.Host, a.Port, a.TLSMode, a.Username, a.PasswordRef, a.From)
	if err != nil {
		return fmt.Errorf("store: save smtp account: %w", err)
	}
	return nil
}

// QueueEmail stores an email in the outbox and enqueues its sending, in one
// transaction, with its audit entry.
func (db *DB) QueueEmail(ctx context.Context, e triage.Email, a triage.Audit) (triage.Email, error) {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO email (tenant_id, reply_id, to_addrs, subject, body, created_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, state, created_at`,
			e.TenantID, e.ReplyID, e.To, e.Subject, e.Body, e.CreatedBy).Scan(&e.ID, &e.State, &e.CreatedAt)
		if err != nil {
			return err
		}
		if err := enqueue(ctx, tx, e.TenantID, JobSendEmail, emailPayload{EmailID: e.ID}); err != nil {
			return err
		}
		a.EntityID = e.ID
		return insertAudit(ctx, tx, a)
	})
	if err != nil {
		return e, fmt.Errorf("store: queue email: %w", err)
	}
	return e, nil
}

const emailColumns = `id, tenant_id, reply_id, to_addrs, subject, body, state, attempts, last_error, created_by, created_at, sent_at`

func scanEmail(row pgx.Row) (triage.Email, error) {
	var e triage.Email
	err := row.Scan(&e.ID, &e.TenantID, &e.ReplyID, &e.To, &e.Subject, &e.Body, &e.State, &e.Attempts, &e.LastError,
		&e.CreatedBy, &e.CreatedAt, &e.SentAt)
	return e, err
}

// Email returns one email of the tenant's outbox.
func (db *DB) Email(ctx context.Context, tenantID, id int64) (triage.Email, error) {
	e, err := scanEmail(db.pool.QueryRow(ctx, `SELECT `+emailColumns+` FROM email WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return e, fmt.Errorf("store: email %d: %w", id, notFound(err))
	}
	return e, nil
}

// EmailsOfReply lists the emails sent about a reply, oldest first.
func (db *DB) EmailsOfReply(ctx context.Context, tenantID, replyID int64) ([]triage.Email, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+emailColumns+` FROM email WHERE tenant_id = $1 AND reply_id = $2 ORDER BY id`, tenantID, replyID)
	if err != nil {
		return nil, fmt.Errorf("store: emails of reply %d: %w", replyID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.Email, error) { return scanEmail(r) })
	if err != nil {
		return nil, fmt.Errorf("store: emails of reply %d: %w", replyID, err)
	}
	return out, nil
}

// EmailSent records a successful send. Only a pending email moves: a
// retried job finds it sent and sends nothing.
func (db *DB) EmailSent(ctx context.Context, tenantID, id int64, at time.Time) error {
	_, err := db.pool.Exec(ctx, `UPDATE email SET state = 'sent', sent_at = $3, attempts = attempts + 1, last_error = ''
		WHERE tenant_id = $1 AND id = $2 AND state = 'pending'`, tenantID, id, at)
	if err != nil {
		return fmt.Errorf("store: email %d sent: %w", id, err)
	}
	return nil
}

// EmailFailed records a failed attempt; after maxAttempts the email is failed
// for good (shown to the collector), else it stays pending for a retry.
func (db *DB) EmailFailed(ctx context.Context, tenantID, id int64, cause error, maxAttempts int) error {
	_, err := db.pool.Exec(ctx, `UPDATE email SET attempts = attempts + 1, last_error = $3,
		state = CASE WHEN attempts + 1 >= $4 THEN 'failed' ELSE state END
		WHERE tenant_id = $1 AND id = $2 AND state = 'pending'`, tenantID, id, cause.Error(), maxAttempts)
	if err != nil {
		return fmt.Errorf("store: email %d failed: %w", id, err)
	}
	return nil
}
