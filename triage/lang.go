package triage

// The languages triage speaks: staff pages, the customers' web form, the
// default status catalog and email templates.
const (
	LangFR = "fr"
	LangEN = "en"
)

// DefaultLang is the language of a user or tenant that chose none: the
// first tenants are French.
const DefaultLang = LangFR

// Langs lists the supported languages, the default first.
var Langs = []string{LangFR, LangEN}

// IsLang reports whether lang is a supported language code.
func IsLang(lang string) bool {
	return lang == LangFR || lang == LangEN
}
