package llm

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// SchemaMode is how the answer's shape is imposed on the model.
type SchemaMode string

// Schema modes.
const (
	// SchemaAuto sends a strict JSON schema and falls back to JSON mode, for
	// good, when the server rejects it.
	SchemaAuto SchemaMode = "auto"
	// SchemaJSONSchema always sends response_format json_schema (strict).
	SchemaJSONSchema SchemaMode = "json_schema"
	// SchemaJSONObject always sends response_format json_object, with the
	// schema spelled out in the system message.
	SchemaJSONObject SchemaMode = "json_object"
)

// Defaults of Config.
const (
	DefaultTimeout    = 20 * time.Second
	DefaultMaxRetries = 2
)

// Config locates an OpenAI-compatible server and prices its tokens.
type Config struct {
	// BaseURL is the API root, e.g. https://api.openai.com/v1 or
	// http://localhost:11434/v1 for Ollama.
	BaseURL string
	// Model is the chat (or embeddings) model name.
	Model string
	// APIKey is sent as a bearer token; empty for local servers.
	APIKey string
	// Timeout bounds one call, its retries and their waits included
	// (DefaultTimeout when zero).
	Timeout time.Duration
	// MaxRetries is how many times a call is retried after a 429, a 5xx or
	// a network error (0 means none; negative values are read as 0).
	MaxRetries int
	// PriceInputPerMTok and PriceOutputPerMTok are the prices of a million
	// prompt and completion tokens, in whatever unit the operator chose.
	PriceInputPerMTok  float64
	PriceOutputPerMTok float64
	// Schema is the structured-output mode (SchemaAuto when empty).
	Schema SchemaMode
}

// Validate reports every setting that cannot work, in one error.
func (c Config) Validate() error {
	var errs []error
	if c.BaseURL == "" {
		errs = append(errs, errors.New("base URL is required"))
	} else if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base URL %q must be an absolute http(s) URL", c.BaseURL))
	}
	if c.Model == "" {
		errs = append(errs, errors.New("model is required"))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout %v must be positive", c.Timeout))
	}
	if c.PriceInputPerMTok < 0 || c.PriceOutputPerMTok < 0 {
		errs = append(errs, errors.New("token prices must not be negative"))
	}
	switch c.Schema {
	case "", SchemaAuto, SchemaJSONSchema, SchemaJSONObject:
	default:
		errs = append(errs, fmt.Errorf("schema mode %q must be auto, json_schema or json_object", c.Schema))
	}
	if len(errs) > 0 {
		return fmt.Errorf("llm: config: %w", errors.Join(errs...))
	}
	return nil
}

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// Cost is the price of the given token counts.
func (c Config) Cost(promptTokens, completionTokens int) float64 {
	return (float64(promptTokens)*c.PriceInputPerMTok + float64(completionTokens)*c.PriceOutputPerMTok) / 1e6
}
