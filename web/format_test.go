package web

import (
	"strings"
	"testing"
	"time"
)

func TestFormatMoney(t *testing.T) {
	// Spaces in French amounts are no-break spaces, so an amount never wraps.
	tests := []struct {
		lang     string
		amount   float64
		currency string
		want     string
	}{
		{"fr", 1245.60, "EUR", "1\u00a0245,60\u00a0€"},
		{"fr", 867.35, "EUR", "867,35\u00a0€"},
		{"fr", 0, "EUR", "0,00\u00a0€"},
		{"fr", 1234567.891, "EUR", "1\u00a0234\u00a0567,89\u00a0€"},
		{"fr", -120.5, "EUR", "-120,50\u00a0€"},
		{"fr", -0.001, "EUR", "0,00\u00a0€"},
		{"fr", 0.1 + 0.2, "EUR", "0,30\u00a0€"},
		{"fr", 999.995, "EUR", "1\u00a0000,00\u00a0€"},
		{"fr", 100, "CHF", "100,00\u00a0CHF"},
		{"fr", 100, "", "100,00"},
		{"en", 1245.60, "EUR", "€1,245.60"},
		{"en", -1245.60, "USD", "-$1,245.60"},
		{"en", 100, "CHF", "100.00\u00a0CHF"},
	}
	for _, tt := range tests {
		if got := formatMoney(tt.lang, tt.amount, tt.currency); got != tt.want {
			t.Errorf("formatMoney(%s, %v, %s) = %q, want %q", tt.lang, tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestFormatDates(t *testing.T) {
	winter := time.Date(2025, 11, 17, 8, 12, 0, 0, time.UTC) // 09:12 in Paris (UTC+1)
	summer := time.Date(2025, 7, 1, 22, 30, 0, 0, time.UTC)  // 00:30 the next day in Paris (UTC+2)
	due := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)      // a DATE column
	tests := []struct{ got, want string }{
		{formatDateTime("fr", winter), "17/11/2025 09:12"},
		{formatDateTime("fr", summer), "02/07/2025 00:30"},
		{formatDateTime("en", winter), "17 Nov 2025 09:12"},
		{formatDateTime("fr", time.Time{}), ""},
		{formatDate("fr", due), "13/03/2026"},
		{formatDate("en", due), "13 Mar 2026"},
		{formatDate("fr", time.Time{}), ""},
		{isoDate(due), "2026-03-13"},
		{isoDate(time.Time{}), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		lang  string
		ratio float64
		want  string
	}{
		{"fr", 0.82, "82" + nbsp + "%"},
		{"fr", 0.825, "83" + nbsp + "%"},
		{"fr", 0, "0" + nbsp + "%"},
		{"fr", 1, "100" + nbsp + "%"},
		{"en", 0.82, "82%"},
	}
	for _, tt := range tests {
		if got := formatPercent(tt.lang, tt.ratio); got != tt.want {
			t.Errorf("formatPercent(%s, %v) = %q, want %q", tt.lang, tt.ratio, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", 200)
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"Bonjour,\nla facture est payée.", 140, "Bonjour,"},
		{"\n\n  \n  Première ligne  \nseconde", 140, "Première ligne"},
		{"", 140, ""},
		{long, 10, strings.Repeat("é", 9) + "…"},
		{strings.Repeat("é", 10), 10, strings.Repeat("é", 10)},
	}
	for _, tt := range tests {
		if got := excerpt(tt.text, tt.n); got != tt.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

func TestFormLang(t *testing.T) {
	tests := []struct{ choice, customer, accept, want string }{
		{"", "fr", "", "fr"},
		{"", "en", "fr-FR,fr;q=0.9", "en"},
		{"", "de", "", "en"},
		{"", "de", "de-DE,de;q=0.9", "en"},
		{"", "de", "fr-BE,fr;q=0.9,en;q=0.5", "fr"},
		{"", "", "en-US", "en"},
		{"", "", "", "en"},
		{"en", "fr", "fr", "en"},
		{"fr", "de", "en", "fr"},
		{"xx", "fr", "en", "fr"},
	}
	for _, tt := range tests {
		if got := formLang(tt.choice, tt.customer, tt.accept); got != tt.want {
			t.Errorf("formLang(%q, %q, %q) = %q, want %q", tt.choice, tt.customer, tt.accept, got, tt.want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 840, "840" + nbsp + "o"},
		{"en", 840, "840" + nbsp + "B"},
		{"fr", 12 * 1024, "12" + nbsp + "Ko"},
		{"en", 12*1024 + 700, "13" + nbsp + "KB"},
		{"fr", 3565158, "3,4" + nbsp + "Mo"},
		{"en", 3565158, "3.4" + nbsp + "MB"},
	} {
		if got := formatBytes(tt.lang, tt.n); got != tt.want {
			t.Errorf("formatBytes(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
