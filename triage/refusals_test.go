package triage

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fmtVerbRE finds the fmt verbs of a sentence, "%%" aside.
var fmtVerbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)

// TestRefusalCodesComplete reads the module's sources: every Code constant
// has an English sentence, every Invalid call names a declared code with as
// many values as its sentence takes, and every code is used.
func TestRefusalCodesComplete(t *testing.T) {
	declared := map[string]Code{}
	used := map[string]bool{}
	var calls []invalidCall // checked once every constant is declared
	files, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../*/*/*.go")
	fset := token.NewFileSet()
	for _, name := range append(files, more...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		inTriage := f.Name.Name == "triage" && filepath.Dir(name) == "../triage"
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Code" && inTriage {
					for i, name := range n.Names {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok {
							declared[name.Name] = Code(strings.Trim(lit.Value, `"`))
						}
					}
				}
			case *ast.CallExpr:
				var fn string
				switch f := n.Fun.(type) {
				case *ast.Ident:
					fn = f.Name
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				}
				if fn != "Invalid" || len(n.Args) < 2 {
					return true
				}
				at := fset.Position(n.Pos()).String()
				var code string
				switch a := n.Args[1].(type) {
				case *ast.Ident:
					code = a.Name
				case *ast.SelectorExpr:
					code = a.Sel.Name
				default:
					t.Errorf("%s: Invalid takes a Code constant, not %T", at, a)
					return true
				}
				used[code] = true
				if !n.Ellipsis.IsValid() {
					calls = append(calls, invalidCall{at: at, ident: code, args: len(n.Args) - 2})
				}
			}
			return true
		})
	}
	for _, call := range calls {
		c, ok := declared[call.ident]
		if !ok {
			t.Errorf("%s: %s is not a refusal code", call.at, call.ident)
			continue
		}
		if want := len(fmtVerbRE.FindAllString(c.English(), -1)); call.args != want {
			t.Errorf("%s: %s takes %d value(s), given %d", call.at, call.ident, want, call.args)
		}
	}
	if len(declared) < 30 {
		t.Fatalf("only %d Code constants found: the scan is broken", len(declared))
	}
	for ident, c := range declared {
		if c.English() == "" {
			t.Errorf("%s (%q) has no English sentence", ident, c)
		}
		if !used[ident] {
			t.Errorf("%s (%q) is never used: remove it", ident, c)
		}
	}
	if got := len(Codes()); got != len(declared) {
		t.Errorf("Codes() lists %d codes, %d are declared", got, len(declared))
	}
}

// invalidCall is a call to Invalid: where, the code's constant, and how
// many values it passes.
type invalidCall struct {
	at, ident string
	args      int
}

func TestInvalidKeepsTheEnglishMessage(t *testing.T) {
	tests := []struct {
		err  error
		code Code
		want string
	}{
		{Invalid("to", CodeNotEmail, "compta@dumas"), CodeNotEmail, `triage: to: "compta@dumas" is not an email address`},
		{Invalid("ids", CodeTooManyReplies, MaxBulk), CodeTooManyReplies, "triage: ids: at most 200 replies at once"},
		{Invalid("translation_en", CodeTranslationNoText, Language(LangEN)), CodeTranslationNoText,
			"triage: translation_en: the English translation has a subject but no text"},
		{Invalid("body", CodeUnknownHashtags, "#montant", "#customer_name"), CodeUnknownHashtags,
			"triage: body: unknown hashtag(s) #montant; known: #customer_name"},
	}
	for _, tt := range tests {
		v, ok := errors.AsType[*ValidationError](tt.err)
		if !ok {
			t.Fatalf("%v is not a *ValidationError", tt.err)
		}
		if v.Code != tt.code || tt.err.Error() != tt.want {
			t.Errorf("got code %q, %q; want %q, %q", v.Code, tt.err.Error(), tt.code, tt.want)
		}
	}
}
