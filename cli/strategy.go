package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/suggest/llm"
	"github.com/triage-ar/triage/triage"
)

// llmConfig is the llm package's view of a configured server.
func llmConfig(c config.LLM) llm.Config {
	return llm.Config{BaseURL: c.BaseURL, Model: c.Model, APIKey: c.APIKey, Timeout: c.Timeout, MaxRetries: c.MaxRetries,
		PriceInputPerMTok: c.PriceInputPerMTok, PriceOutputPerMTok: c.PriceOutputPerMTok, Schema: llm.SchemaMode(c.Schema)}
}

// embedder is the configured embedder: offline hashed n-grams, or an
// OpenAI-compatible embeddings endpoint. After a change, `triage backfill`
// embeds the history again.
func embedder(cfg *config.Config) (suggest.Embedder, error) {
	if cfg.Embeddings != config.EmbeddingsOpenAI {
		return suggest.HashEmbedder{}, nil
	}
	c, err := llm.NewClient(llmConfig(cfg.EmbeddingsAPI), llm.Options{})
	if err != nil {
		return nil, fmt.Errorf("embeddings: %w", err)
	}
	return &llm.Embedder{Client: c}, nil
}

// strategy wraps the offline strategy in the configured one: knn alone, the
// LLM with knn as its fallback, or auto (the LLM while its server answers).
// prompt and company are nil offline (evals): the embedded default prompt
// and no company name.
func strategy(cfg *config.Config, knn triage.Suggester, prompt llm.PromptSource, company llm.CompanySource, stats *llm.Stats, log *slog.Logger) (triage.Suggester, error) {
	if !cfg.LLMEnabled() {
		if cfg.Strategy == config.StrategyLLM {
			return nil, errors.New("strategy llm needs TRIAGE_LLM_BASE_URL and TRIAGE_LLM_MODEL")
		}
		return knn, nil
	}
	c, err := llm.NewClient(llmConfig(cfg.LLM), llm.Options{Stats: stats})
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	s := &llm.Strategy{Client: c, Base: knn, Prompt: prompt, Company: company, Breaker: &llm.Breaker{}, Logger: log, Stats: stats}
	if cfg.Strategy == config.StrategyAuto {
		return llm.Auto{LLM: s, KNN: knn}, nil
	}
	return s, nil
}

// activePrompt gives a tenant's active prompt version, or the default.
func activePrompt(db *store.DB) llm.PromptSource {
	return func(ctx context.Context, tenantID int64) (*prompts.Compiled, error) {
		v, err := db.ActivePrompt(ctx, tenantID)
		if errors.Is(err, triage.ErrNotFound) {
			return prompts.Compile(prompts.Default())
		}
		if err != nil {
			return nil, err
		}
		return prompts.Compile(prompts.Version{Name: v.Name, System: v.System, User: v.User})
	}
}

// promptVersion gives one prompt version of the tenant, whatever is active:
// what an eval run of that version measures.
func promptVersion(db *store.DB, id int64) llm.PromptSource {
	return func(ctx context.Context, tenantID int64) (*prompts.Compiled, error) {
		v, err := db.PromptVersion(ctx, tenantID, id)
		if err != nil {
			return nil, err
		}
		return prompts.Compile(prompts.Version{Name: v.Name, System: v.System, User: v.User})
	}
}

// companyName gives a tenant's name.
func companyName(db *store.DB) llm.CompanySource {
	return func(ctx context.Context, tenantID int64) (string, error) {
		t, err := db.Tenant(ctx, tenantID)
		return t.Name, err
	}
}
