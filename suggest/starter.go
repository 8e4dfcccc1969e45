package suggest

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// The starter corpus: replies to payment reminders in French, English,
// German, Spanish and Italian, written and labelled by the team with the
// default status catalog. It is the prior of a tenant whose own history is
// small, and weighs less as the tenant's qualifications grow (see
// ModelOptions.Prior).
//
//go:embed starter/*.jsonl
var starterFS embed.FS

// StarterCase is one reply of the starter corpus, as written: quoted
// reminder and signature included.
type StarterCase struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
	Status  string `json:"status"`
	Lang    string `json:"lang"`
}

var starter = sync.OnceValues(func() ([]StarterCase, error) {
	files, err := fs.Glob(starterFS, "starter/*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("suggest: starter corpus: %w", err)
	}
	slices.Sort(files)
	var out []StarterCase
	for _, f := range files {
		b, err := starterFS.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("suggest: starter corpus: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			var c StarterCase
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				return nil, fmt.Errorf("suggest: starter corpus %s:%d: %w", f, n, err)
			}
			if c.Text == "" || c.Status == "" {
				return nil, fmt.Errorf("suggest: starter corpus %s:%d: text and status are required", f, n)
			}
			out = append(out, c)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("suggest: starter corpus %s: %w", f, err)
		}
	}
	return out, nil
})

// Starter returns the starter corpus. The slice is shared: do not modify it.
func Starter() ([]StarterCase, error) { return starter() }

// StarterHistory returns the starter corpus as history to learn from, each
// text isolated by clean (the body cleaning ingestion applies, so that the
// model sees the customer's words as it will see them in replies; nil keeps
// the texts as written).
func StarterHistory(clean func(string) string) ([]LabelledText, error) {
	cases, err := Starter()
	if err != nil {
		return nil, err
	}
	out := make([]LabelledText, 0, len(cases))
	for _, c := range cases {
		text := c.Text
		if clean != nil {
			if t := clean(text); strings.TrimSpace(t) != "" {
				text = t
			}
		}
		out = append(out, LabelledText{Text: text, Status: c.Status})
	}
	return out, nil
}
