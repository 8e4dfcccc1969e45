package web

import (
	"errors"
	"strings"

	"github.com/triage-ar/triage/triage"
)

// The translation fieldsets of the template editors (catalog action
// templates and letters): one per language other than the main text's,
// posted as tr_subject_<lang> and tr_body_<lang>.

// postedTranslations reads the translation fields of a template form. A
// language left blank is kept blank here; triage.CleanTranslations drops it.
func postedTranslations(get func(string) string) triage.Translations {
	out := triage.Translations{}
	for _, lang := range triage.TranslationLangs() {
		out[lang] = triage.TemplateText{Subject: get("tr_subject_" + lang),
			Body: strings.ReplaceAll(get("tr_body_"+lang), "\r\n", "\n")}
	}
	return out
}

// previewLang reads the language a preview button asks for, "" when it asks
// for none or for one triage does not speak.
func previewLang(v string) string {
	if triage.IsLang(v) {
		return v
	}
	return ""
}

// langName is a language's name in the page's language.
func langName(pageLang, lang string) string { return tr(pageLang, "templates_i18n.lang."+lang) }

// translationError is the sentence an admin reads for a translation the
// domain refused, in the page's language, and whether err is such a refusal.
func translationError(pageLang string, err error) (string, bool) {
	v, ok := errors.AsType[*triage.ValidationError](err)
	if !ok || !strings.HasPrefix(v.Field, "translation_") {
		return "", false
	}
	return domainText(pageLang, v), true
}
