// Package storetest gives tests a fresh, migrated Postgres database of their
// own on the local cluster, dropped when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
)

// EnvURL names the variable holding an admin URL of the test cluster
// (`make test` sets it from `scripts/pg.sh url`).
const EnvURL = "TRIAGE_TEST_DATABASE_URL"

// URL creates an empty throwaway database and returns its URL. It skips the
// test when no test cluster is configured, and drops the database at cleanup.
func URL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvURL)
	if admin == "" {
		t.Skipf("%s is not set: run `make test`, which starts the local Postgres", EnvURL)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("storetest: connect %s: %v", EnvURL, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "triage_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("storetest: create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("storetest: drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("storetest: drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("storetest: parse %s: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

// New returns an open store on a fresh migrated database, closed at cleanup.
func New(t testing.TB) *store.DB {
	t.Helper()
	db, _ := NewWithURL(t)
	return db
}

// NewWithURL is New that also returns the database's URL, for tests that
// need a connection of their own.
func NewWithURL(t testing.TB) (*store.DB, string) {
	t.Helper()
	u := URL(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := store.Migrate(ctx, u, log); err != nil {
		t.Fatalf("storetest: migrate: %v", err)
	}
	db, err := store.Open(ctx, u, log)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(db.Close)
	return db, u
}
