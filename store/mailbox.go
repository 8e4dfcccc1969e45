package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// Mailbox is an IMAP mailbox of a tenant and its checkpoint: the
// UIDVALIDITY of its folder and the highest UID stored from it.
type Mailbox struct {
	ID              int64
	TenantID        int64
	Name            string
	Host            string
	Port            int
	TLSMode         string // implicit, starttls or none
	Username        string
	PasswordRef     string // env:NAME or file:/path, resolved at connect time
	Folder          string
	ProcessedFolder string // "" keeps messages where they are
	MarkSeen        bool
	Enabled         bool
	UIDValidity     uint32
	LastUID         uint32
	LastSyncAt      *time.Time
	LastError       string
	CreatedAt       time.Time
}

const mailboxColumns = `id, tenant_id, name, host, port, tls_mode, username, password_ref, folder, processed_folder,
	mark_seen, enabled, uidvalidity, last_uid, last_sync_at, last_error, created_at`

func scanMailbox(row pgx.Row) (Mailbox, error) {
	var m Mailbox
	var validity, last int64
	err := row.Scan(&m.ID, &m.TenantID, &m.Name, &m.Host, &m.Port, &m.TLSMode, &m.Username, &m.PasswordRef,
		&m.Folder, &m.ProcessedFolder, &m.MarkSeen, &m.Enabled, &validity, &last, &m.LastSyncAt, &m.LastError, &m.CreatedAt)
	m.UIDValidity, m.LastUID = uint32(validity), uint32(last)
	return m, err
}

// CreateMailbox adds a mailbox to a tenant, with an empty checkpoint (its
// first poll reads the whole folder). A name already used in the tenant is
// a triage.ErrConflict.
func (db *DB) CreateMailbox(ctx context.Context, m Mailbox) (Mailbox, error) {
	if m.Folder == "" {
		m.Folder = "INBOX"
	}
	out, err := scanMailbox(db.pool.QueryRow(ctx, `
		INSERT INTO mailbox (tenant_id, name, host, port, tls_mode, username, password_ref, folder, processed_folder, mark_seen, enabled)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		RETURNING `+mailboxColumns,
		m.TenantID, m.Name, m.Host, m.Port, m.TLSMode, m.Username, m.PasswordRef, m.Folder, m.ProcessedFolder, m.MarkSeen, m.Enabled))
	if isUniqueViolation(err) {
		return Mailbox{}, fmt.Errorf("store: mailbox %q already exists: %w", m.Name, triage.ErrConflict)
	}
	if err != nil {
		return Mailbox{}, fmt.Errorf("store: create mailbox %q: %w", m.Name, err)
	}
	return out, nil
}

// Mailbox returns one mailbox of the tenant.
func (db *DB) Mailbox(ctx context.Context, tenantID, id int64) (Mailbox, error) {
	m, err := scanMailbox(db.pool.QueryRow(ctx, `SELECT `+mailboxColumns+` FROM mailbox WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return Mailbox{}, fmt.Errorf("store: mailbox %d: %w", id, notFound(err))
	}
	return m, nil
}

// MailboxByName returns the tenant's mailbox with that name.
func (db *DB) MailboxByName(ctx context.Context, tenantID int64, name string) (Mailbox, error) {
	m, err := scanMailbox(db.pool.QueryRow(ctx, `SELECT `+mailboxColumns+` FROM mailbox WHERE tenant_id = $1 AND name = $2`, tenantID, name))
	if err != nil {
		return Mailbox{}, fmt.Errorf("store: mailbox %q: %w", name, notFound(err))
	}
	return m, nil
}

// Mailboxes lists the tenant's mailboxes by name.
func (db *DB) Mailboxes(ctx context.Context, tenantID int64) ([]Mailbox, error) {
	return db.mailboxes(ctx, `SELECT `+mailboxColumns+` FROM mailbox WHERE tenant_id = $1 ORDER BY name`, tenantID)
}

// EnabledMailboxes lists the enabled mailboxes of every tenant: what the
// server's pollers read.
func (db *DB) EnabledMailboxes(ctx context.Context) ([]Mailbox, error) {
	return db.mailboxes(ctx, `SELECT `+mailboxColumns+` FROM mailbox WHERE enabled ORDER BY tenant_id, id`)
}

func (db *DB) mailboxes(ctx context.Context, sql string, args ...any) ([]Mailbox, error) {
	rows, err := db.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("store: mailboxes: %w", err)
	}
	ms, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Mailbox, error) { return scanMailbox(r) })
	if err != nil {
		return nil, fmt.Errorf("store: mailboxes: %w", err)
	}
	return ms, nil
}

// MailboxCheckpoint returns the UIDVALIDITY and last stored UID of a
// mailbox (0, 0 before its first message).
func (db *DB) MailboxCheckpoint(ctx context.Context, tenantID, mailboxID int64) (uidValidity, lastUID uint32, err error) {
	var v, l int64
	err = db.pool.QueryRow(ctx, `SELECT uidvalidity, last_uid FROM mailbox WHERE tenant_id = $1 AND id = $2`,
		tenantID, mailboxID).Scan(&v, &l)
	if err != nil {
		return 0, 0, fmt.Errorf("store: checkpoint of mailbox %d: %w", mailboxID, notFound(err))
	}
	return uint32(v), uint32(l), nil
}

// RecordMailboxSync notes the outcome of a poll for the admin pages: synced
// is a complete pass over the folder (stamped last_sync_at), problem why the
// pass failed or what went wrong beside it (a move to the processed folder
// refused, say), nil when all is well.
func (db *DB) RecordMailboxSync(ctx context.Context, tenantID, mailboxID int64, synced bool, problem error) error {
	msg := ""
	if problem != nil {
		msg = problem.Error()
	}
	_, err := db.pool.Exec(ctx, `UPDATE mailbox SET last_error = $4,
			last_sync_at = CASE WHEN $3 THEN now() ELSE last_sync_at END
		WHERE tenant_id = $1 AND id = $2`, tenantID, mailboxID, synced, msg)
	if err != nil {
		return fmt.Errorf("store: record sync of mailbox %d: %w", mailboxID, err)
	}
	return nil
}

// advanceCheckpoint moves a mailbox's checkpoint to a stored message, in the
// transaction that stored it. A new UIDVALIDITY restarts the count: the
// folder was rebuilt and its UIDs mean nothing any more.
func advanceCheckpoint(ctx context.Context, tx pgx.Tx, in triage.NewReply) error {
	tag, err := tx.Exec(ctx, `UPDATE mailbox SET
			last_uid = CASE WHEN uidvalidity = $3 THEN greatest(last_uid, $4) ELSE $4 END,
			uidvalidity = $3
		WHERE tenant_id = $1 AND id = $2`,
		in.TenantID, in.MailboxID, int64(in.UIDValidity), int64(in.UID))
	if err != nil {
		return fmt.Errorf("advance checkpoint of mailbox %d: %w", in.MailboxID, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("advance checkpoint of mailbox %d: %w", in.MailboxID, triage.ErrNotFound)
	}
	return nil
}
