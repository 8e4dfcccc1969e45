// Package config reads triage's typed configuration from the environment and
// validates it at boot, naming every bad variable in one error.
//
// Secrets may be given inline (TRIAGE_SECRET_KEY) or as a file path
// (TRIAGE_SECRET_KEY_FILE), the way container orchestrators mount them.
//
// Suggestions are offline by default. An OpenAI-compatible server (OpenAI,
// Azure OpenAI's /openai/v1 endpoint, vLLM, Ollama…) is used only when
// configured:
//
//	TRIAGE_STRATEGY            knn, llm or auto (default auto: the LLM when
//	                           TRIAGE_LLM_BASE_URL is set and answering, knn otherwise)
//	TRIAGE_LLM_BASE_URL        API root, e.g. https://api.openai.com/v1 or
//	                           http://localhost:11434/v1 (required by strategy llm)
//	TRIAGE_LLM_MODEL           chat model (required with a base URL)
//	TRIAGE_LLM_API_KEY         bearer key, secret (_FILE accepted); may stay
//	                           empty for local servers
//	TRIAGE_LLM_TIMEOUT         bound of one call, retries included (default 20s)
//	TRIAGE_LLM_MAX_RETRIES     retries after a 429, a 5xx or a network error (default 2, 0–10)
//	TRIAGE_LLM_PRICE_INPUT     price of a million prompt tokens (default 0)
//	TRIAGE_LLM_PRICE_OUTPUT    price of a million completion tokens (default 0)
//	TRIAGE_LLM_SCHEMA          structured output: auto, json_schema or json_object (default auto)
//	TRIAGE_EMBEDDINGS          offline or openai (default offline: hashed n-grams)
//	TRIAGE_EMBEDDINGS_BASE_URL embeddings API root (default TRIAGE_LLM_BASE_URL)
//	TRIAGE_EMBEDDINGS_MODEL    embeddings model (required by openai)
//	TRIAGE_EMBEDDINGS_API_KEY  secret (_FILE accepted; default TRIAGE_LLM_API_KEY)
//	TRIAGE_METRICS_ADDR        where /metrics listens, apart from the application
//	                           (default 127.0.0.1:9464; off serves none)
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// MinSecretLen is the shortest accepted TRIAGE_SECRET_KEY, in bytes.
const MinSecretLen = 32

// Config is triage's whole configuration.
type Config struct {
	// DatabaseURL is the Postgres connection string (DATABASE_URL, secret).
	DatabaseURL string
	// ListenAddr is where `triage serve` listens (LISTEN_ADDR, default ":8080").
	ListenAddr string
	// BaseURL is the public address of the server, used in form links and
	// to decide whether cookies are Secure (TRIAGE_BASE_URL, default http://localhost:8080).
	BaseURL *url.URL
	// SecretKey signs web-form links and CSRF tokens (TRIAGE_SECRET_KEY, secret, ≥ 32 bytes).
	SecretKey []byte
	// SessionTTL is how long a login lasts without activity (TRIAGE_SESSION_TTL, default 12h).
	SessionTTL time.Duration
	// FormLinkTTL is how long a customer's web-form link stays valid (TRIAGE_FORM_LINK_TTL, default 720h).
	FormLinkTTL time.Duration
	// Workers is the number of background job workers per process (TRIAGE_WORKERS, default 2).
	Workers int
	// LogLevel is debug, info, warn or error (TRIAGE_LOG_LEVEL, default info).
	LogLevel slog.Level
	// LogJSON selects JSON logs instead of text (TRIAGE_LOG_FORMAT=json|text, default text;
	// `triage serve` defaults to json).
	LogJSON bool
	// Strategy is the suggestion strategy: StrategyKNN, StrategyLLM or
	// StrategyAuto (TRIAGE_STRATEGY, default auto).
	Strategy string
	// LLM is the chat server of strategies llm and auto (TRIAGE_LLM_*);
	// its BaseURL is empty when none is configured.
	LLM LLM
	// Embeddings is EmbeddingsOffline or EmbeddingsOpenAI (TRIAGE_EMBEDDINGS, default offline).
	Embeddings string
	// EmbeddingsAPI is the embeddings server when Embeddings is openai
	// (TRIAGE_EMBEDDINGS_*; Timeout, MaxRetries and prices are the LLM's).
	EmbeddingsAPI LLM
	// MetricsAddr is where /metrics is served, apart from the application
	// (TRIAGE_METRICS_ADDR, default 127.0.0.1:9464; "off" serves none).
	MetricsAddr string
	// Postal is the provider letters are sent through (TRIAGE_POSTAL*, see postal.go).
	Postal Postal
}

// SecureCookies reports whether cookies must carry the Secure attribute.
func (c *Config) SecureCookies() bool { return c.BaseURL.Scheme == "https" }

// Load reads the configuration from getenv (os.Getenv in production).
// required lists the variables the calling command cannot run without.
func Load(getenv func(string) string, required ...string) (*Config, error) {
	l := loader{getenv: getenv}
	c := &Config{
		DatabaseURL: l.secret("DATABASE_URL"),
		ListenAddr:  l.str("LISTEN_ADDR", ":8080"),
		SessionTTL:  l.duration("TRIAGE_SESSION_TTL", 12*time.Hour),
		FormLinkTTL: l.duration("TRIAGE_FORM_LINK_TTL", 30*24*time.Hour),
		Workers:     l.integer("TRIAGE_WORKERS", 2, 1, 64),
	}
	c.SecretKey = []byte(l.secret("TRIAGE_SECRET_KEY"))
	c.BaseURL = l.baseURL("TRIAGE_BASE_URL", "http://localhost:8080")
	c.LogLevel = l.level("TRIAGE_LOG_LEVEL")
	switch f := l.str("TRIAGE_LOG_FORMAT", "text"); f {
	case "text":
	case "json":
		c.LogJSON = true
	default:
		l.fail("TRIAGE_LOG_FORMAT", "must be text or json, not %q", f)
	}
	c.Strategy, c.LLM = l.llm()
	c.Embeddings, c.EmbeddingsAPI = l.embeddings(c.LLM)
	c.Postal = l.postal()
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		l.fail("LISTEN_ADDR", "must be host:port such as :8080 (%v)", err)
	}
	c.MetricsAddr = l.str("TRIAGE_METRICS_ADDR", "127.0.0.1:9464")
	if c.MetricsAddr == "off" {
		c.MetricsAddr = ""
	} else if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
		l.fail("TRIAGE_METRICS_ADDR", "must be host:port such as 127.0.0.1:9464, or off (%v)", err)
	}
	for _, name := range required {
		switch name {
		case "DATABASE_URL":
			if c.DatabaseURL == "" {
				l.fail(name, "is required (for example postgres://user:pass@127.0.0.1:5432/triage; `make db` prints one)")
			}
		case "TRIAGE_SECRET_KEY":
			if len(c.SecretKey) < MinSecretLen {
				l.fail(name, "must be at least %d bytes (generate one with `openssl rand -hex 32`)", MinSecretLen)
			}
		}
	}
	if len(l.errs) > 0 {
		return nil, fmt.Errorf("config: %w", errors.Join(l.errs...))
	}
	return c, nil
}

// loader accumulates every problem so the operator fixes them in one go.
type loader struct {
	getenv func(string) string
	errs   []error
}

func (l *loader) fail(name, format string, args ...any) {
	l.errs = append(l.errs, fmt.Errorf("%s %s", name, fmt.Sprintf(format, args...)))
}

func (l *loader) str(name, def string) string {
	if v := strings.TrimSpace(l.getenv(name)); v != "" {
		return v
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE; setting both is an error.
func (l *loader) secret(name string) string {
	v, path := l.getenv(name), strings.TrimSpace(l.getenv(name+"_FILE"))
	if path == "" {
		return strings.TrimSpace(v)
	}
	if v != "" {
		l.fail(name, "and %s_FILE are both set; keep one", name)
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		l.fail(name+"_FILE", "cannot be read: %v", err)
		return ""
	}
	return strings.TrimSpace(string(b))
}

func (l *loader) duration(name string, def time.Duration) time.Duration {
	v := l.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		l.fail(name, "must be a positive duration such as 30m or 12h, not %q", v)
		return def
	}
	return d
}

func (l *loader) integer(name string, def, lo, hi int) int {
	v := l.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		l.fail(name, "must be a whole number from %d to %d, not %q", lo, hi, v)
		return def
	}
	return n
}

func (l *loader) baseURL(name, def string) *url.URL {
	v := strings.TrimRight(l.str(name, def), "/")
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.fail(name, "must be an absolute http(s) URL such as https://triage.example.com, not %q", v)
		u, _ = url.Parse(def)
	}
	return u
}

func (l *loader) level(name string) slog.Level {
	var lv slog.Level
	if v := l.str(name, "info"); lv.UnmarshalText([]byte(v)) != nil {
		l.fail(name, "must be debug, info, warn or error, not %q", v)
	}
	return lv
}
