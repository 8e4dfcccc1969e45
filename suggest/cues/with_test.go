package cues

import (
	"errors"
	"strings"
	"testing"
)

func TestWithErrors(t *testing.T) {
	tests := []struct {
		phrase Phrase
		is     error  // wrapped sentinel, if any
		msg    string // part of the message
	}{
		{Phrase{"fr", "paid", "déjà (payé"}, ErrBadPattern, `"(" at column 6 is not closed`},
		{Phrase{"fr", "paid", "déjà payé)"}, ErrBadPattern, `unexpected ")" at column 10`},
		{Phrase{"fr", "paid", "[déjà]"}, ErrBadPattern, "can match an empty text"},
		{Phrase{"fr", "paid", "… payé"}, ErrBadPattern, "a … gap must sit between words"},
		{Phrase{"fr", "paid", "payé …"}, ErrBadPattern, "a … gap must sit between words"},
		{Phrase{"fr", "paid", "payé … … hier"}, ErrBadPattern, "two … gaps in a row"},
		{Phrase{"fr", "paid", "pa* hier"}, ErrBadPattern, `stem "pa" before * is shorter than 4 letters`},
		{Phrase{"fr", "paid", "payé * hier"}, ErrBadPattern, "* must end a word, at column 6"},
		{Phrase{"fr", "paid", "payé le {when}"}, ErrBadPattern, "unknown slot {when} at column 9"},
		{Phrase{"fr", "paid", "payé le {date"}, ErrBadPattern, "unclosed { at column 9"},
		{Phrase{"fr", "paid", "payé (le|)"}, ErrBadPattern, "empty alternative in the group at column 6"},
		{Phrase{"fr", "paid", "déjà payé ?"}, ErrBadPattern, "? at column 11 is not pattern syntax"},
		{Phrase{"fr", "paid", "\xffpayé"}, ErrBadPattern, "invalid UTF-8 at column 1"},
		{Phrase{"fr", "paid", "(a|b) (c|d) (e|f) (g|h) (i|j) (k|l) (m|n) (o|p) (q|r) (s|t) (u|v) (w|x) (y|z)"}, ErrBadPattern, "expands to more than 4096 phrases"},
		{Phrase{"fr", "payé", "déjà payé"}, ErrUnknownCue, `unknown cue "payé"`},
		{Phrase{"FR", "paid", "déjà payé"}, nil, `language "FR" is not a lowercase ISO 639 code`},
		{Phrase{"", "paid", "déjà payé"}, nil, `language "" is not a lowercase ISO 639 code`},
	}
	for _, tt := range tests {
		l, err := Default().With([]Phrase{tt.phrase})
		if err == nil {
			t.Errorf("With(%+v) = %v, want an error", tt.phrase, l)
			continue
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("With(%+v) = %v, want it to wrap %v", tt.phrase, err, tt.is)
		}
		if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "cues: phrase 1 ") {
			t.Errorf("With(%+v) = %q, want it to start with \"cues: phrase 1 \" and contain %q", tt.phrase, err, tt.msg)
		}
	}
}

func TestWithAllErrorsReported(t *testing.T) {
	_, err := Default().With([]Phrase{{"fr", "paid", "ok"}, {"fr", "nope", "x"}, {"fr", "paid", "(y"}})
	if err == nil || !strings.Contains(err.Error(), "phrase 2 ") || !strings.Contains(err.Error(), "phrase 3 ") || strings.Contains(err.Error(), "phrase 1 ") {
		t.Errorf("With = %v, want errors for phrases 2 and 3 only", err)
	}
}

func TestWithTenantPhrases(t *testing.T) {
	base := Default()
	text := "Le règlement attend le prochain comité trimestriel des investissements, puis VIRT le 15/05."
	if got := base.Tokens(text); len(got) != 0 {
		t.Fatalf("default lexicon: %v, want no token", got)
	}
	l, err := base.With([]Phrase{
		{Lang: "fr", Cue: "promise_event", Pattern: "(prochain|prochaine) comité … (investissements|achats)"},
		{Lang: "fr", Cue: "promise", Pattern: "virt [le] {date}"},
		{Lang: "pt", Cue: "paid", Pattern: "já paga*"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(l.Tokens(text), " "), "cue_promise cue_promise_event"; got != want {
		t.Errorf("tenant lexicon: %q, want %q", got, want)
	}
	if got, want := strings.Join(l.Tokens("A fatura já foi… não, já pagamos ontem"), " "), "cue_paid"; got != want {
		t.Errorf("tenant pt phrase: %q, want %q", got, want)
	}
	if got := base.Tokens(text); len(got) != 0 {
		t.Errorf("With changed the base lexicon: %v", got)
	}
	if len(l.Phrases()) != len(base.Phrases())+3 {
		t.Errorf("%d phrases, want %d", len(l.Phrases()), len(base.Phrases())+3)
	}
}
