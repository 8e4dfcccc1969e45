package cues

import (
	"fmt"
	"maps"
	"slices"
)

// PhraseCode names why a phrase is refused, so that a page can say it in
// the admin's language: the web catalog has a sentence
// "admin.cues.err.<code>" for every code, taking the PhraseError's Args.
type PhraseCode string

// The reasons a phrase is refused. Each has an English sentence in
// phraseTexts, the PhraseError's Error for logs and the CLI.
const (
	PhraseLang           PhraseCode = "lang"
	PhraseUnknownCue     PhraseCode = "unknown_cue"
	PhraseUnexpected     PhraseCode = "unexpected"
	PhraseEmptyMatch     PhraseCode = "empty_match"
	PhraseGapPlace       PhraseCode = "gap_place"
	PhraseGapTwice       PhraseCode = "gap_twice"
	PhraseInvalidUTF8    PhraseCode = "invalid_utf8"
	PhraseStarPlace      PhraseCode = "star_place"
	PhraseStemShort      PhraseCode = "stem_short"
	PhraseUnclosedSlot   PhraseCode = "unclosed_slot"
	PhraseUnknownSlot    PhraseCode = "unknown_slot"
	PhraseQuestionMark   PhraseCode = "question_mark"
	PhraseUnopenedSlot   PhraseCode = "unopened_slot"
	PhraseTooManyPhrases PhraseCode = "too_many_phrases"
	PhraseNestedTooDeep  PhraseCode = "nested_too_deep"
	PhraseUnclosedGroup  PhraseCode = "unclosed_group"
	PhraseEmptyChoice    PhraseCode = "empty_choice"
)

// phraseTexts is the English sentence of each code, with fmt verbs for its
// arguments.
var phraseTexts = map[PhraseCode]string{
	PhraseLang:           "language %q is not a lowercase ISO 639 code",
	PhraseUnknownCue:     "unknown cue %q (known: %s)",
	PhraseUnexpected:     "unexpected %q at column %d",
	PhraseEmptyMatch:     "can match an empty text",
	PhraseGapPlace:       "a … gap must sit between words",
	PhraseGapTwice:       "two … gaps in a row",
	PhraseInvalidUTF8:    "invalid UTF-8 at column %d",
	PhraseStarPlace:      "* must end a word, at column %d",
	PhraseStemShort:      "stem %q before * is shorter than %d letters",
	PhraseUnclosedSlot:   "unclosed { at column %d",
	PhraseUnknownSlot:    "unknown slot {%s} at column %d (want {date}, {amount} or {num})",
	PhraseQuestionMark:   "? at column %d is not pattern syntax; write [optional] words",
	PhraseUnopenedSlot:   "unopened } at column %d",
	PhraseTooManyPhrases: "expands to more than %d phrases",
	PhraseNestedTooDeep:  "groups nested deeper than 8 at column %d",
	PhraseUnclosedGroup:  "%q at column %d is not closed",
	PhraseEmptyChoice:    "empty alternative in the group at column %d",
}

// PhraseError is why a phrase is refused: its code and values, the English
// sentence as its Error, and ErrBadPattern or ErrUnknownCue for errors.Is.
type PhraseError struct {
	Code  PhraseCode
	Args  []any
	cause error
}

func (e *PhraseError) Error() string {
	msg := fmt.Sprintf(phraseTexts[e.Code], e.Args...)
	if e.cause == ErrBadPattern {
		return e.cause.Error() + ": " + msg
	}
	return msg
}

// Unwrap is ErrBadPattern for a pattern's syntax, ErrUnknownCue for a cue
// the package does not know, nil for a bad language.
func (e *PhraseError) Unwrap() error { return e.cause }

func badPattern(code PhraseCode, args ...any) error {
	return &PhraseError{Code: code, Args: args, cause: ErrBadPattern}
}

// PhraseCodes lists every phrase refusal code, sorted: the web catalog must
// translate each one.
func PhraseCodes() []PhraseCode { return slices.Sorted(maps.Keys(phraseTexts)) }

// English is the code's English sentence with its fmt verbs, or "" for a
// code cues does not know.
func (c PhraseCode) English() string { return phraseTexts[c] }
