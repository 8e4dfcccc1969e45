package web

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/suggest/cues"
	"github.com/triage-ar/triage/triage"
)

// TestCatalogCoversRefusalCodes fails when a refusal code of the domain, a
// mailbox problem or a cue phrase refusal has no sentence in a language, or
// one that takes other values than the code's English sentence, and when
// the catalog translates a code that no longer exists.
func TestCatalogCoversRefusalCodes(t *testing.T) {
	sets := []struct {
		prefix string
		codes  map[string]string // code → English sentence
	}{
		{"domain.", englishOf(triage.Codes())},
		{"admin.mailboxes.problem.", englishOf(inbox.ProblemCodes())},
		{"admin.cues.err.", englishOf(cues.PhraseCodes())},
	}
	for _, set := range sets {
		if len(set.codes) < 15 {
			t.Fatalf("%s: only %d codes", set.prefix, len(set.codes))
		}
		for code, english := range set.codes {
			want := len(verbs(english))
			for _, lang := range triage.Langs {
				text, ok := messages[lang][set.prefix+code]
				if !ok {
					t.Errorf("%s: no sentence %s%s", lang, set.prefix, code)
				} else if got := len(verbs(text)); got != want {
					t.Errorf("%s: %s%s takes %d value(s), the code gives %d", lang, set.prefix, code, got, want)
				}
			}
		}
	}
	for key := range messages[defaultLang] {
		for _, set := range sets {
			if code, ok := strings.CutPrefix(key, set.prefix); ok && set.codes[code] == "" {
				t.Errorf("%q translates no code: remove it", key)
			}
		}
	}
}

// englishOf maps codes to their English sentences.
func englishOf[C interface {
	~string
	English() string
}](codes []C) map[string]string {
	out := make(map[string]string, len(codes))
	for _, c := range codes {
		out[string(c)] = c.English()
	}
	return out
}

func TestRefusalText(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		fr, en  string
		refusal bool
	}{
		{"recipient", triage.Invalid("to", triage.CodeNotEmail, "compta@boulangerie"),
			"« compta@boulangerie » n'est pas une adresse email.", "“compta@boulangerie” is not an email address.", true},
		{"hashtags", fmt.Errorf("web: save: %w", triage.Invalid("body", triage.CodeUnknownHashtags, "#totl_due", "#customer_name #total_due")),
			"Balise(s) inconnue(s) : #totl_due ; balises connues : #customer_name #total_due",
			"Unknown hashtag(s): #totl_due; known hashtags: #customer_name #total_due", true},
		{"language named in the reader's language", triage.Invalid("translation_en", triage.CodeTranslationLength, triage.Language(triage.LangEN), 5000),
			"Écrivez un texte (anglais) d'au plus 5000 caractères.", "Write the English text in at most 5000 characters.", true},
		{"bulk", triage.Invalid("ids", triage.CodeTooManyReplies, triage.MaxBulk),
			"Au plus 200 réponses à la fois.", "At most 200 replies at once.", true},
		{"no code: the English message in a sentence of the language", &triage.ValidationError{Field: "due", Message: "not a YYYY-MM-DD date"},
			"Valeur refusée : not a YYYY-MM-DD date", "Value refused: not a YYYY-MM-DD date", true},
		{"unknown code", &triage.ValidationError{Field: "x", Code: "no_such_code", Message: "is odd"},
			"Valeur refusée : is odd", "Value refused: is odd", true},
		{"handler's own refusal", refuse("port", "admin.mailboxes.err.port"),
			tr(triage.LangFR, "admin.mailboxes.err.port"), tr(triage.LangEN, "admin.mailboxes.err.port"), true},
		{"mailbox", inbox.Mailbox{Name: "relances", Host: "imap.acme.test", Port: 993, TLS: inbox.TLSImplicit, Username: "relances",
			PasswordRef: "hunter2"}.Validate(),
			"Référence du mot de passe : écrivez env:NOM ou file:/chemin/absolu, jamais le mot de passe lui-même.",
			"Password reference: write env:NAME or file:/absolute/path, never the password itself.", true},
		{"mailbox host", inbox.Mailbox{Name: "relances", Host: "imap acme", Port: 993, TLS: inbox.TLSImplicit, Username: "relances",
			PasswordRef: "env:ACME_IMAP"}.Validate(),
			"« imap acme » n'est ni un nom de serveur ni une adresse IP.", "“imap acme” is not a host name or an IP address.", true},
		{"cue phrase", func() error {
			_, err := cues.Default().With([]cues.Phrase{{Lang: "fr", Cue: "paid", Pattern: "déjà (payé"}})
			return err
		}(),
			"Le « ( » de la colonne 6 n'est pas fermé.", "The “(” at column 6 is not closed.", true},
		{"cue language", func() error {
			_, err := cues.Default().With([]cues.Phrase{{Lang: "FR", Cue: "paid", Pattern: "déjà payé"}})
			return err
		}(),
			"« FR » n'est pas un code de langue : écrivez deux ou trois lettres minuscules (fr, en, de…).",
			"“FR” is not a language code: write two or three lowercase letters (fr, en, de…).", true},
		{"prompt template", &prompts.TemplateError{Version: "v2-exemples", Part: prompts.PartUser,
			Err: errors.New(`template: user:1: function "montant" not defined`)},
			`Le modèle utilisateur est refusé : template: user:1: function "montant" not defined`,
			`The user template is refused: template: user:1: function "montant" not defined`, true},
		{"not a refusal", errors.New("store: connection reset"), "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for lang, want := range map[string]string{triage.LangFR: tt.fr, triage.LangEN: tt.en} {
				got, ok := refusalText(lang, tt.err)
				if got != want || ok != tt.refusal {
					t.Errorf("%s: refusalText = %q, %v; want %q, %v", lang, got, ok, want, tt.refusal)
				}
			}
		})
	}
}
