package web

import (
	"errors"

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
// err is a refusal at all: a handler's own message, or the reason of a
// domain validation error in a sentence of lang.
func refusalText(lang string, err error) (string, bool) {
	var r *refusal
	if errors.As(err, &r) {
		return trf(lang, r.Key, r.Args...), true
	}
	var v *triage.ValidationError
	if errors.As(err, &v) {
		return trf(lang, "error.invalid", v.Message), true
	}
	return "", false
}
