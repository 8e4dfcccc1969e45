// Package store persists triage's domain in PostgreSQL with pgx and pgvector:
// embedded migrations, one method per query with $n parameters, a
// FOR UPDATE SKIP LOCKED job queue and the pgvector index of past qualifications.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"

	"github.com/triage-ar/triage/triage"
)

// DB is the connection pool and every query triage runs.
type DB struct {
	pool *pgxpool.Pool
	log  *slog.Logger
}

// Open connects to Postgres. The schema must be migrated first (see Migrate):
// the pool registers the pgvector types on every new connection.
func Open(ctx context.Context, url string, log *slog.Logger) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: parse DATABASE_URL: %w", err)
	}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		return pgxvec.RegisterTypes(ctx, c)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", cfg.ConnConfig.Host, err)
	}
	return &DB{pool: pool, log: log}, nil
}

// Close releases every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping checks the database answers, for readiness probes.
func (db *DB) Ping(ctx context.Context) error { return db.pool.Ping(ctx) }

// tx runs fn in a transaction, committed when fn returns nil.
func (db *DB) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}

// notFound maps "no rows" to the domain's sentinel error.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return triage.ErrNotFound
	}
	return err
}

// isUniqueViolation reports whether err is Postgres's unique_violation.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}
