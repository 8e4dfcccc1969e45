package llm

import (
	"context"
	"errors"
	"math"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func TestBreakerSequence(t *testing.T) {
	c := &clock{t: now}
	b := &Breaker{Threshold: 3, Cooldown: 10 * time.Second, Now: c.now}
	type step struct {
		op    string // allow, ok, fail, cancel, wait
		allow bool
		state BreakerState
	}
	steps := []step{
		{"allow", true, BreakerClosed}, {"fail", false, BreakerClosed},
		{"allow", true, BreakerClosed}, {"fail", false, BreakerClosed},
		{"allow", true, BreakerClosed}, {"ok", false, BreakerClosed}, // success resets the count
		{"fail", false, BreakerClosed}, {"fail", false, BreakerClosed}, {"fail", false, BreakerOpen},
		{"allow", false, BreakerOpen},
		{"wait", false, BreakerHalfOpen},
		{"allow", true, BreakerHalfOpen}, {"allow", false, BreakerHalfOpen}, // one probe at a time
		{"cancel", false, BreakerHalfOpen}, {"allow", true, BreakerHalfOpen}, // a cancelled probe frees the slot
		{"fail", false, BreakerOpen}, {"allow", false, BreakerOpen},
		{"wait", false, BreakerHalfOpen}, {"allow", true, BreakerHalfOpen},
		{"ok", false, BreakerClosed}, {"allow", true, BreakerClosed},
	}
	for i, s := range steps {
		switch s.op {
		case "allow":
			if got := b.Allow(); got != s.allow {
				t.Fatalf("step %d: Allow = %v", i, got)
			}
		case "ok":
			b.Success()
		case "fail":
			b.Failure()
		case "cancel":
			b.Cancel()
		case "wait":
			c.advance(10 * time.Second)
		}
		if got := b.State(); got != s.state {
			t.Fatalf("step %d (%s): state %v, want %v", i, s.op, got, s.state)
		}
	}
	var nilBreaker *Breaker
	if !nilBreaker.Allow() || nilBreaker.State() != BreakerClosed {
		t.Error("a nil breaker must let everything through")
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"5", 5 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// flaky fails the first n requests with a network error.
type flaky struct {
	n, calls int
	next     doer
}

func (f *flaky) Do(r *http.Request) (*http.Response, error) {
	f.calls++
	if f.calls <= f.n {
		return nil, errors.New("connection reset by peer")
	}
	return f.next.Do(r)
}

func TestNetworkErrorsAreRetried(t *testing.T) {
	srv := newFakeServer(t, okAnswer())
	w := &waits{}
	f := &flaky{n: 2, next: http.DefaultClient}
	d := &retryDoer{next: f, retries: 2, backoff: Backoff{}.withDefaults(), sleep: w.sleep,
		jitter: func(b time.Duration) time.Duration { return b / 2 }, now: time.Now}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.srv.URL+"/v1/chat/completions", strings.NewReader(`{"model":"m"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := d.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 200 || f.calls != 3 || srv.request(0)["model"] != "m" ||
		!reflect.DeepEqual(w.all(), []time.Duration{250 * time.Millisecond, 500 * time.Millisecond}) {
		t.Errorf("status %d, %d calls, body %v, waits %v", resp.StatusCode, f.calls, srv.request(0), w.all())
	}
}

func TestParseAnswer(t *testing.T) {
	cat := triage.DefaultCatalog()
	open := []string{"F-1", "F-2"}
	long := strings.Repeat("é", 301)
	date := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want answer
		errs []string
	}{
		{"full", `{"status":"price_dispute","comment":" prix faux ","items":["F-1","F-2","F-1"],"follow_up_date":"2026-03-20",
			"item_statuses":[{"item":"F-1","status":"already_paid"},{"item":"F-2","status":"price_dispute"}],"confidence":0.7}`,
			answer{Status: "price_dispute", Comment: "prix faux", Items: []string{"F-1", "F-2"}, Date: &date,
				ItemStatuses: map[string]string{"F-1": "already_paid", "F-2": "price_dispute"}, Confidence: 0.7}, nil},
		{"one status per item is no mix", `{"status":"already_paid","comment":"payé","items":[],"follow_up_date":null,
			"item_statuses":[{"item":"F-1","status":"already_paid"},{"item":"F-2","status":"already_paid"}],"confidence":1}`,
			answer{Status: "already_paid", Comment: "payé", Confidence: 1}, nil},
		{"everything wrong", `{"status":"paid","comment":"` + long + `","items":["F-9"],"follow_up_date":"2026-02-30",
			"item_statuses":[{"item":"F-8","status":"already_paid"},{"item":"F-1","status":"nope"}],"confidence":1.5}`,
			answer{}, []string{`status "paid"`, "comment has 301 characters, more than 300", `item "F-9"`, `follow_up_date "2026-02-30"`,
				`item_statuses names "F-8"`, `item_statuses gives "nope"`, "confidence 1.5"}},
		{"empty and missing", `{"status":"other","comment":"  ","items":null,"follow_up_date":"2031-01-01"}`,
			answer{}, []string{"comment is empty", "more than two years", "confidence is missing"}},
		{"not JSON", `I think it is a promise.`, answer{}, []string{"not a JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAnswer(tt.in, cat, open, now)
			if tt.errs == nil {
				if err != nil || !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %+v %v, want %+v", got, err, tt.want)
				}
				return
			}
			var ia *invalidAnswer
			if !errors.As(err, &ia) || len(ia.problems) != len(tt.errs) {
				t.Fatalf("err %v, want %d problems", err, len(tt.errs))
			}
			for i, w := range tt.errs {
				if !strings.Contains(ia.problems[i], w) {
					t.Errorf("problem %d %q lacks %q", i, ia.problems[i], w)
				}
			}
		})
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		llm, base float64
		agree     bool
		want      float64
	}{
		{0.8, 0.6, true, 0.92},
		{0.8, 0.6, false, 0.56},
		{0.7, 0, false, 0.7},
		{0.7, 0, true, 0.7},
		{0.95, 0.9, true, 0.99}, // capped
		{1, 0, false, 0.99},
		{math.NaN(), 0.5, true, 0.5},
		{0.5, 1, false, 0.25},
	}
	for _, tt := range tests {
		base := "a"
		if !tt.agree {
			base = "b"
		}
		if got := combine(tt.llm, "a", base, tt.base); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("combine(%v, agree %v, %v) = %v, want %v", tt.llm, tt.agree, tt.base, got, tt.want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string // "" for valid
	}{
		{Config{BaseURL: "http://localhost:11434/v1", Model: "llama3"}, ""},
		{Config{BaseURL: "https://x.openai.azure.com/openai/v1", Model: "gpt", APIKey: "k", Schema: SchemaJSONObject}, ""},
		{Config{Model: "m"}, "base URL is required"},
		{Config{BaseURL: "localhost:8000", Model: "m"}, "must be an absolute http(s) URL"},
		{Config{BaseURL: "http://h"}, "model is required"},
		{Config{BaseURL: "http://h", Model: "m", Timeout: -time.Second}, "must be positive"},
		{Config{BaseURL: "http://h", Model: "m", PriceOutputPerMTok: -1}, "must not be negative"},
		{Config{BaseURL: "http://h", Model: "m", Schema: "yaml"}, `schema mode "yaml"`},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: err %v, want %q", tt.cfg, err, tt.want)
		}
	}
	if _, err := NewClient(Config{}, Options{}); err == nil || !strings.HasPrefix(err.Error(), "llm: config:") {
		t.Errorf("NewClient must validate: %v", err)
	}
}
