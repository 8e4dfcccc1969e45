package llm

import (
	"context"
	"fmt"
	"math"

	openai "github.com/sashabaranov/go-openai"

	"github.com/triage-ar/triage/suggest"
)

// DefaultBatch is how many texts an embeddings request carries.
const DefaultBatch = 64

// Embedder embeds texts with an OpenAI-compatible embeddings endpoint,
// asking for suggest.Dim dimensions. A server that returns fewer (models
// with a fixed, smaller size, such as most Ollama ones) has its vectors
// zero-padded, which preserves cosine similarities; more is an error. It
// implements suggest.Embedder.
type Embedder struct {
	Client *Client
	Batch  int // texts per request (DefaultBatch when 0)
}

var _ suggest.Embedder = (*Embedder)(nil)

// Name implements suggest.Embedder: the model and the dimension, so that
// vectors of another model are never compared with these.
func (e *Embedder) Name() string {
	return fmt.Sprintf("openai:%s-%d", e.Client.cfg.Model, suggest.Dim)
}

// Embed implements suggest.Embedder.
func (e *Embedder) Embed(ctx context.Context, text string) ([]float32, error) {
	vs, err := e.EmbedBatch(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return vs[0], nil
}

// EmbedBatch embeds texts in requests of Batch texts, in order.
func (e *Embedder) EmbedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	size := e.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += size {
		vs, err := e.batch(ctx, texts[start:min(start+size, len(texts))])
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

func (e *Embedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	c := e.Client
	ctx, cancel := context.WithTimeout(ctx, c.cfg.timeout())
	defer cancel()
	resp, err := c.api.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input: texts, Model: openai.EmbeddingModel(c.cfg.Model), Dimensions: suggest.Dim,
	})
	if err != nil {
		c.stats.call(Usage{}, 0)
		return nil, fmt.Errorf("llm: embeddings: %w", err)
	}
	u := Usage{PromptTokens: resp.Usage.PromptTokens}
	c.stats.call(u, c.cfg.Cost(u.PromptTokens, 0))
	if len(resp.Data) != len(texts) {
		return nil, fmt.Errorf("llm: embeddings: %d vectors for %d texts", len(resp.Data), len(texts))
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(texts) || out[d.Index] != nil {
			return nil, fmt.Errorf("llm: embeddings: bad or repeated index %d", d.Index)
		}
		v, err := fit(d.Embedding)
		if err != nil {
			return nil, err
		}
		out[d.Index] = v
	}
	return out, nil
}

// fit brings a vector to suggest.Dim dimensions and unit norm.
func fit(v []float32) ([]float32, error) {
	if len(v) > suggest.Dim {
		return nil, fmt.Errorf("llm: embeddings: the model returned %d dimensions, more than the %d stored; choose a model that honours \"dimensions\" or returns at most %d", len(v), suggest.Dim, suggest.Dim)
	}
	if len(v) == 0 {
		return nil, fmt.Errorf("llm: embeddings: the model returned an empty vector")
	}
	out := make([]float32, suggest.Dim)
	var s float64
	for i, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, fmt.Errorf("llm: embeddings: non-finite value at %d", i)
		}
		out[i] = x
		s += float64(x) * float64(x)
	}
	if s > 0 {
		inv := float32(1 / math.Sqrt(s))
		for i := range v {
			out[i] *= inv
		}
	}
	return out, nil
}
