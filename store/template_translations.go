package store

import "github.com/triage-ar/triage/triage"

// translationsArg is the value of an action_template.translations
// parameter: an empty object for a template that has none, since the
// column is NOT NULL and pgx encodes a nil map as JSON null.
func translationsArg(ts triage.Translations) triage.Translations {
	if ts == nil {
		return triage.Translations{}
	}
	return ts
}
