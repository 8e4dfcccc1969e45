package cli

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/logging"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/suggest/llm"
	"github.com/triage-ar/triage/triage"
)

// app is the wired application shared by the subcommands that need a database.
type app struct {
	cfg      *config.Config
	log      *slog.Logger
	db       *store.DB
	embedder suggest.Embedder
	models   *suggest.Models
	service  *triage.Service
	prior    []suggest.LabelledText // the starter corpus, cleaned
	llmStats *llm.Stats             // the LLM strategy's counters, for metrics
}

// close stops the background model trainings, then the database pool.
func (a *app) close() {
	a.models.Close()
	a.db.Close()
}

// loadConfig reads the configuration and builds the logger.
func loadConfig(env *Env, required ...string) (*config.Config, *slog.Logger, error) {
	cfg, err := config.Load(env.Getenv, required...)
	if err != nil {
		return nil, nil, err
	}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(env.Stderr, opts)
	if cfg.LogJSON {
		h = slog.NewJSONHandler(env.Stderr, opts)
	}
	return cfg, slog.New(logging.Handler(h)), nil
}

// openApp migrates the database, connects and wires the workflow.
func openApp(ctx context.Context, env *Env, required ...string) (*app, error) {
	cfg, log, err := loadConfig(env, append(required, "DATABASE_URL")...)
	if err != nil {
		return nil, err
	}
	if _, err := store.Migrate(ctx, cfg.DatabaseURL, log); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	emb, err := embedder(cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	prior, err := suggest.StarterHistory(cleanText)
	if err != nil {
		db.Close()
		return nil, err
	}
	// Each tenant's classifier is trained from its history and the starter
	// corpus on its first suggestion, then retrained in the background as
	// collectors qualify.
	// The blend is fitted on votes of the offline embedder: with a remote
	// one, retraining would embed the whole history again each time.
	models := suggest.NewModels(db, suggest.HashEmbedder{}, suggest.ModelsOptions{Log: log, Model: suggest.ModelOptions{Prior: prior}})
	knn := suggest.KNN{Embedder: emb, Index: db, Models: models}
	stats := &llm.Stats{}
	sg, err := strategy(cfg, knn, activePrompt(db), companyName(db), stats, log)
	if err != nil {
		models.Close()
		db.Close()
		return nil, err
	}
	return &app{cfg: cfg, log: log, db: db, embedder: emb, models: models, service: triage.NewService(db, sg, emb, log), prior: prior, llmStats: stats}, nil
}

// openTenant opens the app and looks up the tenant a command works on.
func openTenant(ctx context.Context, env *Env, slug string, required ...string) (*app, triage.Tenant, error) {
	a, err := openApp(ctx, env, required...)
	if err != nil {
		return nil, triage.Tenant{}, err
	}
	t, err := a.db.TenantBySlug(ctx, slug)
	if err != nil {
		a.close()
		return nil, triage.Tenant{}, fmt.Errorf("tenant %q: %w", slug, err)
	}
	return a, t, nil
}

// cleanText is the body cleaning every ingestion path applies.
func cleanText(body string) string { return inbox.CleanBody(body).Text }
