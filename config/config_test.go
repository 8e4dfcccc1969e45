package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

const goodKey = "0123456789abcdef0123456789abcdef"

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://x@h/db", "TRIAGE_SECRET_KEY": goodKey}),
		"DATABASE_URL", "TRIAGE_SECRET_KEY")
	if err != nil {
		t.Fatal(err)
	}
	if c.ListenAddr != ":8080" || c.SessionTTL != 12*time.Hour || c.Workers != 2 || c.LogJSON || c.MetricsAddr != "127.0.0.1:9464" {
		t.Errorf("defaults: %+v", c)
	}
	if c.BaseURL.String() != "http://localhost:8080" || c.SecureCookies() {
		t.Errorf("base url %v secure %v", c.BaseURL, c.SecureCookies())
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // substrings of the error, each naming the variable
	}{
		{"missing required", map[string]string{}, []string{"DATABASE_URL is required", "TRIAGE_SECRET_KEY must be at least 32 bytes"}},
		{"short key", map[string]string{"DATABASE_URL": "postgres://h/db", "TRIAGE_SECRET_KEY": "short"}, []string{"TRIAGE_SECRET_KEY must be at least"}},
		{"bad values", map[string]string{"DATABASE_URL": "postgres://h/db", "TRIAGE_SECRET_KEY": goodKey,
			"TRIAGE_SESSION_TTL": "forever", "TRIAGE_WORKERS": "0", "TRIAGE_LOG_LEVEL": "loud",
			"TRIAGE_LOG_FORMAT": "xml", "LISTEN_ADDR": "8080", "TRIAGE_BASE_URL": "ftp://x", "TRIAGE_METRICS_ADDR": "9464"},
			[]string{"TRIAGE_SESSION_TTL", "TRIAGE_WORKERS must be a whole number from 1 to 64", "TRIAGE_LOG_LEVEL",
				"TRIAGE_LOG_FORMAT", "LISTEN_ADDR", "TRIAGE_BASE_URL", "TRIAGE_METRICS_ADDR"}},
		{"both inline and file", map[string]string{"DATABASE_URL": "postgres://h/db", "TRIAGE_SECRET_KEY": goodKey,
			"TRIAGE_SECRET_KEY_FILE": "/nonexistent"}, []string{"TRIAGE_SECRET_KEY and TRIAGE_SECRET_KEY_FILE are both set"}},
		{"unreadable file", map[string]string{"DATABASE_URL_FILE": "/nonexistent/db", "TRIAGE_SECRET_KEY": goodKey},
			[]string{"DATABASE_URL_FILE cannot be read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env), "DATABASE_URL", "TRIAGE_SECRET_KEY")
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadSecretFromFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "key")
	if err := os.WriteFile(p, []byte(goodKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://h/db", "TRIAGE_SECRET_KEY_FILE": p,
		"TRIAGE_BASE_URL": "https://ar.example.com/", "TRIAGE_LOG_FORMAT": "json"}), "DATABASE_URL", "TRIAGE_SECRET_KEY")
	if err != nil {
		t.Fatal(err)
	}
	if string(c.SecretKey) != goodKey {
		t.Errorf("secret from file = %q", c.SecretKey)
	}
	if !c.SecureCookies() || c.BaseURL.String() != "https://ar.example.com" || !c.LogJSON {
		t.Errorf("got base %v secure %v json %v", c.BaseURL, c.SecureCookies(), c.LogJSON)
	}
}

func TestLoadOnlyChecksRequired(t *testing.T) {
	if _, err := Load(env(nil)); err != nil {
		t.Errorf("a command needing nothing must load an empty env: %v", err)
	}
}

func TestMetricsOff(t *testing.T) {
	c, err := Load(env(map[string]string{"TRIAGE_METRICS_ADDR": "off"}))
	if err != nil || c.MetricsAddr != "" {
		t.Errorf("metrics off: %q %v", c.MetricsAddr, err)
	}
}
