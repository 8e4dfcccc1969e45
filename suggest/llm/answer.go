package llm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

// maxDateDistance bounds how far from the reply a follow-up date may be:
// a date further away is a misreading, not a promise.
const maxDateDistance = 2 * 366 * 24 * time.Hour

// rawAnswer is the model's JSON as sent.
type rawAnswer struct {
	Status       string   `json:"status"`
	Comment      string   `json:"comment"`
	Items        []string `json:"items"`
	FollowUpDate *string  `json:"follow_up_date"`
	ItemStatuses []struct {
		Item   string `json:"item"`
		Status string `json:"status"`
	} `json:"item_statuses"`
	Confidence *float64 `json:"confidence"`
}

// answer is a validated qualification from the model.
type answer struct {
	Status       string
	Comment      string
	Items        []string          // among the open items, without duplicates
	Date         *time.Time        // the follow-up date the reply gives, if any
	ItemStatuses map[string]string // nil unless two items have two different statuses
	Confidence   float64
}

// invalidAnswer lists what is wrong with an answer, in words the model
// can act on in a repair request.
type invalidAnswer struct{ problems []string }

func (e *invalidAnswer) Error() string {
	return "llm: invalid answer: " + strings.Join(e.problems, "; ")
}

// parseAnswer decodes and checks the model's text against the catalog,
// the customer's open items and the reply's date (ref).
func parseAnswer(text string, cat triage.Catalog, open []string, ref time.Time) (answer, error) {
	var raw rawAnswer
	if err := json.Unmarshal(unfence(text), &raw); err != nil {
		return answer{}, &invalidAnswer{[]string{fmt.Sprintf("the answer is not a JSON object of the schema (%v)", err)}}
	}
	var bad []string
	a := answer{Status: raw.Status, Comment: strings.TrimSpace(raw.Comment)}
	if _, ok := cat.Find(raw.Status); !ok {
		bad = append(bad, fmt.Sprintf("status %q is not one of the catalog's codes", raw.Status))
	}
	switch n := utf8.RuneCountInString(a.Comment); {
	case n == 0:
		bad = append(bad, "comment is empty")
	case n > suggest.MaxSummary:
		bad = append(bad, fmt.Sprintf("comment has %d characters, more than %d", n, suggest.MaxSummary))
	}
	for _, it := range raw.Items {
		if !slices.Contains(open, it) {
			bad = append(bad, fmt.Sprintf("item %q is not one of the customer's open items", it))
		} else if !slices.Contains(a.Items, it) {
			a.Items = append(a.Items, it)
		}
	}
	if d := raw.FollowUpDate; d != nil && strings.TrimSpace(*d) != "" {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(*d))
		switch {
		case err != nil:
			bad = append(bad, fmt.Sprintf("follow_up_date %q is not a date YYYY-MM-DD", *d))
		case t.Sub(triage.Day(ref)).Abs() > maxDateDistance:
			bad = append(bad, fmt.Sprintf("follow_up_date %s is more than two years from the reply (%s)", *d, ref.Format(time.DateOnly)))
		default:
			a.Date = &t
		}
	}
	statuses := map[string]string{}
	for _, is := range raw.ItemStatuses {
		switch _, known := cat.Find(is.Status); {
		case !slices.Contains(open, is.Item):
			bad = append(bad, fmt.Sprintf("item_statuses names %q, not one of the customer's open items", is.Item))
		case !known:
			bad = append(bad, fmt.Sprintf("item_statuses gives %q, not one of the catalog's codes", is.Status))
		default:
			statuses[is.Item] = is.Status
		}
	}
	if distinct(statuses) >= 2 {
		a.ItemStatuses = statuses
	}
	switch c := raw.Confidence; {
	case c == nil:
		bad = append(bad, "confidence is missing")
	case math.IsNaN(*c) || *c < 0 || *c > 1:
		bad = append(bad, fmt.Sprintf("confidence %v is not between 0 and 1", *c))
	default:
		a.Confidence = *c
	}
	if len(bad) > 0 {
		return answer{}, &invalidAnswer{bad}
	}
	return a, nil
}

// distinct counts the different statuses of m.
func distinct(m map[string]string) int {
	seen := map[string]bool{}
	for _, s := range m {
		seen[s] = true
	}
	return len(seen)
}

// unfence strips the Markdown code fence some models wrap JSON in.
func unfence(text string) []byte {
	b := bytes.TrimSpace([]byte(text))
	if !bytes.HasPrefix(b, []byte("```")) {
		return b
	}
	b = b[3:]
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	b = bytes.TrimSuffix(bytes.TrimSpace(b), []byte("```"))
	return bytes.TrimSpace(b)
}
