package llm

import (
	"context"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func okAnswer() reply {
	return reply{content: answerJSON("promise_to_pay", []string{"F-101"}, nil, 0.5), prompt: 100, done: 10}
}

func TestSlowServerFallsBack(t *testing.T) {
	h := newHarness(t, Config{Timeout: 50 * time.Millisecond, MaxRetries: 2}, reply{hang: true})
	sg, err := h.s.Suggest(context.Background(), input())
	if err != nil {
		t.Fatal(err)
	}
	st := h.stats.Snapshot()
	if sg.Strategy != "knn" || st.Fallbacks[ReasonTransport] != 1 || h.srv.requests() != 1 || st.Retries != 0 {
		t.Errorf("strategy %s, stats %+v, %d requests", sg.Strategy, st, h.srv.requests())
	}
}

func TestRateLimitedThenServed(t *testing.T) {
	date := now.Add(7 * time.Second).Format(http.TimeFormat)
	tests := []struct {
		name   string
		header map[string]string
		want   []time.Duration
	}{
		{"seconds", map[string]string{"Retry-After": "3"}, []time.Duration{3 * time.Second}},
		{"HTTP date", map[string]string{"Retry-After": date}, []time.Duration{7 * time.Second}},
		{"capped", map[string]string{"Retry-After": "3600"}, []time.Duration{30 * time.Second}},
		{"none: backoff", nil, []time.Duration{500 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{Timeout: time.Minute, MaxRetries: 2},
				reply{status: http.StatusTooManyRequests, header: tt.header, body: `{"error":{"message":"slow down","type":"rate_limit"}}`}, okAnswer())
			sg, err := h.s.Suggest(context.Background(), input())
			if err != nil {
				t.Fatal(err)
			}
			if sg.Strategy != "llm" || sg.Tokens != 110 || h.srv.requests() != 2 {
				t.Errorf("strategy %s tokens %d requests %d", sg.Strategy, sg.Tokens, h.srv.requests())
			}
			if got := h.waits.all(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("waits %v, want %v", got, tt.want)
			}
			if st := h.stats.Snapshot(); st.Retries != 1 || st.Calls != 1 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestBackoffGrowsAndGivesUp(t *testing.T) {
	h := newHarness(t, Config{Timeout: time.Minute, MaxRetries: 3},
		apiError(500, "a"), apiError(502, "b"), apiError(503, "c"), apiError(500, "d"))
	sg, err := h.s.Suggest(context.Background(), input())
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	if got := h.waits.all(); !reflect.DeepEqual(got, want) || sg.Strategy != "knn" || h.srv.requests() != 4 {
		t.Errorf("waits %v (want %v), strategy %s, %d requests", got, want, sg.Strategy, h.srv.requests())
	}
}

func TestRetryWaitBeyondDeadlineGivesUp(t *testing.T) {
	h := newHarness(t, Config{Timeout: 10 * time.Second, MaxRetries: 2},
		reply{status: 429, header: map[string]string{"Retry-After": "20"}, body: `{"error":{"message":"later"}}`})
	sg, _ := h.s.Suggest(context.Background(), input())
	if sg.Strategy != "knn" || h.srv.requests() != 1 || len(h.waits.all()) != 0 {
		t.Errorf("strategy %s, %d requests, waits %v", sg.Strategy, h.srv.requests(), h.waits.all())
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 404, 422} {
		h := newHarness(t, Config{MaxRetries: 2}, apiError(status, "no"))
		sg, _ := h.s.Suggest(context.Background(), input())
		if sg.Strategy != "knn" || h.srv.requests() != 1 || h.stats.Snapshot().Fallbacks[ReasonTransport] != 1 {
			t.Errorf("%d: strategy %s, %d requests", status, sg.Strategy, h.srv.requests())
		}
	}
}

func TestBreakerOpensAndProbes(t *testing.T) {
	h := newHarness(t, Config{Timeout: time.Minute, MaxRetries: 1},
		apiError(500, "1"), apiError(500, "2"), apiError(503, "3"), apiError(500, "4"), // two calls, two failures
		apiError(500, "probe"), apiError(500, "probe retried"), // the first probe fails
		okAnswer(), // the second probe succeeds
		okAnswer())
	ctx := context.Background()
	for i := range 2 {
		if sg, _ := h.s.Suggest(ctx, input()); sg.Strategy != "knn" {
			t.Fatalf("call %d: %s", i, sg.Strategy)
		}
	}
	if h.s.Breaker.State() != BreakerOpen || h.srv.requests() != 4 {
		t.Fatalf("after two failed calls: %v, %d requests", h.s.Breaker.State(), h.srv.requests())
	}
	sg, _ := h.s.Suggest(ctx, input())
	if sg.Strategy != "knn" || h.srv.requests() != 4 || h.stats.Snapshot().Fallbacks[ReasonBreakerOpen] != 1 {
		t.Fatalf("open breaker: %s, %d requests", sg.Strategy, h.srv.requests())
	}
	auto := Auto{LLM: h.s, KNN: h.base}
	calls := h.base.calls
	if sg, _ := auto.Suggest(ctx, input()); sg.Strategy != "knn" || h.base.calls != calls+1 || h.srv.requests() != 4 {
		t.Fatalf("auto with open breaker: %s", sg.Strategy)
	}

	h.clock.advance(time.Minute)
	if h.s.Breaker.State() != BreakerHalfOpen {
		t.Fatalf("after cooldown: %v", h.s.Breaker.State())
	}
	if sg, _ := auto.Suggest(ctx, input()); sg.Strategy != "knn" || h.srv.requests() != 6 || h.s.Breaker.State() != BreakerOpen {
		t.Fatalf("failed probe: %s, %d requests, %v", sg.Strategy, h.srv.requests(), h.s.Breaker.State())
	}
	h.clock.advance(time.Minute)
	if sg, _ := auto.Suggest(ctx, input()); sg.Strategy != "llm" || h.srv.requests() != 7 || h.s.Breaker.State() != BreakerClosed {
		t.Fatalf("good probe: %s, %d requests, %v", sg.Strategy, h.srv.requests(), h.s.Breaker.State())
	}
	if sg, _ := auto.Suggest(ctx, input()); sg.Strategy != "llm" || h.srv.requests() != 8 {
		t.Fatalf("closed again: %s, %d requests", sg.Strategy, h.srv.requests())
	}
}

func TestJSONModeFallback(t *testing.T) {
	h := newHarness(t, Config{},
		apiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."),
		okAnswer(), okAnswer())
	for range 2 {
		if sg, err := h.s.Suggest(context.Background(), input()); err != nil || sg.Strategy != "llm" {
			t.Fatalf("%s %v", sg.Strategy, err)
		}
	}
	types := []string{}
	for i := range 3 {
		types = append(types, h.srv.request(i)["response_format"].(map[string]any)["type"].(string))
	}
	if !reflect.DeepEqual(types, []string{"json_schema", "json_object", "json_object"}) {
		t.Errorf("response formats %v", types)
	}
	system := h.srv.request(1)["messages"].([]any)[0].(map[string]any)["content"].(string)
	if !strings.Contains(system, `Answer with one JSON object matching this JSON schema:`) || !strings.Contains(system, `"follow_up_date"`) {
		t.Errorf("JSON-mode system message lacks the schema:\n%s", system)
	}
	if st := h.stats.Snapshot(); st.JSONModeFallback != 1 || h.s.Breaker.State() != BreakerClosed {
		t.Errorf("stats %+v", st)
	}
}

func TestJSONSchemaModeDoesNotDowngrade(t *testing.T) {
	h := newHarness(t, Config{Schema: SchemaJSONSchema}, apiError(400, "response_format json_schema unsupported"))
	if sg, _ := h.s.Suggest(context.Background(), input()); sg.Strategy != "knn" || h.srv.requests() != 1 {
		t.Errorf("%s, %d requests", sg.Strategy, h.srv.requests())
	}
}

func TestCancelledCallerGetsAnError(t *testing.T) {
	h := newHarness(t, Config{}, reply{hang: true})
	ctx, cancel := context.WithCancel(context.Background())
	h.s.Base = cancelling{base: h.base, cancel: cancel}
	if _, err := h.s.Suggest(ctx, input()); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("err %v", err)
	}
	if h.s.Breaker.State() != BreakerClosed || len(h.stats.Snapshot().Fallbacks) != 0 {
		t.Errorf("a cancelled caller must not count against the server: %v", h.s.Breaker.State())
	}
}

// cancelling cancels the caller's context once the base has answered.
type cancelling struct {
	base   *fakeBase
	cancel context.CancelFunc
}

func (c cancelling) Suggest(ctx context.Context, in triage.SuggestInput) (triage.Suggestion, error) {
	defer c.cancel()
	return c.base.Suggest(ctx, in)
}

func TestStrategyWithoutClientFallsBack(t *testing.T) {
	base := &fakeBase{sg: baseSuggestion()}
	s := &Strategy{Base: base, Logger: slog.New(slog.DiscardHandler)}
	if sg, err := s.Suggest(context.Background(), input()); err != nil || sg.Strategy != "knn" || sg.Status != "promise_to_pay" {
		t.Errorf("%+v %v", sg, err)
	}
}
