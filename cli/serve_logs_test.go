package cli

import "testing"

func TestServeLogsJSONByDefault(t *testing.T) {
	for _, tt := range []struct{ set, want string }{
		{"", "json"},
		{"text", "text"},
		{"json", "json"},
	} {
		env := jsonLogsByDefault(&Env{Getenv: func(name string) string {
			switch name {
			case "TRIAGE_LOG_FORMAT":
				return tt.set
			case "LISTEN_ADDR":
				return ":9090"
			}
			return ""
		}})
		if got := env.Getenv("TRIAGE_LOG_FORMAT"); got != tt.want {
			t.Errorf("TRIAGE_LOG_FORMAT=%q: serve logs %q, want %q", tt.set, got, tt.want)
		}
		if env.Getenv("LISTEN_ADDR") != ":9090" || env.Getenv("TRIAGE_LOG_LEVEL") != "" {
			t.Errorf("TRIAGE_LOG_FORMAT=%q: other variables changed", tt.set)
		}
	}
}
