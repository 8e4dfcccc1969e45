package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/triage"
)

// InsertTenant creates a tenant and returns it; an existing slug is returned as is.
func (db *DB) InsertTenant(ctx context.Context, slug, name string) (triage.Tenant, error) {
	t := triage.Tenant{Slug: slug, Name: name}
	err := db.pool.QueryRow(ctx, `INSERT INTO tenant (slug, name) VALUES ($1, $2)
		ON CONFLICT (slug) DO UPDATE SET name = tenant.name RETURNING id, name`, slug, name).Scan(&t.ID, &t.Name)
	if err != nil {
		return t, fmt.Errorf("store: tenant %s: %w", slug, err)
	}
	return t, nil
}

// Tenant returns a tenant by id.
func (db *DB) Tenant(ctx context.Context, id int64) (triage.Tenant, error) {
	t := triage.Tenant{ID: id}
	if err := db.pool.QueryRow(ctx, `SELECT slug, name FROM tenant WHERE id = $1`, id).Scan(&t.Slug, &t.Name); err != nil {
		return t, fmt.Errorf("store: tenant %d: %w", id, notFound(err))
	}
	return t, nil
}

// TenantBySlug returns a tenant by its slug.
func (db *DB) TenantBySlug(ctx context.Context, slug string) (triage.Tenant, error) {
	t := triage.Tenant{Slug: slug}
	if err := db.pool.QueryRow(ctx, `SELECT id, name FROM tenant WHERE slug = $1`, slug).Scan(&t.ID, &t.Name); err != nil {
		return t, fmt.Errorf("store: tenant %q: %w", slug, notFound(err))
	}
	return t, nil
}

// InsertUser creates a user with an already hashed password.
func (db *DB) InsertUser(ctx context.Context, u triage.User, passwordHash []byte) (triage.User, error) {
	err := db.pool.QueryRow(ctx, `INSERT INTO app_user (tenant_id, login, name, email, role, lang, password_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, u.TenantID, u.Login, u.Name, u.Email, u.Role, userLang(u.Lang), string(passwordHash)).Scan(&u.ID)
	if err != nil {
		if isUniqueViolation(err) {
			return u, fmt.Errorf("store: login %q is taken: %w", u.Login, triage.ErrConflict)
		}
		return u, fmt.Errorf("store: insert user %s: %w", u.Login, err)
	}
	return u, nil
}

const userColumns = `id, tenant_id, login, name, email, role, lang`

func scanUser(row pgx.Row, extra ...any) (triage.User, error) {
	var u triage.User
	err := row.Scan(append([]any{&u.ID, &u.TenantID, &u.Login, &u.Name, &u.Email, &u.Role, &u.Lang}, extra...)...)
	return u, err
}

// UserByLogin returns an enabled user and its password hash, for login.
func (db *DB) UserByLogin(ctx context.Context, login string) (triage.User, []byte, error) {
	var hash string
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+`, password_hash FROM app_user
		WHERE lower(login) = lower($1) AND NOT disabled`, login), &hash)
	if err != nil {
		return u, nil, fmt.Errorf("store: user %q: %w", login, notFound(err))
	}
	return u, []byte(hash), nil
}

// UserByLoginInTenant returns an enabled user of the tenant by login.
func (db *DB) UserByLoginInTenant(ctx context.Context, tenantID int64, login string) (triage.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM app_user
		WHERE tenant_id = $1 AND lower(login) = lower($2) AND NOT disabled`, tenantID, login))
	if err != nil {
		return u, fmt.Errorf("store: user %q: %w", login, notFound(err))
	}
	return u, nil
}

// Users returns the tenant's enabled users by name.
func (db *DB) Users(ctx context.Context, tenantID int64) ([]triage.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM app_user WHERE tenant_id = $1 AND NOT disabled ORDER BY name`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	us, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (triage.User, error) { return scanUser(r) })
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return us, nil
}

// UserRow is a user as the administrators' page lists it.
type UserRow struct {
	triage.User
	Disabled bool
}

// AllUsers returns the tenant's users, disabled ones included, by name.
func (db *DB) AllUsers(ctx context.Context, tenantID int64) ([]UserRow, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+`, disabled FROM app_user WHERE tenant_id = $1 ORDER BY name, login`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (UserRow, error) {
		var u UserRow
		var err error
		u.User, err = scanUser(r, &u.Disabled)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return out, nil
}

// userLang is the language stored for a new user: French unless one was chosen.
func userLang(lang string) string {
	if lang == "" {
		return triage.DefaultLang
	}
	return lang
}

// SetUserLang changes the language of a user's pages.
func (db *DB) SetUserLang(ctx context.Context, tenantID, userID int64, lang string) error {
	if !triage.IsLang(lang) {
		return fmt.Errorf("store: user %d: language %q: %w", userID, lang,
			&triage.ValidationError{Field: "lang", Message: "unsupported language"})
	}
	tag, err := db.pool.Exec(ctx, `UPDATE app_user SET lang = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, userID, lang)
	if err != nil {
		return fmt.Errorf("store: user %d language: %w", userID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: user %d: %w", userID, triage.ErrNotFound)
	}
	return nil
}

// UpdateUser changes a user's role, language (kept when empty) and whether
// they may log in; disabling also ends their sessions. The last active
// administrator cannot be demoted or disabled: the tenant would lose its
// admin pages.
func (db *DB) UpdateUser(ctx context.Context, tenantID, userID int64, role triage.Role, lang string, disabled bool) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE app_user SET role = $3, disabled = $4, lang = coalesce(nullif($5, ''), lang)
			WHERE tenant_id = $1 AND id = $2`, tenantID, userID, role, disabled, lang)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return triage.ErrNotFound
		}
		var admins int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM app_user WHERE tenant_id = $1 AND role = 'admin' AND NOT disabled`,
			tenantID).Scan(&admins); err != nil {
			return err
		}
		if admins == 0 {
			return &triage.ValidationError{Field: "role", Message: "keep at least one active administrator"}
		}
		if disabled {
			_, err = tx.Exec(ctx, `DELETE FROM session WHERE user_id = $1`, userID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store: update user %d: %w", userID, err)
	}
	return nil
}
