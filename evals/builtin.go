package evals

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The team's labelled reply sets, shipped so that a tenant can measure a
// strategy before it has validated anything of its own.
//
//go:embed testdata/ar_*.jsonl
var builtinFS embed.FS

// Builtin lists the built-in sets by name ("ar_fr"…).
func Builtin() []string {
	files, _ := fs.Glob(builtinFS, "testdata/ar_*.jsonl")
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(path.Base(f), ".jsonl"))
	}
	slices.Sort(out)
	return out
}

// BuiltinCases reads a built-in set.
func BuiltinCases(name string) ([]Case, error) {
	if !slices.Contains(Builtin(), name) {
		return nil, fmt.Errorf("evals: no built-in set %q", name)
	}
	b, err := builtinFS.ReadFile("testdata/" + name + ".jsonl")
	if err != nil {
		return nil, fmt.Errorf("evals: %w", err)
	}
	return Read(bytes.NewReader(b))
}
