package suggest

import (
	"slices"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func TestMentionedItems(t *testing.T) {
	items := []triage.Item{{Number: "F-2025-01187"}, {Number: "F-2025-00871"}, {Number: "AV-2025-0042"}}
	tests := []struct {
		name, text string
		refs       []string
		want       []string
	}{
		{"full number", "La facture F-2025-01187 est payée", nil, []string{"F-2025-01187"}},
		{"case-insensitive", "invoice f-2025-00871 is wrong", nil, []string{"F-2025-00871"}},
		{"fuzzy digits", "votre facture 1187 et la 871", nil, []string{"F-2025-01187", "F-2025-00871"}},
		{"ticked on the form", "payé", []string{"AV-2025-0042"}, []string{"AV-2025-0042"}},
		{"amount is not an item", "nous avons payé 1187,00 euros", nil, []string{"F-2025-01187"}},
		{"nothing", "ok merci", nil, nil},
		{"two-digit tail never matches", "42 cartons", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MentionedItems(tt.text, tt.refs, items); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bonjour,\n\nNous avons réglé la facture hier par virement. Référence VIR-2291.\nCordialement,\nMarc", "Nous avons réglé la facture hier par virement. Référence VIR-2291."},
		{"Hello Anna,\nWe will pay on the 30th!\nThanks\nJo", "We will pay on the 30th!"},
		{"payé", "payé"},
		{"Madame, Monsieur,\nLe prix de la ligne 3 est faux. Le tarif 2024 devait s'appliquer. Merci de faire un avoir.", "Le prix de la ligne 3 est faux. Le tarif 2024 devait s'appliquer."},
	}
	for _, tt := range tests {
		if got := Summary(tt.in); got != tt.want {
			t.Errorf("Summary(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := ""
	for range 80 {
		long += "mot "
	}
	if got := Summary(long); len([]rune(got)) > MaxSummary || got[len(got)-3:] != "…" {
		t.Errorf("long summary not cut: %d runes %q", len([]rune(got)), got)
	}
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	items := []triage.Item{
		{Number: "A", Due: now.AddDate(0, 0, -5), OpenAmount: 10},
		{Number: "B", Due: now.AddDate(0, 0, 5), OpenAmount: 10},
		{Number: "C", Due: now.AddDate(0, 0, -5), OpenAmount: 0},
	}
	if got := overdue(items, now); !slices.Equal(got, []string{"A"}) {
		t.Errorf("overdue = %q", got)
	}
}
