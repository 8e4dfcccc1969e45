package web

import (
	"errors"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/suggest/cues"
	"github.com/triage-ar/triage/triage"
)

// refusal is a form that a handler's own checks refuse: the catalog key of
// the message shown next to the form, with its values, so that it reads in
// the user's language.
type refusal struct {
	Field string
	Key   string
	Args  []any
}

// refuse refuses the value of a form field with a catalog message.
func refuse(field, key string, args ...any) error {
	return &refusal{Field: field, Key: key, Args: args}
}

func (r *refusal) Error() string {
	return "web: " + r.Field + ": " + trf(triage.LangEN, r.Key, r.Args...)
}

// refusalText is what a page shows of a refused change, in lang, and whether
// err is a refusal at all: a handler's own message, a domain validation
// error, a mailbox problem, a refused cue phrase or prompt template, said
// in lang (what a server or a parser said is kept as it was said).
func refusalText(lang string, err error) (string, bool) {
	var r *refusal
	if errors.As(err, &r) {
		return trf(lang, r.Key, r.Args...), true
	}
	var v *triage.ValidationError
	if errors.As(err, &v) {
		return domainText(lang, v), true
	}
	var p *inbox.Problem
	if errors.As(err, &p) {
		return trf(lang, "admin.mailboxes.problem."+string(p.Code), p.Args...), true
	}
	var ph *cues.PhraseError
	if errors.As(err, &ph) {
		return trf(lang, "admin.cues.err."+string(ph.Code), ph.Args...), true
	}
	var te *prompts.TemplateError
	if errors.As(err, &te) {
		return trf(lang, "admin.prompts.err.template."+te.Part, te.Err.Error()), true
	}
	return "", false
}

// refusalOrError is refusalText, or for an error that is no refusal (a
// timeout, an answer no check foresaw) its own text.
func refusalOrError(lang string, err error) string {
	if msg, ok := refusalText(lang, err); ok {
		return msg
	}
	return err.Error()
}

// domainText says why the domain refused an input, in lang: the catalog's
// sentence "domain.<code>" with the error's values, languages named in lang.
// An error without a code the catalog knows (one built outside the domain)
// shows its English Message in a sentence of lang.
func domainText(lang string, v *triage.ValidationError) string {
	if _, ok := messages[defaultLang]["domain."+string(v.Code)]; !ok {
		return trf(lang, "error.invalid", v.Message)
	}
	args := make([]any, len(v.Args))
	for i, a := range v.Args {
		if l, ok := a.(triage.Language); ok {
			a = langName(lang, string(l))
		}
		args[i] = a
	}
	return trf(lang, "domain."+string(v.Code), args...)
}
