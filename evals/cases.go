package evals

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Case is one labelled reply of an eval set or of a history file. Only Text
// and Status are required; status labels are free strings.
type Case struct {
	ID           string   `json:"id,omitempty"`
	Text         string   `json:"text"`
	Subject      string   `json:"subject,omitempty"`
	Status       string   `json:"status"`
	Items        []string `json:"items,omitempty"`
	FollowUpDays *int     `json:"follow_up_days,omitempty"`
	Lang         string   `json:"lang,omitempty"`
}

// MaxLine bounds one JSONL line (a case with a very long reply).
const MaxLine = 4 << 20

// Read parses JSONL cases. Blank lines are skipped; an error names the line.
// Cases without an id get "L<line>".
func Read(r io.Reader) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	var cases []Case
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		dec := json.NewDecoder(strings.NewReader(line))
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("evals: line %d: %w", n, err)
		}
		if strings.TrimSpace(c.Text) == "" {
			return nil, fmt.Errorf("evals: line %d: \"text\" is required", n)
		}
		if strings.TrimSpace(c.Status) == "" {
			return nil, fmt.Errorf("evals: line %d: \"status\" is required", n)
		}
		if c.ID == "" {
			c.ID = fmt.Sprintf("L%d", n)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("evals: %w", err)
	}
	return cases, nil
}
