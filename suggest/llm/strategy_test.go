package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/triage"
)

var now = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) // a Tuesday

// fakeBase is the knn strategy as the LLM strategy sees it.
type fakeBase struct {
	sg    triage.Suggestion
	calls int
}

func (f *fakeBase) Suggest(context.Context, triage.SuggestInput) (triage.Suggestion, error) {
	f.calls++
	return f.sg, nil
}

func baseSuggestion() triage.Suggestion {
	return triage.Suggestion{Strategy: "knn", Status: "promise_to_pay", Comment: "nous paierons", Confidence: 0.6,
		Items:    []string{"F-101"},
		FollowUp: &triage.FollowUp{Template: "check_payment", Due: time.Date(2026, 3, 19, 0, 0, 0, 0, time.UTC)},
		Neighbours: []triage.Neighbour{
			{QualificationID: 1, Status: "promise_to_pay", Similarity: 0.9, Comment: "je paierai vendredi"},
			{QualificationID: 2, Status: "already_paid", Similarity: 0.8, Comment: "payé hier"},
		}}
}

func input() triage.SuggestInput {
	return triage.SuggestInput{TenantID: 7,
		Reply:    triage.Reply{ID: 42, BodyClean: "Nous paierons la F-101 le 20 mars.", Lang: "fr", ReceivedAt: now},
		Customer: &triage.Customer{Name: "Boulangerie Martin", Code: "C1"},
		Items: []triage.Item{
			{Number: "F-101", Due: now.AddDate(0, 0, -10), OpenAmount: 100, Currency: "EUR"},
			{Number: "F-102", Due: now.AddDate(0, 0, -5), OpenAmount: 50, Currency: "EUR"},
		},
		Catalog: triage.DefaultCatalog(), Now: now}
}

// answerJSON is a model answer; date is a string or nil.
func answerJSON(status string, items []string, date any, conf float64) string {
	b, _ := json.Marshal(map[string]any{"status": status, "comment": "Nous paierons la F-101 le 20 mars.",
		"items": items, "follow_up_date": date, "item_statuses": nil, "confidence": conf})
	return string(b)
}

type harness struct {
	srv   *fakeServer
	s     *Strategy
	base  *fakeBase
	stats *Stats
	waits *waits
	clock *clock
	log   *bytes.Buffer
}

func newHarness(t *testing.T, cfg Config, script ...reply) *harness {
	t.Helper()
	h := &harness{srv: newFakeServer(t, script...), base: &fakeBase{sg: baseSuggestion()},
		stats: &Stats{}, waits: &waits{}, clock: &clock{t: now}, log: &bytes.Buffer{}}
	cfg.BaseURL, cfg.Model = h.srv.srv.URL+"/v1", "test-model"
	if cfg.PriceInputPerMTok == 0 {
		cfg.PriceInputPerMTok, cfg.PriceOutputPerMTok = 2, 8
	}
	c, err := NewClient(cfg, Options{Sleep: h.waits.sleep, Now: h.clock.now, Stats: h.stats,
		Jitter: func(b time.Duration) time.Duration { return b }})
	if err != nil {
		t.Fatal(err)
	}
	h.s = &Strategy{Client: c, Base: h.base, Stats: h.stats, Logger: slog.New(slog.NewTextHandler(h.log, nil)),
		Breaker: &Breaker{Threshold: 2, Cooldown: time.Minute, Now: h.clock.now}}
	return h
}

func TestSuggestAnswers(t *testing.T) {
	valid := answerJSON("promise_to_pay", []string{"F-101"}, "2026-03-20", 0.8)
	tests := []struct {
		name       string
		script     []reply
		strategy   string
		status     string
		confidence float64
		followUp   *triage.FollowUp
		items      []string
		tokens     int
		cost       float64
		requests   int
		repairs    int64
		fallback   string
		repairMsg  string // in the repair request
	}{
		{name: "valid", script: []reply{{content: valid, prompt: 1000, done: 50}},
			strategy: "llm", status: "promise_to_pay", confidence: 0.92, items: []string{"F-101"},
			followUp: &triage.FollowUp{Template: "check_payment", Due: time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
			tokens:   1050, cost: 0.0024, requests: 1},
		{name: "invalid JSON then repaired", script: []reply{{content: "Sure! status: paid", prompt: 1000, done: 10}, {content: valid, prompt: 1200, done: 50}},
			strategy: "llm", status: "promise_to_pay", confidence: 0.92, items: []string{"F-101"},
			followUp: &triage.FollowUp{Template: "check_payment", Due: time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
			tokens:   2260, cost: 0.00488, requests: 2, repairs: 1, repairMsg: "not a JSON object"},
		{name: "fenced JSON", script: []reply{{content: "```json\n" + valid + "\n```", prompt: 10, done: 10}},
			strategy: "llm", status: "promise_to_pay", confidence: 0.92, items: []string{"F-101"},
			followUp: &triage.FollowUp{Template: "check_payment", Due: time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
			tokens:   20, cost: 0.0001, requests: 1},
		{name: "invalid twice falls back", script: []reply{{content: "{", prompt: 1000, done: 10}, {content: "[]", prompt: 1000, done: 10}},
			strategy: "knn", status: "promise_to_pay", confidence: 0.6, items: []string{"F-101"},
			followUp: baseSuggestion().FollowUp, tokens: 2020, cost: 0.00416, requests: 2, repairs: 1, fallback: ReasonInvalid},
		{name: "status not in catalog", script: []reply{
			{content: answerJSON("paid_maybe", nil, nil, 0.5), prompt: 100}, {content: answerJSON("paid_maybe", nil, nil, 0.5), prompt: 100}},
			strategy: "knn", status: "promise_to_pay", confidence: 0.6, items: []string{"F-101"},
			followUp: baseSuggestion().FollowUp, tokens: 200, cost: 0.0004, requests: 2, repairs: 1, fallback: ReasonInvalid,
			repairMsg: `status "paid_maybe" is not one of the catalog's codes`},
		{name: "item not among open items", script: []reply{
			{content: answerJSON("promise_to_pay", []string{"F-999"}, nil, 0.5)}, {content: answerJSON("promise_to_pay", []string{"F-999"}, nil, 0.5)}},
			strategy: "knn", status: "promise_to_pay", confidence: 0.6, items: []string{"F-101"},
			followUp: baseSuggestion().FollowUp, requests: 2, repairs: 1, fallback: ReasonInvalid,
			repairMsg: `item "F-999" is not one of the customer's open items`},
		{name: "bad date repaired", script: []reply{
			{content: answerJSON("promise_to_pay", []string{"F-101"}, "20/03/2026", 0.8)}, {content: valid}},
			strategy: "llm", status: "promise_to_pay", confidence: 0.92, items: []string{"F-101"},
			followUp: &triage.FollowUp{Template: "check_payment", Due: time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
			requests: 2, repairs: 1, repairMsg: `follow_up_date "20/03/2026" is not a date YYYY-MM-DD`},
		{name: "disagreement lowers confidence, status plan", script: []reply{
			{content: answerJSON("already_paid", []string{"F-102"}, nil, 0.8)}},
			strategy: "llm", status: "already_paid", confidence: 0.56, items: []string{"F-102"},
			followUp: &triage.FollowUp{Template: "verify_remittance", Due: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)},
			requests: 1},
		{name: "no items named keeps the base's", script: []reply{
			{content: answerJSON("out_of_office", []string{}, "2026-03-16", 0.9)}},
			strategy: "llm", status: "out_of_office", confidence: 0.9 * 0.7, items: []string{"F-101"},
			followUp: &triage.FollowUp{Template: "next_reminder", Due: time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)},
			requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{}, tt.script...)
			sg, err := h.s.Suggest(context.Background(), input())
			if err != nil {
				t.Fatal(err)
			}
			if sg.Strategy != tt.strategy || sg.Status != tt.status || !reflect.DeepEqual(sg.Items, tt.items) {
				t.Errorf("got %s/%s items %v, want %s/%s items %v", sg.Strategy, sg.Status, sg.Items, tt.strategy, tt.status, tt.items)
			}
			if math.Abs(sg.Confidence-tt.confidence) > 1e-9 {
				t.Errorf("confidence %v, want %v", sg.Confidence, tt.confidence)
			}
			if !reflect.DeepEqual(sg.FollowUp, tt.followUp) {
				t.Errorf("follow-up %+v, want %+v", sg.FollowUp, tt.followUp)
			}
			if sg.Tokens != tt.tokens || math.Abs(sg.Cost-tt.cost) > 1e-12 {
				t.Errorf("tokens %d cost %v, want %d %v", sg.Tokens, sg.Cost, tt.tokens, tt.cost)
			}
			if !reflect.DeepEqual(sg.Neighbours, baseSuggestion().Neighbours) {
				t.Errorf("neighbours %+v", sg.Neighbours)
			}
			wantVersion := ""
			if tt.strategy == StrategyLLM {
				wantVersion = "default-v1"
			}
			if sg.PromptVersion != wantVersion {
				t.Errorf("prompt version %q, want %q", sg.PromptVersion, wantVersion)
			}
			if n := h.srv.requests(); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			st := h.stats.Snapshot()
			if st.Repairs != tt.repairs {
				t.Errorf("repairs %d, want %d", st.Repairs, tt.repairs)
			}
			if tt.fallback != "" && st.Fallbacks[tt.fallback] != 1 || tt.fallback == "" && (len(st.Fallbacks) != 0 || st.LLMSuggestions != 1) {
				t.Errorf("stats %+v, want fallback %q", st, tt.fallback)
			}
			if logged := strings.Contains(h.log.String(), "reason="+tt.fallback); tt.fallback != "" && !logged || tt.fallback == "" && h.log.Len() > 0 {
				t.Errorf("log %q, want fallback %q", h.log, tt.fallback)
			}
			if st.PromptTokens+st.CompletionTokens != int64(tt.tokens) {
				t.Errorf("stats tokens %d+%d, want %d", st.PromptTokens, st.CompletionTokens, tt.tokens)
			}
			if tt.repairMsg != "" {
				msgs := h.srv.request(1)["messages"].([]any)
				last := msgs[len(msgs)-1].(map[string]any)
				if len(msgs) != 4 || last["role"] != "user" || !strings.Contains(last["content"].(string), tt.repairMsg) {
					t.Errorf("repair request %v does not say %q", msgs, tt.repairMsg)
				}
			}
		})
	}
}

func TestSuggestRequest(t *testing.T) {
	h := newHarness(t, Config{}, reply{content: answerJSON("promise_to_pay", nil, nil, 0.5)})
	if _, err := h.s.Suggest(context.Background(), input()); err != nil {
		t.Fatal(err)
	}
	req := h.srv.request(0)
	if h.srv.paths[0] != "/v1/chat/completions" || req["model"] != "test-model" {
		t.Errorf("path %s model %v", h.srv.paths[0], req["model"])
	}
	rf := req["response_format"].(map[string]any)
	js := rf["json_schema"].(map[string]any)
	schema := js["schema"].(map[string]any)
	props := schema["properties"].(map[string]any)
	items := props["items"].(map[string]any)["items"].(map[string]any)
	if rf["type"] != "json_schema" || js["strict"] != true || schema["additionalProperties"] != false ||
		len(props["status"].(map[string]any)["enum"].([]any)) != 13 || !reflect.DeepEqual(items["enum"], []any{"F-101", "F-102"}) ||
		len(schema["required"].([]any)) != 6 {
		t.Errorf("response_format %v", rf)
	}
	msgs := req["messages"].([]any)
	user := msgs[1].(map[string]any)["content"].(string)
	for _, want := range []string{"Boulangerie Martin (C1)", "- F-101 due 2026-02-28", "[already_paid] payé hier", "Reply received 2026-03-10", "Nous paierons la F-101 le 20 mars."} {
		if !strings.Contains(user, want) {
			t.Errorf("user message lacks %q:\n%s", want, user)
		}
	}
	system := msgs[0].(map[string]any)["content"].(string)
	if !strings.Contains(system, "- promise_to_pay: Promesse de paiement (payment)") || strings.Contains(system, "JSON schema") {
		t.Errorf("system message:\n%s", system)
	}
}

func TestSuggestPromptSource(t *testing.T) {
	h := newHarness(t, Config{}, reply{content: answerJSON("promise_to_pay", nil, nil, 0.5)})
	h.s.Prompt = func(context.Context, int64) (*prompts.Compiled, error) {
		v := prompts.Default()
		v.Name = "tenant-v3"
		return prompts.Compile(v)
	}
	h.s.Company = func(context.Context, int64) (string, error) { return "ACME SA", nil }
	sg, err := h.s.Suggest(context.Background(), input())
	if err != nil {
		t.Fatal(err)
	}
	system := h.srv.request(0)["messages"].([]any)[0].(map[string]any)["content"].(string)
	if sg.PromptVersion != "tenant-v3" || !strings.Contains(system, "team of ACME SA.") {
		t.Errorf("version %q, system %q", sg.PromptVersion, system)
	}
	h.s.Prompt = func(context.Context, int64) (*prompts.Compiled, error) { return nil, errors.New("db down") }
	sg, err = h.s.Suggest(context.Background(), input())
	if err != nil || sg.Strategy != "knn" || h.stats.Snapshot().Fallbacks[ReasonPrompt] != 1 || h.srv.requests() != 1 {
		t.Errorf("prompt failure: %+v %v", sg, err)
	}
}
