package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// reply is one scripted answer of the fake server.
type reply struct {
	status  int               // HTTP status (200 when 0)
	header  map[string]string // response headers
	body    string            // raw body; built from content when empty
	content string            // the assistant message of a 200
	prompt  int               // usage.prompt_tokens
	done    int               // usage.completion_tokens
	hang    bool              // block until the client gives up
}

// fakeServer speaks enough of the OpenAI API for the client: it answers
// each request with the next scripted reply and records what it received.
type fakeServer struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	script []reply
	reqs   []map[string]any
	paths  []string
}

func newFakeServer(t *testing.T, script ...reply) *fakeServer {
	t.Helper()
	f := &fakeServer{t: t, script: script}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(b, &body)
	f.mu.Lock()
	f.reqs = append(f.reqs, body)
	f.paths = append(f.paths, r.URL.Path)
	if len(f.script) == 0 {
		f.mu.Unlock()
		http.Error(w, `{"error":{"message":"script exhausted","type":"test"}}`, http.StatusTeapot)
		return
	}
	rp := f.script[0]
	f.script = f.script[1:]
	f.mu.Unlock()
	if rp.hang {
		<-r.Context().Done()
		return
	}
	for k, v := range rp.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	if rp.status == 0 {
		rp.status = http.StatusOK
	}
	if rp.body == "" {
		rp.body = chatBody(rp.content, rp.prompt, rp.done)
	}
	w.WriteHeader(rp.status)
	_, _ = io.WriteString(w, rp.body)
}

// requests returns how many requests arrived.
func (f *fakeServer) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// request returns the i-th request body.
func (f *fakeServer) request(i int) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.reqs) {
		f.t.Fatalf("request %d of %d", i, len(f.reqs))
	}
	return f.reqs[i]
}

func chatBody(content string, prompt, completion int) string {
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "m",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	})
	return string(b)
}

func apiError(status int, msg string) reply {
	return reply{status: status, body: fmt.Sprintf(`{"error":{"message":%q,"type":"invalid_request_error"}}`, msg)}
}

// waits records the retry waits the client asked for, instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return nil
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
