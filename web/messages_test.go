package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/triage-ar/triage/triage"
)

// verbRE finds the fmt verbs of a message; "%%" is a literal percent sign.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func verbs(msg string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(msg, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// TestCatalogComplete fails when a key exists in one language only, or when
// its translations do not take the same values.
func TestCatalogComplete(t *testing.T) {
	if messagesErr != nil {
		t.Fatal(messagesErr)
	}
	fr, en := messages[triage.LangFR], messages[triage.LangEN]
	if len(fr) < 100 {
		t.Fatalf("only %d French messages: the catalog did not load", len(fr))
	}
	for key, text := range fr {
		other, ok := en[key]
		if !ok {
			t.Errorf("%q has no English text", key)
			continue
		}
		if a, b := verbs(text), verbs(other); !slices.Equal(a, b) {
			t.Errorf("%q: French takes %v, English %v", key, a, b)
		}
	}
	for key := range en {
		if _, ok := fr[key]; !ok {
			t.Errorf("%q has no French text", key)
		}
	}
}

func TestLoadMessagesRejectsBrokenCatalogs(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no English", fstest.MapFS{"l/fr/queue.json": file(`{"queue.title": "Réponses"}`)}, `no message file for "en"`},
		{"area in one language", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue.title": "Réponses"}`), "l/fr/agenda.json": file(`{"agenda.title": "Agenda"}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "has files"},
		{"same key in two files", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue.title": "Réponses"}`), "l/fr/common.json": file(`{"queue.title": "File"}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`), "l/en/common.json": file(`{"common.x": "X"}`),
		}, "defined in"},
		{"same key twice in a file", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue.title": "Réponses", "queue.title": "File"}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "defined twice"},
		{"nested object", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue": {"title": "Réponses"}}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "must be a string"},
		{"empty text", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue.title": " "}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "empty key or text"},
		{"not an object", fstest.MapFS{
			"l/fr/queue.json": file(`["Réponses"]`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "not a JSON object"},
		{"text after the object", fstest.MapFS{
			"l/fr/queue.json": file(`{"queue.title": "Réponses"} {}`),
			"l/en/queue.json": file(`{"queue.title": "Replies"}`),
		}, "text after the object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadMessages(tc.files, "l")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
	m, err := loadMessages(fstest.MapFS{
		"l/fr/queue.json": file(`{"queue.title": "Réponses & commentaires", "queue.count": "%d réponse(s)"}`),
		"l/en/queue.json": file(`{"queue.title": "Replies & comments", "queue.count": "%d reply(ies)"}`),
	}, "l")
	if err != nil {
		t.Fatal(err)
	}
	if got := m["en"]["queue.title"]; got != "Replies & comments" {
		t.Errorf("en queue.title = %q", got)
	}
}

func TestTrFallsBack(t *testing.T) {
	for _, tc := range []struct{ lang, key, want string }{
		{"en", "login.failed", "Incorrect login or password"},
		{"fr", "login.failed", "Identifiant ou mot de passe incorrect"},
		{"de", "login.failed", "Identifiant ou mot de passe incorrect"},
		{"en", "no.such.key", "no.such.key"},
	} {
		if got := tr(tc.lang, tc.key); got != tc.want {
			t.Errorf("tr(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got := trf("en", "flash.assigned", 3, 1); got != "3 reply(ies) assigned; 1 failed." {
		t.Errorf("trf = %q", got)
	}
}

// templateKeyRE finds the keys templates translate: {{$.T "k"}}, {{.T "k"}},
// {{$.Tf "k" x}}.
var templateKeyRE = regexp.MustCompile(`\bTf?\s+"([^"]+)"`)

// templateBuiltKeyRE finds the keys templates build from a value:
// {{$.T (print "letters.status." .Status)}}, {{$.T (printf "menu.lang.%s" .)}}.
var templateBuiltKeyRE = regexp.MustCompile(`\bTf?\s+\(printf?\s+"([^"%]+)(?:%s)?"`)

// goSources holds what the catalog test reads of the Go code: every string
// literal, the keys passed as literals to the functions that translate, and
// the keys they build: tr(lang, "flash."+kind) is the pattern {"flash.", ""}.
type goSources struct {
	literals map[string]bool
	keys     map[string]string // key → where it is used
	patterns map[keyPattern]bool
}

type keyPattern struct{ prefix, suffix string }

// builtKey reads a key built as "prefix." + x [+ ".suffix"].
func builtKey(e ast.Expr) (keyPattern, bool) {
	var parts []ast.Expr
	var flatten func(ast.Expr)
	flatten = func(e ast.Expr) {
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		parts = append(parts, e)
	}
	flatten(e)
	if len(parts) < 2 {
		return keyPattern{}, false
	}
	str := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	prefix, ok := str(parts[0])
	if !ok {
		return keyPattern{}, false
	}
	suffix, _ := str(parts[len(parts)-1])
	return keyPattern{prefix, suffix}, true
}

func readGoSources(t *testing.T, globs ...string) goSources {
	t.Helper()
	src := goSources{literals: map[string]bool{}, keys: map[string]string{}, patterns: map[keyPattern]bool{}}
	fset := token.NewFileSet()
	for _, g := range globs {
		files, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind == token.STRING {
						if s, err := strconv.Unquote(n.Value); err == nil {
							src.literals[s] = true
						}
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok && id.Name == "TitleKey" {
						if b, ok := n.Value.(*ast.BasicLit); ok && b.Kind == token.STRING {
							if k, err := strconv.Unquote(b.Value); err == nil {
								src.keys[k] = fset.Position(n.Pos()).String()
							}
						}
					}
				case *ast.CallExpr:
					fn := ""
					switch f := n.Fun.(type) {
					case *ast.Ident:
						fn = f.Name
					case *ast.SelectorExpr:
						fn = f.Sel.Name
					}
					at := fset.Position(n.Pos()).String()
					lit := func(i int) (string, bool) {
						if i >= len(n.Args) {
							return "", false
						}
						b, ok := n.Args[i].(*ast.BasicLit)
						if !ok || b.Kind != token.STRING {
							return "", false
						}
						s, err := strconv.Unquote(b.Value)
						return s, err == nil
					}
					switch fn {
					case "tr", "trf", "T", "Tf", "errorPageIn":
						for _, a := range n.Args {
							if p, ok := builtKey(a); ok {
								src.patterns[p] = true
							}
						}
					}
					switch fn {
					case "tr", "trf":
						if k, ok := lit(1); ok {
							src.keys[k] = at
						}
					case "T", "Tf":
						if k, ok := lit(0); ok {
							src.keys[k] = at
						}
					case "setFlash":
						if k, ok := lit(1); ok {
							src.keys["flash."+k] = at
						}
					case "errorPage", "errorPageIn":
						if k, ok := lit(2); ok {
							src.keys["error."+k+".title"], src.keys["error."+k+".text"] = at, at
						}
					}
				}
				return true
			})
		}
	}
	return src
}

// TestCatalogKeysUsed fails when a page or handler uses a key the catalog
// does not have, and when the catalog has a key nothing uses.
func TestCatalogKeysUsed(t *testing.T) {
	used := map[string]string{}
	var built []keyPattern
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKeyRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = n
		}
		for _, m := range templateBuiltKeyRE.FindAllStringSubmatch(string(b), -1) {
			built = append(built, keyPattern{prefix: m[1]})
		}
	}
	web := readGoSources(t, "*.go")
	for _, p := range built {
		web.patterns[p] = true
	}
	// The values keys are built from may come from any package (a status
	// kind, a validation error's field, a letter's state).
	all := readGoSources(t, "../*/*.go", "../*/*/*.go")
	for k, at := range web.keys {
		used[k] = at
	}
	for key, at := range used {
		if _, ok := messages[defaultLang][key]; !ok {
			t.Errorf("%s uses %q, which the catalog does not have", at, key)
		}
	}
	for key := range messages[defaultLang] {
		if _, ok := used[key]; ok || web.literals[key] {
			continue
		}
		dynamic := false
		for d := range web.patterns {
			rest, ok := strings.CutPrefix(key, d.prefix)
			if !ok {
				continue
			}
			if rest, ok = strings.CutSuffix(rest, d.suffix); ok && all.literals[rest] {
				dynamic = true
				break
			}
		}
		if !dynamic {
			t.Errorf("%q is in the catalog but nothing uses it: remove it", key)
		}
	}
}

// literalAllowed are the words a template may show as they are: the brand,
// protocols, and the names of fields and variables admins type.
var literalAllowed = map[string]bool{
	"triage": true, "IMAP": true, "SMTP": true, "TLS": true, "STARTTLS": true, "UID": true,
	"API": true, "JSONL": true, "CSV": true, "JSON": true, "ECE": true, "F1": true,
}

var (
	actionRE    = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tagRE       = regexp.MustCompile(`(?s)<[^>]*>`)
	entityRE    = regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;|#[a-z_]+|\.[A-Z]\w*`) // entities, #hashtags, .Fields of prompts
	textAttrRE  = regexp.MustCompile(`\b(?:title|aria-label|placeholder|alt|label|data-confirm)="([^"]*)"`)
	wordRE      = regexp.MustCompile(`[\p{L}][\p{L}'’-]*[\p{L}]`)
	scriptBlock = regexp.MustCompile(`(?s)<(script|style|code)\b.*?</(script|style|code)>`) // code is not prose
)

// templateLiterals returns the words of a template shown to readers outside
// {{ }}: text between tags and the text attributes (title, aria-label…).
func templateLiterals(src string) []string {
	src = scriptBlock.ReplaceAllString(src, " ")
	src = actionRE.ReplaceAllString(src, " ")
	var texts []string
	for _, m := range textAttrRE.FindAllStringSubmatch(src, -1) {
		texts = append(texts, m[1])
	}
	texts = append(texts, tagRE.ReplaceAllString(src, " "))
	var words []string
	for _, s := range texts {
		for _, w := range wordRE.FindAllString(entityRE.ReplaceAllString(s, " "), -1) {
			if !literalAllowed[w] {
				words = append(words, w)
			}
		}
	}
	return words
}

func TestTemplateLiteralDetector(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`<h1>{{$.T "queue.title"}}</h1>`, nil},
		{`<h1>Réponses &amp; commentaires</h1>`, []string{"Réponses", "commentaires"}},
		{`<input placeholder="Client, facture" aria-label="{{$.T "x"}}">`, []string{"Client", "facture"}},
		{`<span class="badge">IMAP</span> <a href="/queue">triage</a>`, nil},
		{`<button title="Valider sans qualification">{{$.T "v"}}</button>`, []string{"Valider", "sans", "qualification"}},
		{`{{/* a comment in English */}}<p>{{.Name}} · {{.Count}}</p>`, nil},
	} {
		if got := templateLiterals(tc.src); !slices.Equal(got, tc.want) {
			t.Errorf("templateLiterals(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestTemplatesHaveNoLiteralText fails when a template shows words that do
// not come from the catalog.
func TestTemplatesHaveNoLiteralText(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		if words := templateLiterals(string(b)); len(words) > 0 {
			t.Errorf("%s shows text outside the catalog: %q", n, words)
		}
	}
}
