package triage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/triage-ar/triage/triage"
)

// thanks is an email template written in French with its English translation.
var thanks = triage.ActionTemplate{Code: "thanks_paid", Kind: "email", Name: "Remerciement",
	Subject: "Merci pour votre règlement", Body: "Bonjour,\nNous avons bien reçu le règlement de #items_list_selected.\n#collector_name",
	Translations: triage.Translations{triage.LangEN: {Subject: "Thank you for your payment",
		Body: "Hello,\nWe have received the payment of #items_list_selected.\n#collector_name"}}}

func TestTemplateTextForCustomer(t *testing.T) {
	untranslated := thanks
	untranslated.Translations = nil
	blank := thanks
	blank.Translations = triage.Translations{triage.LangEN: {Subject: "Thank you", Body: "  \n"}}
	tests := []struct {
		name     string
		tmpl     triage.ActionTemplate
		customer *triage.Customer
		want     string
	}{
		{"French customer", thanks, &triage.Customer{Name: "Boulangerie Martin SARL", Lang: "fr"}, "Merci pour votre règlement"},
		{"English customer", thanks, &triage.Customer{Name: "Harrow & Finch Ltd", Lang: "en"}, "Thank you for your payment"},
		{"English customer, no translation", untranslated, &triage.Customer{Name: "Harrow & Finch Ltd", Lang: "en"}, "Merci pour votre règlement"},
		{"English customer, blank translation", blank, &triage.Customer{Name: "Harrow & Finch Ltd", Lang: "en"}, "Merci pour votre règlement"},
		{"German customer: not a language triage speaks", thanks, &triage.Customer{Name: "Müller Feinmechanik GmbH", Lang: "de"}, "Merci pour votre règlement"},
		{"customer without a language", thanks, &triage.Customer{Name: "SCI Les Tilleuls"}, "Merci pour votre règlement"},
		{"no customer", thanks, nil, "Merci pour votre règlement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.tmpl.ForCustomer(tt.customer)
			if got.Subject != tt.want {
				t.Errorf("subject = %q, want %q", got.Subject, tt.want)
			}
			english := strings.HasPrefix(got.Body, "Hello,")
			if english != (tt.want == "Thank you for your payment") {
				t.Errorf("body %q does not go with subject %q", got.Body, got.Subject)
			}
		})
	}
}

func TestCleanTranslations(t *testing.T) {
	tests := []struct {
		name  string
		in    triage.Translations
		want  triage.Translations
		field string // the field of the refusal, "" when accepted
		msg   string // a part of the refusal
	}{
		{"English translation kept, trimmed",
			triage.Translations{"en": {Subject: " Copy of your invoices ", Body: "Hello,\r\nPlease find #items_list_selected attached.\r\n"}},
			triage.Translations{"en": {Subject: "Copy of your invoices", Body: "Hello,\nPlease find #items_list_selected attached."}}, "", ""},
		{"blank language dropped", triage.Translations{"en": {Subject: "  ", Body: "\n"}}, triage.Translations{}, "", ""},
		{"nothing", nil, triage.Translations{}, "", ""},
		{"unknown hashtag in the English body", triage.Translations{"en": {Subject: "Reminder", Body: "Total due: #totl_due"}},
			nil, "translation_en", "#totl_due in the English text"},
		{"unknown hashtag in the English subject", triage.Translations{"en": {Subject: "Account #acount_code", Body: "Hello"}},
			nil, "translation_en", "#acount_code in the English text"},
		{"subject without text", triage.Translations{"en": {Subject: "Reminder"}}, nil, "translation_en", "English translation has a subject but no text"},
		{"subject on two lines", triage.Translations{"en": {Subject: "Reminder\nsecond line", Body: "Hello"}}, nil, "translation_en", "English subject"},
		{"the main language is not a translation", triage.Translations{"fr": {Body: "Bonjour"}}, nil, "translation_fr", `"fr"`},
		{"a language triage does not speak", triage.Translations{"de": {Body: "Guten Tag"}}, nil, "translation_de", `"de"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := triage.CleanTranslations(tt.in)
			var v *triage.ValidationError
			if tt.field != "" {
				if !errors.As(err, &v) || v.Field != tt.field || !strings.Contains(v.Message, tt.msg) {
					t.Fatalf("CleanTranslations = %v, want a %s refusal saying %q", err, tt.field, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for lang, w := range tt.want {
				if got[lang] != w {
					t.Errorf("%s = %+v, want %+v", lang, got[lang], w)
				}
			}
		})
	}
}

// TestTranslatedDefaults: a new tenant's templates are French with their
// English translation, which passes the checks an admin's would.
func TestTranslatedDefaults(t *testing.T) {
	en := map[string]triage.ActionTemplate{}
	for _, x := range triage.DefaultActionTemplatesIn(triage.LangEN) {
		en[x.Code] = x
	}
	for _, x := range triage.DefaultLetterTemplates(triage.LangEN) {
		en[x.Code] = x.ActionTemplate
	}
	var all []triage.ActionTemplate
	all = append(all, triage.TranslatedActionTemplates()...)
	for _, lt := range triage.TranslatedLetterTemplates() {
		all = append(all, lt.ActionTemplate)
	}
	if len(all) != len(en) {
		t.Fatalf("%d translated defaults, %d English ones", len(all), len(en))
	}
	for _, x := range all {
		tr, ok := x.Translations[triage.LangEN]
		if !ok || tr.Body != en[x.Code].Body || tr.Subject != en[x.Code].Subject {
			t.Errorf("%s: English translation %+v, want the English default", x.Code, tr)
		}
		if x.Body == tr.Body {
			t.Errorf("%s: the main text is not French: %q", x.Code, x.Body)
		}
		if _, err := triage.CleanTranslations(x.Translations); err != nil {
			t.Errorf("%s: %v", x.Code, err)
		}
	}
}
