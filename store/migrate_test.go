package store_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestMigrationsAreNumberedInSequence(t *testing.T) {
	ms, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Version != 1 || ms[0].Name != "init" {
		t.Fatalf("migrations = %+v", ms)
	}
	for i, m := range ms {
		if m.Version != i+1 || m.SQL == "" {
			t.Errorf("migration %d: version %d, %d bytes", i, m.Version, len(m.SQL))
		}
	}
}

func TestMigrateConcurrentAndIdempotent(t *testing.T) {
	url := storetest.URL(t)
	ctx := context.Background()
	ms, _ := store.Migrations()
	// Two replicas starting at once: one applies everything, the other nothing.
	var wg sync.WaitGroup
	applied := make([]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() { applied[i], errs[i] = store.Migrate(ctx, url, quiet) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if applied[0]+applied[1] != len(ms) {
		t.Errorf("applied %v migrations, want %d in total", applied, len(ms))
	}
	if n, err := store.Migrate(ctx, url, quiet); err != nil || n != 0 {
		t.Errorf("second migrate applied %d, %v", n, err)
	}

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// Every domain table carries tenant_id (DESIGN.md §8: all queries are tenant-scoped).
	rows, err := conn.Query(ctx, `SELECT t.table_name FROM information_schema.tables t
		WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		  AND t.table_name NOT IN ('tenant', 'schema_migration')
		  AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
			WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant_id')`)
	if err != nil {
		t.Fatal(err)
	}
	missing, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("tables without tenant_id: %v", missing)
	}
	var hnsw bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'qualification_embedding'
		AND indexdef LIKE '%hnsw%vector_cosine_ops%')`).Scan(&hnsw); err != nil || !hnsw {
		t.Errorf("HNSW cosine index on qualification embeddings: %v %v", hnsw, err)
	}
}

func TestMigrateRefusesNewerDatabase(t *testing.T) {
	url := storetest.URL(t)
	ctx := context.Background()
	if _, err := store.Migrate(ctx, url, quiet); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO schema_migration (version, name) VALUES (9999, 'future')`); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, url, quiet); err == nil {
		t.Error("migrating a database newer than the binary must fail")
	}
}
