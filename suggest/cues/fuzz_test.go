package cues

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokens(f *testing.F) {
	for _, r := range replies {
		f.Add(r.text)
	}
	l := Default()
	f.Fuzz(func(t *testing.T, text string) {
		tokens := l.Tokens(text)
		if !slices.IsSorted(tokens) || len(slices.Compact(slices.Clone(tokens))) != len(tokens) {
			t.Fatalf("Tokens(%q) = %v, not sorted and unique", text, tokens)
		}
		for _, tok := range tokens {
			if !strings.HasPrefix(tok, "cue_") {
				t.Fatalf("Tokens(%q): bad token %q", text, tok)
			}
		}
		for _, m := range l.Find(text) {
			if m.Start < 0 || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("Find(%q): match %+v outside the text", text, m)
			}
			if utf8.ValidString(text) && (!utf8.ValidString(text[m.Start:m.End])) {
				t.Fatalf("Find(%q): match %+v cuts a rune", text, m)
			}
			if !slices.Contains(tokens, m.Token()) {
				t.Fatalf("Find(%q) has %s, Tokens %v has not", text, m.Token(), tokens)
			}
		}
		_ = Fold(text)
	})
}
