package cues

import (
	"fmt"
	"strings"
	"testing"
)

// sentence spells an expanded pattern as a reply would.
func sentence(seq []atom) string {
	words := make([]string, 0, len(seq))
	for _, a := range seq {
		switch a.kind {
		case atomWord, atomPrefix:
			words = append(words, a.text)
		case atomDate:
			words = append(words, "12/03/2025")
		case atomAmount:
			words = append(words, "1 200,50 €")
		case atomNum:
			words = append(words, "3")
		}
	}
	return strings.Join(words, " ")
}

// TestEveryEntry checks that each lexicon line finds its own cue in a
// sentence built from its first and its last expansion.
func TestEveryEntry(t *testing.T) {
	l := Default()
	for i, p := range l.Phrases() {
		seqs, err := parsePattern(p.Pattern)
		if err != nil {
			t.Fatalf("%s %q: %v", p.Lang, p.Pattern, err)
		}
		for _, seq := range [][]atom{seqs[0], seqs[len(seqs)-1]} {
			text := "xx " + sentence(seq) + " yy"
			t.Run(fmt.Sprintf("%s/%d/%s", p.Lang, i, p.Cue), func(t *testing.T) {
				found := l.Find(text)
				if p.Cue == Mask {
					if len(found) != 0 {
						t.Errorf("%q (mask %q): found %v, want nothing", text, p.Pattern, found)
					}
					return
				}
				for _, m := range found {
					if m.Cue == p.Cue && !m.Negated {
						return
					}
				}
				t.Errorf("%q (%s %q): found %v, want %s", text, p.Lang, p.Pattern, found, p.Cue)
			})
		}
	}
}

// TestLexiconSize keeps every cue covered in every language file and
// within the 64 bits of Tokens' dedup set.
func TestLexiconSize(t *testing.T) {
	if len(cueNames) > 64 {
		t.Fatalf("%d cues, Tokens dedups 64 at most", len(cueNames))
	}
	perCue := map[string]int{}
	perLang := map[string]map[string]bool{}
	for _, p := range Default().Phrases() {
		perCue[p.Cue]++
		if perLang[p.Lang] == nil {
			perLang[p.Lang] = map[string]bool{}
		}
		perLang[p.Lang][p.Cue] = true
	}
	for _, c := range cueNames {
		if perCue[c] < 10 {
			t.Errorf("cue %s: %d phrases, want at least 10", c, perCue[c])
		}
		for _, lang := range []string{"fr", "en", "de", "es", "it", "nl"} {
			if !perLang[lang][c] {
				t.Errorf("cue %s: no %s phrase", c, lang)
			}
		}
	}
}
