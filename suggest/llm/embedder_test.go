package llm

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/triage-ar/triage/suggest"
)

// embeddingsBody answers with vecs, listed in reverse order as a server may.
func embeddingsBody(tokens int, vecs ...[]float32) reply {
	data := make([]any, 0, len(vecs))
	for i := len(vecs) - 1; i >= 0; i-- {
		data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": vecs[i]})
	}
	b, _ := json.Marshal(map[string]any{"object": "list", "data": data, "model": "e",
		"usage": map[string]any{"prompt_tokens": tokens, "total_tokens": tokens}})
	return reply{body: string(b)}
}

func newEmbedder(t *testing.T, batch int, script ...reply) (*Embedder, *fakeServer, *Stats) {
	t.Helper()
	srv := newFakeServer(t, script...)
	st := &Stats{}
	c, err := NewClient(Config{BaseURL: srv.srv.URL + "/v1", Model: "text-embedding-3-small", PriceInputPerMTok: 0.02}, Options{Stats: st})
	if err != nil {
		t.Fatal(err)
	}
	return &Embedder{Client: c, Batch: batch}, srv, st
}

func TestEmbedderPadsAndBatches(t *testing.T) {
	e, srv, st := newEmbedder(t, 2,
		embeddingsBody(10, []float32{3, 4, 0}, []float32{0, 0, 2}),
		embeddingsBody(20, []float32{1, 0, 0}, []float32{0, 1, 0}),
		embeddingsBody(5, []float32{0, 3, 4}))
	texts := []string{"a", "b", "c", "d", "e"}
	vs, err := e.EmbedBatch(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 5 || srv.requests() != 3 {
		t.Fatalf("%d vectors in %d requests", len(vs), srv.requests())
	}
	for i, v := range vs {
		if len(v) != suggest.Dim {
			t.Fatalf("vector %d has %d dimensions", i, len(v))
		}
		for _, x := range v[3:] {
			if x != 0 {
				t.Fatalf("vector %d is not zero-padded", i)
			}
		}
	}
	wantHeads := [][]float32{{0.6, 0.8, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0.6, 0.8}}
	for i, w := range wantHeads {
		if !reflect.DeepEqual(vs[i][:3], w) {
			t.Errorf("vector %d starts %v, want %v (in order, unit norm)", i, vs[i][:3], w)
		}
	}
	if got := suggest.Cosine(vs[0], vs[4]); math.Abs(got-0.48) > 1e-6 {
		t.Errorf("cosine after padding %v, want 0.48", got)
	}
	req := srv.request(0)
	if srv.paths[0] != "/v1/embeddings" || req["dimensions"] != float64(suggest.Dim) || !reflect.DeepEqual(req["input"], []any{"a", "b"}) {
		t.Errorf("request %s %v", srv.paths[0], req)
	}
	if s := st.Snapshot(); s.Calls != 3 || s.PromptTokens != 35 || math.Abs(s.Cost-35*0.02/1e6) > 1e-15 {
		t.Errorf("stats %+v", s)
	}
	if e.Name() != "openai:text-embedding-3-small-1536" {
		t.Errorf("name %q", e.Name())
	}
}

func TestEmbedderErrors(t *testing.T) {
	long := make([]float32, suggest.Dim+1)
	long[0] = 1
	tests := []struct {
		name  string
		reply reply
		want  string
	}{
		{"too many dimensions", embeddingsBody(1, long), "returned 1537 dimensions, more than the 1536 stored"},
		{"missing vector", embeddingsBody(1), "0 vectors for 1 texts"},
		{"empty vector", embeddingsBody(1, []float32{}), "empty vector"},
		{"server error", apiError(400, "model not found"), "llm: embeddings: error, status code: 400"},
		{"bad index", reply{body: `{"data":[{"index":3,"embedding":[1]}]}`}, "bad or repeated index 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, _ := newEmbedder(t, 0, tt.reply)
			if _, err := e.Embed(context.Background(), "x"); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
}
