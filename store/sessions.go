package store

import (
	"context"
	"fmt"
	"time"

	"github.com/triage-ar/triage/triage"
)

// Session is a logged-in user's server-side session.
type Session struct {
	ID      string // sha256 of the cookie token
	User    triage.User
	CSRF    string
	Expires time.Time
}

// CreateSession stores a session keyed by the hash of its cookie token.
func (db *DB) CreateSession(ctx context.Context, s Session) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO session (id, tenant_id, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.ID, s.User.TenantID, s.User.ID, s.CSRF, s.Expires)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionByID returns a live session with its user, sliding its expiry to
// now+ttl so an active collector is not logged out mid-morning.
func (db *DB) SessionByID(ctx context.Context, id string, ttl time.Duration) (Session, error) {
	s := Session{ID: id}
	u := &s.User
	err := db.pool.QueryRow(ctx, `UPDATE session s SET expires_at = now() + $2::interval
		FROM app_user u
		WHERE s.id = $1 AND s.expires_at > now() AND u.tenant_id = s.tenant_id AND u.id = s.user_id AND NOT u.disabled
		RETURNING s.csrf, s.expires_at, u.id, u.tenant_id, u.login, u.name, u.email, u.role, u.lang`, id, ttl.String()).Scan(
		&s.CSRF, &s.Expires, &u.ID, &u.TenantID, &u.Login, &u.Name, &u.Email, &u.Role, &u.Lang)
	if err != nil {
		return s, fmt.Errorf("store: session: %w", notFound(err))
	}
	return s, nil
}

// DeleteSession ends a session (logout).
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM session WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// PurgeSessions deletes expired sessions and returns how many.
func (db *DB) PurgeSessions(ctx context.Context) (int64, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM session WHERE expires_at <= now()`)
	if err != nil {
		return 0, fmt.Errorf("store: purge sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
