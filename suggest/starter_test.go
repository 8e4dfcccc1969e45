package suggest_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// TestStarterCorpus: every case is labelled with a default status, in a
// language it says, and the corpus has at least 50 cases per status (issue 11).
func TestStarterCorpus(t *testing.T) {
	cases, err := suggest.Starter()
	if err != nil {
		t.Fatal(err)
	}
	perStatus := map[string]int{}
	ids := map[string]bool{}
	for _, c := range cases {
		if _, ok := triage.DefaultCatalog().Find(c.Status); !ok {
			t.Errorf("%s: status %q is not in the default catalog", c.ID, c.Status)
		}
		if ids[c.ID] {
			t.Errorf("id %s twice", c.ID)
		}
		ids[c.ID] = true
		if !strings.HasPrefix(c.ID, "st-"+c.Lang+"-") {
			t.Errorf("%s: lang %q", c.ID, c.Lang)
		}
		perStatus[c.Status]++
	}
	for _, st := range triage.DefaultCatalog() {
		if perStatus[st.Code] < 50 {
			t.Errorf("status %s: %d starter cases", st.Code, perStatus[st.Code])
		}
	}
}

// shingles are the word 5-grams of a reply's own words (quotes and
// signature cut), lower-cased.
func shingles(text string) map[string]bool {
	words := strings.Fields(strings.ToLower(inbox.CleanBody(text).Text))
	out := map[string]bool{}
	for i := 0; i+5 <= len(words); i++ {
		out[strings.Join(words[i:i+5], " ")] = true
	}
	return out
}

// TestStarterNotInEvalSets: no starter case, nor a near duplicate of one
// (half its word 5-grams shared), is in an eval set: evals measure what the
// starter did not teach.
func TestStarterNotInEvalSets(t *testing.T) {
	cases, err := suggest.Starter()
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		id string
		sh map[string]bool
	}
	var starter []doc
	for _, c := range cases {
		if sh := shingles(c.Text); len(sh) >= 3 {
			starter = append(starter, doc{c.ID, sh})
		}
	}
	files, err := filepath.Glob("../evals/testdata/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no eval set found: %v", err)
	}
	checked := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 4<<20)
		for sc.Scan() {
			var c struct{ ID, Text string }
			if json.Unmarshal(sc.Bytes(), &c) != nil || c.Text == "" {
				continue
			}
			sh := shingles(c.Text)
			if len(sh) < 3 {
				continue // "payé", "ok": too short to be anyone's copy
			}
			checked++
			for _, s := range starter {
				common := 0
				for k := range sh {
					if s.sh[k] {
						common++
					}
				}
				if float64(common) >= 0.5*float64(min(len(sh), len(s.sh))) {
					t.Errorf("%s %s is a near duplicate of starter case %s (%d shared 5-grams)", filepath.Base(f), c.ID, s.id, common)
				}
			}
		}
		fh.Close()
	}
	if checked < 100 {
		t.Errorf("only %d eval cases checked", checked)
	}
}
