package cli

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
)

// TestBackfill scrambles the demo history's vectors, as a change of
// embedder leaves them, and checks backfill makes each qualification its
// own nearest neighbour again.
func TestBackfill(t *testing.T) {
	ctx := context.Background()
	vars := map[string]string{"DATABASE_URL": storetest.URL(t), "TRIAGE_SECRET_KEY": "0123456789abcdef0123456789abcdef", "TRIAGE_LOG_LEVEL": "warn"}
	if code, _, stderr := runWithEnv(t, vars, "seed-demo"); code != 0 {
		t.Fatalf("seed-demo: %s", stderr)
	}
	db, err := store.Open(ctx, vars["DATABASE_URL"], slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tn, err := db.TenantBySlug(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.QualificationTexts(ctx, tn.ID, 0, 1000)
	if err != nil || len(rows) != 310 {
		t.Fatalf("%d qualifications, %v", len(rows), err)
	}
	ids := make([]int64, len(rows))
	vecs := make([][]float32, len(rows))
	for i, r := range rows {
		ids[i], vecs[i] = r.ID, make([]float32, suggest.Dim)
		vecs[i][i%suggest.Dim] = 1 // any other embedder's vectors: unrelated to the texts
	}
	if err := db.SetEmbeddings(ctx, tn.ID, ids, vecs); err != nil {
		t.Fatal(err)
	}
	probe := rows[42]
	vec, _ := suggest.HashEmbedder{}.Embed(ctx, probe.Text)
	if ns, _ := db.Nearest(ctx, tn.ID, vec, 1); len(ns) == 1 && ns[0].Similarity > 0.999 {
		t.Fatalf("scrambled vectors still match: %+v", ns)
	}
	code, out, stderr := runWithEnv(t, vars, "backfill", "--tenant", "demo", "--batch", "64")
	if code != 0 || !strings.Contains(out, "re-embedded 310 qualifications of demo") {
		t.Fatalf("backfill = %d %q %s", code, out, stderr)
	}
	ns, err := db.Nearest(ctx, tn.ID, vec, 1)
	if err != nil || len(ns) != 1 || ns[0].QualificationID != probe.ID || ns[0].Similarity < 0.999 {
		t.Errorf("after backfill, nearest of qualification %d: %+v %v", probe.ID, ns, err)
	}
	if code, _, stderr := runWithEnv(t, vars, "backfill", "--batch", "0"); code != 2 || !strings.Contains(stderr, "--batch") {
		t.Errorf("--batch 0 = %d %q", code, stderr)
	}
}
