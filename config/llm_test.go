package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadLLMDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := LLM{Timeout: 20 * time.Second, MaxRetries: 2, Schema: "auto"}
	if c.Strategy != StrategyAuto || c.Embeddings != EmbeddingsOffline || !reflect.DeepEqual(c.LLM, want) || c.LLMEnabled() {
		t.Errorf("strategy %q embeddings %q llm %+v enabled %v", c.Strategy, c.Embeddings, c.LLM, c.LLMEnabled())
	}
}

func TestLoadLLM(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte("sk-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		env        map[string]string
		strategy   string
		llm        LLM
		embeddings string
		emb        LLM
		enabled    bool
	}{
		{"ollama without key", map[string]string{"TRIAGE_STRATEGY": "llm", "TRIAGE_LLM_BASE_URL": "http://localhost:11434/v1/", "TRIAGE_LLM_MODEL": "qwen2.5"},
			"llm", LLM{BaseURL: "http://localhost:11434/v1", Model: "qwen2.5", Timeout: 20 * time.Second, MaxRetries: 2, Schema: "auto"},
			"offline", LLM{BaseURL: "http://localhost:11434/v1", Timeout: 20 * time.Second, MaxRetries: 2}, true},
		{"openai with everything", map[string]string{"TRIAGE_LLM_BASE_URL": "https://api.openai.com/v1", "TRIAGE_LLM_MODEL": "gpt-4o-mini",
			"TRIAGE_LLM_API_KEY_FILE": keyFile, "TRIAGE_LLM_TIMEOUT": "5s", "TRIAGE_LLM_MAX_RETRIES": "0",
			"TRIAGE_LLM_PRICE_INPUT": "0.15", "TRIAGE_LLM_PRICE_OUTPUT": "0.6", "TRIAGE_LLM_SCHEMA": "json_object",
			"TRIAGE_EMBEDDINGS": "openai", "TRIAGE_EMBEDDINGS_MODEL": "text-embedding-3-small"},
			"auto", LLM{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", APIKey: "sk-file", Timeout: 5 * time.Second,
				PriceInputPerMTok: 0.15, PriceOutputPerMTok: 0.6, Schema: "json_object"},
			"openai", LLM{BaseURL: "https://api.openai.com/v1", Model: "text-embedding-3-small", APIKey: "sk-file", Timeout: 5 * time.Second,
				PriceInputPerMTok: 0.15, PriceOutputPerMTok: 0.6}, true},
		{"knn ignores a configured server", map[string]string{"TRIAGE_STRATEGY": "knn", "TRIAGE_LLM_BASE_URL": "http://vllm:8000/v1", "TRIAGE_LLM_MODEL": "m",
			"TRIAGE_EMBEDDINGS": "openai", "TRIAGE_EMBEDDINGS_BASE_URL": "http://tei:80/v1", "TRIAGE_EMBEDDINGS_MODEL": "bge", "TRIAGE_EMBEDDINGS_API_KEY": "e"},
			"knn", LLM{BaseURL: "http://vllm:8000/v1", Model: "m", Timeout: 20 * time.Second, MaxRetries: 2, Schema: "auto"},
			"openai", LLM{BaseURL: "http://tei:80/v1", Model: "bge", APIKey: "e", Timeout: 20 * time.Second, MaxRetries: 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Strategy != tt.strategy || !reflect.DeepEqual(c.LLM, tt.llm) || c.LLMEnabled() != tt.enabled {
				t.Errorf("strategy %q llm %+v enabled %v", c.Strategy, c.LLM, c.LLMEnabled())
			}
			if c.Embeddings != tt.embeddings || !reflect.DeepEqual(c.EmbeddingsAPI, tt.emb) {
				t.Errorf("embeddings %q %+v", c.Embeddings, c.EmbeddingsAPI)
			}
		})
	}
}

func TestLoadLLMErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"llm without server", map[string]string{"TRIAGE_STRATEGY": "llm"},
			[]string{"TRIAGE_LLM_BASE_URL is required by TRIAGE_STRATEGY=llm"}},
		{"server without model", map[string]string{"TRIAGE_LLM_BASE_URL": "http://localhost:11434/v1"},
			[]string{"TRIAGE_LLM_MODEL is required with TRIAGE_LLM_BASE_URL"}},
		{"bad values", map[string]string{"TRIAGE_STRATEGY": "gpt", "TRIAGE_LLM_BASE_URL": "localhost:11434", "TRIAGE_LLM_TIMEOUT": "-1s",
			"TRIAGE_LLM_MAX_RETRIES": "11", "TRIAGE_LLM_PRICE_INPUT": "-1", "TRIAGE_LLM_PRICE_OUTPUT": "cheap", "TRIAGE_LLM_SCHEMA": "xml"},
			[]string{"TRIAGE_STRATEGY must be knn, llm or auto", "TRIAGE_LLM_BASE_URL must be an absolute http(s) URL", "TRIAGE_LLM_TIMEOUT",
				"TRIAGE_LLM_MAX_RETRIES must be a whole number from 0 to 10", "TRIAGE_LLM_PRICE_INPUT must be a price", "TRIAGE_LLM_PRICE_OUTPUT must be a price",
				"TRIAGE_LLM_SCHEMA must be auto, json_schema or json_object"}},
		{"ftp server", map[string]string{"TRIAGE_STRATEGY": "llm", "TRIAGE_LLM_BASE_URL": "ftp://x/v1", "TRIAGE_LLM_MODEL": "m"},
			[]string{"TRIAGE_LLM_BASE_URL must be an absolute http(s) URL"}},
		{"key twice", map[string]string{"TRIAGE_LLM_API_KEY": "a", "TRIAGE_LLM_API_KEY_FILE": "/k"},
			[]string{"TRIAGE_LLM_API_KEY and TRIAGE_LLM_API_KEY_FILE are both set"}},
		{"openai embeddings without server or model", map[string]string{"TRIAGE_EMBEDDINGS": "openai"},
			[]string{"TRIAGE_EMBEDDINGS_BASE_URL is required", "TRIAGE_EMBEDDINGS_MODEL is required"}},
		{"unknown embeddings", map[string]string{"TRIAGE_EMBEDDINGS": "bert"}, []string{"TRIAGE_EMBEDDINGS must be offline or openai"}},
		{"bad embeddings url", map[string]string{"TRIAGE_EMBEDDINGS": "openai", "TRIAGE_EMBEDDINGS_BASE_URL": "tei", "TRIAGE_EMBEDDINGS_MODEL": "m"},
			[]string{"TRIAGE_EMBEDDINGS_BASE_URL must be an absolute http(s) URL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tt.want) {
				t.Errorf("%d problems reported, want %d: %v", n, len(tt.want), err)
			}
		})
	}
}
