package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

func TestHandlerAddsTheRequestID(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ctx    context.Context
		wrap   int
		wantID any
	}{
		{"with an id", WithRequestID(context.Background(), "req-7f3a9c2e"), 1, "req-7f3a9c2e"},
		{"wrapped twice", WithRequestID(context.Background(), "req-7f3a9c2e"), 2, "req-7f3a9c2e"},
		{"without", context.Background(), 1, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := slog.Handler(slog.NewJSONHandler(&buf, nil))
			for range tt.wrap {
				h = Handler(h)
			}
			slog.New(h).With("tenant", 3).InfoContext(tt.ctx, "reply ingested", "reply", 42)
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatal(err)
			}
			if line[RequestIDKey] != tt.wantID || line["tenant"] != float64(3) || line["reply"] != float64(42) {
				t.Errorf("line %v, want request id %v with the other attributes", line, tt.wantID)
			}
			if n := strings.Count(buf.String(), RequestIDKey); tt.wantID != nil && n != 1 {
				t.Errorf("request id %d times in %s", n, buf.String())
			}
		})
	}
}
