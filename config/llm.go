package config

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Suggestion strategies (TRIAGE_STRATEGY).
const (
	StrategyKNN  = "knn"
	StrategyLLM  = "llm"
	StrategyAuto = "auto"
)

// Embedders (TRIAGE_EMBEDDINGS).
const (
	EmbeddingsOffline = "offline"
	EmbeddingsOpenAI  = "openai"
)

// LLM locates an OpenAI-compatible server; its fields mirror llm.Config.
type LLM struct {
	BaseURL            string
	Model              string
	APIKey             string // may be empty for local servers
	Timeout            time.Duration
	MaxRetries         int
	PriceInputPerMTok  float64
	PriceOutputPerMTok float64
	Schema             string // auto, json_schema or json_object
}

// LLMEnabled reports whether suggestions may call the LLM.
func (c *Config) LLMEnabled() bool { return c.Strategy != StrategyKNN && c.LLM.BaseURL != "" }

func (l *loader) llm() (string, LLM) {
	strategy := l.str("TRIAGE_STRATEGY", StrategyAuto)
	switch strategy {
	case StrategyKNN, StrategyLLM, StrategyAuto:
	default:
		l.fail("TRIAGE_STRATEGY", "must be knn, llm or auto, not %q", strategy)
	}
	c := LLM{
		BaseURL:            l.apiURL("TRIAGE_LLM_BASE_URL"),
		Model:              l.str("TRIAGE_LLM_MODEL", ""),
		APIKey:             l.secret("TRIAGE_LLM_API_KEY"),
		Timeout:            l.duration("TRIAGE_LLM_TIMEOUT", 20*time.Second),
		MaxRetries:         l.integer("TRIAGE_LLM_MAX_RETRIES", 2, 0, 10),
		PriceInputPerMTok:  l.price("TRIAGE_LLM_PRICE_INPUT"),
		PriceOutputPerMTok: l.price("TRIAGE_LLM_PRICE_OUTPUT"),
		Schema:             l.str("TRIAGE_LLM_SCHEMA", "auto"),
	}
	switch c.Schema {
	case "auto", "json_schema", "json_object":
	default:
		l.fail("TRIAGE_LLM_SCHEMA", "must be auto, json_schema or json_object, not %q", c.Schema)
	}
	if strategy == StrategyLLM && c.BaseURL == "" && l.getenv("TRIAGE_LLM_BASE_URL") == "" {
		l.fail("TRIAGE_LLM_BASE_URL", "is required by TRIAGE_STRATEGY=llm (for example https://api.openai.com/v1, or http://localhost:11434/v1 for Ollama)")
	}
	if c.BaseURL != "" && c.Model == "" {
		l.fail("TRIAGE_LLM_MODEL", "is required with TRIAGE_LLM_BASE_URL (for example gpt-4o-mini)")
	}
	return strategy, c
}

func (l *loader) embeddings(chat LLM) (string, LLM) {
	kind := l.str("TRIAGE_EMBEDDINGS", EmbeddingsOffline)
	c := LLM{
		BaseURL:            l.apiURL("TRIAGE_EMBEDDINGS_BASE_URL"),
		Model:              l.str("TRIAGE_EMBEDDINGS_MODEL", ""),
		APIKey:             l.secret("TRIAGE_EMBEDDINGS_API_KEY"),
		Timeout:            chat.Timeout,
		MaxRetries:         chat.MaxRetries,
		PriceInputPerMTok:  chat.PriceInputPerMTok,
		PriceOutputPerMTok: chat.PriceOutputPerMTok,
	}
	if c.BaseURL == "" && l.getenv("TRIAGE_EMBEDDINGS_BASE_URL") == "" {
		c.BaseURL = chat.BaseURL
	}
	if c.APIKey == "" {
		c.APIKey = chat.APIKey
	}
	switch kind {
	case EmbeddingsOffline:
	case EmbeddingsOpenAI:
		if c.BaseURL == "" && l.getenv("TRIAGE_EMBEDDINGS_BASE_URL") == "" {
			l.fail("TRIAGE_EMBEDDINGS_BASE_URL", "is required by TRIAGE_EMBEDDINGS=openai when TRIAGE_LLM_BASE_URL is not set")
		}
		if c.Model == "" {
			l.fail("TRIAGE_EMBEDDINGS_MODEL", "is required by TRIAGE_EMBEDDINGS=openai (for example text-embedding-3-small)")
		}
	default:
		l.fail("TRIAGE_EMBEDDINGS", "must be offline or openai, not %q", kind)
	}
	return kind, c
}

// apiURL reads an optional API root: an absolute http(s) URL, without its
// trailing slash; "" when unset or invalid (and then reported).
func (l *loader) apiURL(name string) string {
	v := strings.TrimRight(l.str(name, ""), "/")
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.fail(name, "must be an absolute http(s) URL such as https://api.openai.com/v1, not %q", v)
		return ""
	}
	return v
}

func (l *loader) price(name string) float64 {
	v := l.str(name, "")
	if v == "" {
		return 0
	}
	p, err := strconv.ParseFloat(v, 64)
	if err != nil || p < 0 || math.IsNaN(p) || p > 1e9 {
		l.fail(name, "must be a price per million tokens such as 0.15, not %q", v)
		return 0
	}
	return p
}
