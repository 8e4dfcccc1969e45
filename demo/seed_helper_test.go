package demo_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/demo"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// seededDemo seeds the demo tenant into a database of its own and returns
// the database, the workflow over it and the tenant's id.
func seededDemo(t *testing.T) (*store.DB, *triage.Service, int64) {
	t.Helper()
	db := storetest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	emb := suggest.HashEmbedder{}
	models := suggest.NewModels(db, emb, suggest.ModelsOptions{Log: log})
	t.Cleanup(models.Close)
	svc := triage.NewService(db, suggest.KNN{Embedder: emb, Index: db, Models: models}, emb, log)
	s := &demo.Seeder{DB: db, Service: svc, Embedder: emb, Clean: strings.TrimSpace, BcryptCost: bcrypt.MinCost, Now: time.Now()}
	rep, err := s.Seed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return db, svc, rep.Tenant.ID
}
