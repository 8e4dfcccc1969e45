package web

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/triage-ar/triage/triage"
)

// The message catalog: every sentence a page, a handler or the customer form
// shows, in French and English, in web/locales/<lang>/<area>.json. Each file
// is a flat JSON object {"area.key": "text"}; texts that take values carry
// fmt verbs (%s, %d). Plural counts are written "%d réponse(s)" in both
// languages rather than with plural rules: the counts come from bulk actions
// and read naturally that way to collectors.
//
//go:embed locales
var localeFS embed.FS

// messages is the catalog by language then key, loaded once at start;
// messagesErr makes New fail when the embedded files are broken.
var messages, messagesErr = loadMessages(localeFS, "locales")

// defaultLang is the language of users who chose none and the fallback of
// lookups.
const defaultLang = triage.DefaultLang

// loadMessages merges the files of every language under dir. A language
// without files, an area present in one language only, a file that is not a
// flat object of strings, or a key defined twice is an error.
func loadMessages(fsys fs.FS, dir string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(triage.Langs))
	var areas []string
	for i, lang := range triage.Langs {
		files, err := fs.Glob(fsys, path.Join(dir, lang, "*.json"))
		if err != nil {
			return nil, fmt.Errorf("web: locales %s: %w", lang, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("web: locales: no message file for %q under %s", lang, dir)
		}
		names := make([]string, len(files))
		for j, f := range files {
			names[j] = path.Base(f)
		}
		if i == 0 {
			areas = names
		} else if !slices.Equal(areas, names) {
			return nil, fmt.Errorf("web: locales: %s has files %v, %s has %v", triage.Langs[0], areas, lang, names)
		}
		m := map[string]string{}
		from := map[string]string{}
		for _, f := range files {
			entries, err := readMessageFile(fsys, f)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				if prev, ok := from[e.key]; ok {
					return nil, fmt.Errorf("web: locales: key %q defined in %s and %s", e.key, prev, f)
				}
				from[e.key] = f
				m[e.key] = e.text
			}
		}
		out[lang] = m
	}
	return out, nil
}

type messageEntry struct{ key, text string }

// readMessageFile reads one flat {"key": "text"} object, in file order, and
// rejects a key repeated inside it (encoding/json would keep the last one).
func readMessageFile(fsys fs.FS, name string) ([]messageEntry, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("web: locales: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	bad := func(err error) error { return fmt.Errorf("web: locales: %s: %w", name, err) }
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, bad(errors.New("not a JSON object"))
	}
	var out []messageEntry
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		key := tok.(string) // object keys are always strings
		var text string
		if err := dec.Decode(&text); err != nil {
			return nil, bad(fmt.Errorf("key %q: the value must be a string: %w", key, err))
		}
		if key == "" || strings.TrimSpace(text) == "" {
			return nil, bad(fmt.Errorf("key %q: empty key or text", key))
		}
		if seen[key] {
			return nil, bad(fmt.Errorf("key %q defined twice", key))
		}
		seen[key] = true
		out = append(out, messageEntry{key, text})
	}
	if _, err := dec.Token(); err != nil {
		return nil, bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad(errors.New("text after the object"))
	}
	return out, nil
}

// tr returns the message key in lang, falling back to French, then to the key
// itself so a missing entry shows up in review instead of an empty string.
func tr(lang, key string) string {
	if m, ok := messages[lang][key]; ok {
		return m
	}
	if m, ok := messages[defaultLang][key]; ok {
		return m
	}
	return key
}

// trf formats the message key of lang with args (its fmt verbs).
func trf(lang, key string, args ...any) string {
	return fmt.Sprintf(tr(lang, key), args...)
}

// formLang picks the customer form's language: an explicit fr|en choice
// (the link's ?lang=), else the customer's own language when triage speaks
// it, else the browser's Accept-Language, else English: a customer who is
// not French reads English more often than French.
func formLang(choice, customerLang, acceptLanguage string) string {
	if triage.IsLang(choice) {
		return choice
	}
	if triage.IsLang(customerLang) {
		return customerLang
	}
	if lang, ok := matchAcceptLang(acceptLanguage); ok {
		return lang
	}
	return triage.LangEN
}
