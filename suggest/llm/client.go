package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Options are the injectable parts of a Client; the zero value is production.
type Options struct {
	// HTTPClient sends the requests (a new http.Client when nil); timeouts
	// come from Config.Timeout, not from it.
	HTTPClient *http.Client
	// Backoff shapes the waits between retries.
	Backoff Backoff
	// Sleep waits between retries (a timer honouring ctx when nil).
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter draws a wait uniformly in [0, bound] (math/rand/v2 when nil).
	Jitter func(bound time.Duration) time.Duration
	// Now is the clock that reads Retry-After dates (time.Now when nil).
	Now func() time.Time
	// Stats receives the client's counters (none kept when nil).
	Stats *Stats
}

// Client talks to one OpenAI-compatible server with the retry and timeout
// policy of its Config. It is safe for concurrent use.
type Client struct {
	cfg   Config
	api   *openai.Client
	stats *Stats
	// jsonMode is set once the server rejected json_schema in SchemaAuto mode.
	jsonMode atomic.Bool
}

// NewClient validates cfg and builds its client.
func NewClient(cfg Config, opt Options) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Schema == "" {
		cfg.Schema = SchemaAuto
	}
	cfg.MaxRetries = max(cfg.MaxRetries, 0)
	hc := opt.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	d := &retryDoer{next: hc, retries: cfg.MaxRetries, backoff: opt.Backoff.withDefaults(),
		sleep: opt.Sleep, jitter: opt.Jitter, now: opt.Now, stats: opt.Stats}
	if d.sleep == nil {
		d.sleep = sleepCtx
	}
	if d.jitter == nil {
		d.jitter = fullJitter
	}
	if d.now == nil {
		d.now = time.Now
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = d
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), stats: opt.Stats}, nil
}

// Config returns the client's configuration.
func (c *Client) Config() Config { return c.cfg }

// Usage counts the tokens of one or more calls.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Total is the prompt and completion tokens together.
func (u Usage) Total() int { return u.PromptTokens + u.CompletionTokens }

func (u *Usage) add(o Usage) {
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
}

// mode is the structured-output mode the next call uses.
func (c *Client) mode() SchemaMode {
	if c.cfg.Schema == SchemaAuto {
		if c.jsonMode.Load() {
			return SchemaJSONObject
		}
		return SchemaJSONSchema
	}
	return c.cfg.Schema
}

// chat sends one chat completion constrained by sc and returns the answer's
// text. In SchemaAuto mode, a server rejecting json_schema is asked again
// in JSON mode, and every later call uses JSON mode.
func (c *Client) chat(ctx context.Context, msgs []openai.ChatCompletionMessage, sc Schema) (string, Usage, error) {
	mode := c.mode()
	text, u, err := c.chatIn(ctx, msgs, sc, mode)
	if err != nil && mode == SchemaJSONSchema && c.cfg.Schema == SchemaAuto && rejectsSchema(err) {
		c.jsonMode.Store(true)
		c.stats.add(func(v *StatsSnapshot) { v.JSONModeFallback++ })
		var u2 Usage
		text, u2, err = c.chatIn(ctx, msgs, sc, SchemaJSONObject)
		u.add(u2)
	}
	return text, u, err
}

func (c *Client) chatIn(ctx context.Context, msgs []openai.ChatCompletionMessage, sc Schema, mode SchemaMode) (string, Usage, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.timeout())
	defer cancel()
	req := openai.ChatCompletionRequest{Model: c.cfg.Model, Messages: msgs}
	if mode == SchemaJSONSchema {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: sc.Name, Schema: sc, Strict: true},
		}
	} else {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
		req.Messages = withSchemaText(msgs, sc)
	}
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		c.stats.call(Usage{}, 0)
		return "", Usage{}, fmt.Errorf("llm: chat completion: %w", err)
	}
	u := Usage{PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens}
	c.stats.call(u, c.cfg.Cost(u.PromptTokens, u.CompletionTokens))
	if len(resp.Choices) == 0 {
		return "", u, errors.New("llm: chat completion: no choice in the answer")
	}
	return resp.Choices[0].Message.Content, u, nil
}

// withSchemaText spells the schema out in the system message, for JSON mode
// where the server does not enforce it.
func withSchemaText(msgs []openai.ChatCompletionMessage, sc Schema) []openai.ChatCompletionMessage {
	out := append([]openai.ChatCompletionMessage(nil), msgs...)
	note := "\n\nAnswer with one JSON object matching this JSON schema:\n" + sc.String()
	if len(out) > 0 && out[0].Role == openai.ChatMessageRoleSystem {
		out[0].Content += note
		return out
	}
	return append([]openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleSystem, Content: strings.TrimSpace(note)}}, out...)
}

// statusOf is the HTTP status of an API error, 0 for other errors.
func statusOf(err error) int {
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatusCode
	}
	var re *openai.RequestError
	if errors.As(err, &re) {
		return re.HTTPStatusCode
	}
	return 0
}

// rejectsSchema reports a 400 about response_format: a server without
// structured outputs.
func rejectsSchema(err error) bool {
	if statusOf(err) != http.StatusBadRequest {
		return false
	}
	msg := strings.ToLower(err.Error())
	var re *openai.RequestError
	if errors.As(err, &re) {
		msg += strings.ToLower(string(re.Body))
	}
	return strings.Contains(msg, "response_format") || strings.Contains(msg, "json_schema")
}

// serverFault reports whether err tells against the server's health, for the
// circuit breaker: network errors, timeouts, rate limiting, server errors and
// refused credentials do; a request the server judged malformed does not.
func serverFault(err error) bool {
	switch st := statusOf(err); {
	case st == 0:
		return true
	case st == http.StatusTooManyRequests || st >= 500:
		return true
	default:
		return st == http.StatusUnauthorized || st == http.StatusForbidden || st == http.StatusNotFound
	}
}
