package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPostal(t *testing.T) {
	token := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(token, []byte("s3cret-jeton\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		want    Postal
		wantErr string
	}{
		{name: "default drop dir", want: Postal{Provider: PostalDrop, Dir: ".data/postal"}},
		{name: "off", env: map[string]string{"TRIAGE_POSTAL": "off"}, want: Postal{Provider: PostalOff, Dir: ".data/postal"}},
		{name: "http with token file", env: map[string]string{"TRIAGE_POSTAL": "http",
			"TRIAGE_POSTAL_URL": "https://api.courrier.example/v1/", "TRIAGE_POSTAL_TOKEN_FILE": token},
			want: Postal{Provider: PostalHTTP, Dir: ".data/postal", URL: "https://api.courrier.example/v1", Token: "s3cret-jeton"}},
		{name: "http without url nor token", env: map[string]string{"TRIAGE_POSTAL": "http"}, wantErr: "TRIAGE_POSTAL_URL is required"},
		{name: "http bad url", env: map[string]string{"TRIAGE_POSTAL": "http", "TRIAGE_POSTAL_URL": "ftp://x", "TRIAGE_POSTAL_TOKEN": "t"},
			wantErr: "TRIAGE_POSTAL_URL must be an absolute http(s) URL"},
		{name: "unknown provider", env: map[string]string{"TRIAGE_POSTAL": "pigeon"}, wantErr: `TRIAGE_POSTAL must be drop, http or off, not "pigeon"`},
		{name: "blank drop dir keeps the default", env: map[string]string{"TRIAGE_POSTAL_DIR": " "}, want: Postal{Provider: PostalDrop, Dir: ".data/postal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Postal != tt.want {
				t.Errorf("Postal = %+v, want %+v", c.Postal, tt.want)
			}
		})
	}
}
