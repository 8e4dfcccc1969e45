package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"

	"github.com/triage-ar/triage/store"
)

// scratch is a throwaway migrated database of the cluster the benchmark was
// given: its tables are the only ones a run writes, and drop removes it.
type scratch struct {
	admin string // the URL the run was given; its database is never written
	name  string
	URL   string
	DB    *store.DB
	Pool  *pgxpool.Pool // a pool of its own, with the vector type registered
}

// newScratch creates, migrates and opens a scratch database next to the one
// adminURL names.
func newScratch(ctx context.Context, adminURL string) (*scratch, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return nil, fmt.Errorf("bench: database URL: %w", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	s := &scratch{admin: adminURL, name: "triage_bench_" + hex.EncodeToString(b)}
	if err := s.adminExec(ctx, "CREATE DATABASE "+s.name); err != nil {
		return nil, err
	}
	u.Path = "/" + s.name
	s.URL = u.String()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := store.Migrate(ctx, s.URL, log); err != nil {
		return nil, s.dropAfter(err)
	}
	if s.DB, err = store.Open(ctx, s.URL, log); err != nil {
		return nil, s.dropAfter(err)
	}
	cfg, err := pgxpool.ParseConfig(s.URL)
	if err != nil {
		return nil, s.dropAfter(err)
	}
	cfg.AfterConnect = pgxvec.RegisterTypes
	if s.Pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, s.dropAfter(err)
	}
	return s, nil
}

// withScratch runs f on a new scratch database, dropped after it; f's
// error comes first.
func withScratch[T any](ctx context.Context, adminURL string, f func(*scratch) (T, error)) (T, error) {
	sc, err := newScratch(ctx, adminURL)
	if err != nil {
		var zero T
		return zero, err
	}
	res, err := f(sc)
	if derr := sc.Drop(ctx); derr != nil && err == nil {
		err = derr
	}
	return res, err
}

// Size returns the scratch database's size on disk, in bytes.
func (s *scratch) Size(ctx context.Context) (int64, error) {
	var n int64
	if err := s.Pool.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
		return 0, fmt.Errorf("bench: database size: %w", err)
	}
	return n, nil
}

// Drop closes the connections and drops the database.
func (s *scratch) Drop(ctx context.Context) error {
	if s.Pool != nil {
		s.Pool.Close()
	}
	if s.DB != nil {
		s.DB.Close()
	}
	return s.adminExec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+s.name+" WITH (FORCE)")
}

// dropAfter drops the database after a failed setup and returns err.
func (s *scratch) dropAfter(err error) error {
	if derr := s.Drop(context.Background()); derr != nil {
		return fmt.Errorf("%w (and %v)", err, derr)
	}
	return err
}

// adminExec runs one statement on the given database, never on the scratch
// one: CREATE and DROP DATABASE cannot run inside it.
func (s *scratch) adminExec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return fmt.Errorf("bench: connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("bench: %s: %w", sql, err)
	}
	return nil
}
