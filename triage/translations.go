package triage

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// TemplateText is the subject and body of an action template in one language.
type TemplateText struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Translations are an action template's texts in the languages other than
// its main one, by language code. The main subject and body are written in
// the tenant's language, DefaultLang: a customer who speaks another
// language gets its translation when there is one.
type Translations map[string]TemplateText

// TranslationLangs are the languages a template can be translated into:
// every language triage speaks but the one of its main text.
func TranslationLangs() []string {
	var out []string
	for _, l := range Langs {
		if l != DefaultLang {
			out = append(out, l)
		}
	}
	return out
}

// TextIn is the template's text for a reader of lang: its translation when
// it has one with a body, its main text otherwise.
func (t ActionTemplate) TextIn(lang string) TemplateText {
	if tr, ok := t.Translations[lang]; ok && lang != DefaultLang && strings.TrimSpace(tr.Body) != "" {
		return tr
	}
	return TemplateText{Subject: t.Subject, Body: t.Body}
}

// Translation is the template's own translation into lang, empty when it
// has none (the editor's fields for that language).
func (t ActionTemplate) Translation(lang string) TemplateText { return t.Translations[lang] }

// ForCustomer is the template's text for a customer: in the customer's
// language when triage speaks it and the template is translated into it.
func (t ActionTemplate) ForCustomer(c *Customer) TemplateText { return t.TextIn(customerLang(c)) }

// CleanTranslations normalises the translations of a template being saved
// and checks them: subjects and bodies trimmed of surrounding blanks (a
// body keeps its inner lines), a language left blank dropped, a language
// triage does not speak or the main one refused, and every hashtag known.
// A refusal names the language, so that an admin knows which tab to fix.
func CleanTranslations(ts Translations) (Translations, error) {
	out := Translations{}
	for _, lang := range slices.Sorted(maps.Keys(ts)) {
		tr := ts[lang]
		tr.Subject = strings.TrimSpace(tr.Subject)
		tr.Body = strings.TrimSpace(strings.ReplaceAll(tr.Body, "\r\n", "\n"))
		if tr.Subject == "" && tr.Body == "" {
			continue
		}
		field := "translation_" + lang
		switch {
		case !IsLang(lang) || lang == DefaultLang:
			return nil, Invalid(field, CodeTranslationLang, lang)
		case tr.Body == "":
			return nil, Invalid(field, CodeTranslationNoText, Language(lang))
		case strings.ContainsAny(tr.Subject, "\r\n") || utf8.RuneCountInString(tr.Subject) > 200:
			return nil, Invalid(field, CodeTranslationSubj, Language(lang), 200)
		case !utf8.ValidString(tr.Body) || utf8.RuneCountInString(tr.Body) > MaxLetterBody:
			return nil, Invalid(field, CodeTranslationLength, Language(lang), MaxLetterBody)
		}
		if unknown := UnknownHashtags(tr.Subject + "\n" + tr.Body); len(unknown) > 0 {
			return nil, Invalid(field, CodeTranslationTags,
				strings.Join(unknown, ", "), Language(lang), strings.Join(Hashtags, " "))
		}
		out[lang] = tr
	}
	return out, nil
}

// LangName is the English name of a language code, for messages.
func LangName(lang string) string {
	switch lang {
	case LangFR:
		return "French"
	case LangEN:
		return "English"
	}
	return lang
}

// TranslatedActionTemplates are the default action templates a new tenant
// starts with: their main text in DefaultLang, translated into every other
// language triage speaks.
func TranslatedActionTemplates() []ActionTemplate {
	ts := DefaultActionTemplatesIn(DefaultLang)
	for _, lang := range TranslationLangs() {
		byCode := make(map[string]ActionTemplate)
		for _, tr := range DefaultActionTemplatesIn(lang) {
			byCode[tr.Code] = tr
		}
		for i := range ts {
			ts[i].addTranslation(lang, byCode[ts[i].Code])
		}
	}
	return ts
}

// TranslatedLetterTemplates are the default letter templates of a new
// tenant, translated like TranslatedActionTemplates.
func TranslatedLetterTemplates() []LetterTemplate {
	ts := DefaultLetterTemplates(DefaultLang)
	for _, lang := range TranslationLangs() {
		byCode := make(map[string]ActionTemplate)
		for _, tr := range DefaultLetterTemplates(lang) {
			byCode[tr.Code] = tr.ActionTemplate
		}
		for i := range ts {
			ts[i].addTranslation(lang, byCode[ts[i].Code])
		}
	}
	return ts
}

// addTranslation records tr's text as t's translation into lang, unless tr
// has no text (the defaults of that language lack the template).
func (t *ActionTemplate) addTranslation(lang string, tr ActionTemplate) {
	if strings.TrimSpace(tr.Body) == "" {
		return
	}
	if t.Translations == nil {
		t.Translations = Translations{}
	}
	t.Translations[lang] = TemplateText{Subject: tr.Subject, Body: tr.Body}
}
