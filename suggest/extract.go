package suggest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/triage-ar/triage/suggest/extract"
	"github.com/triage-ar/triage/triage"
)

// MaxSummary bounds a suggested comment, in characters.
const MaxSummary = 300

// MentionedItems returns the customer's items the reply points at: those the
// customer ticked (web form) and those whose number appears in the text, in
// full or by its distinctive digits ("facture 1187" ↔ F-2025-01187); see
// extract.MatchItems.
func MentionedItems(text string, refs []string, items []triage.Item) []string {
	numbers := make([]string, len(items))
	for i, it := range items {
		numbers[i] = it.Number
	}
	return extract.MatchItems(text, refs, numbers)
}

var (
	sentenceEnd = regexp.MustCompile(`[.!?]+(\s+|$)|\n+`)
	greeting    = regexp.MustCompile(`(?i)^(bonjour|bonsoir|bjr|salut|madame|monsieur|mesdames|messieurs|hello|hi|dear|good (morning|afternoon)|to whom)\b[^.!?\n]{0,40}[,!.]?\s*$`)
	closing     = regexp.MustCompile(`(?i)^(cordialement|cdlt|bien (à|a) vous|bonne (journée|journee|soirée)|merci( beaucoup| d'avance| par avance)?|regards|kind regards|best regards|best|thanks|thank you|sincerely|sent from my)\b`)
)

// Summary returns the first sentences of what the customer wrote, without
// greetings and sign-offs, cut at MaxSummary characters on a word boundary.
func Summary(text string) string {
	var parts []string
	n := 0
	for _, s := range splitSentences(text) {
		if greeting.MatchString(s) {
			continue
		}
		if closing.MatchString(s) {
			break
		}
		parts = append(parts, s)
		n += utf8.RuneCountInString(s) + 1
		if n >= MaxSummary || len(parts) == 2 {
			break
		}
	}
	return truncate(strings.Join(parts, " "), MaxSummary)
}

func splitSentences(text string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEnd.FindAllStringIndex(text, -1) {
		if s := strings.TrimSpace(text[last:m[1]]); s != "" {
			out = append(out, s)
		}
		last = m[1]
	}
	if s := strings.TrimSpace(text[last:]); s != "" {
		out = append(out, s)
	}
	return out
}

// truncate cuts s to at most max characters, on a word boundary, with "…".
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max-1]
	if i := strings.LastIndexAny(string(r), " \n"); i > max/2 {
		return strings.TrimSpace(string(r)[:i]) + "…"
	}
	return string(r) + "…"
}
