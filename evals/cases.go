package evals

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Case is one labelled reply of an eval set or of a history file. Only Text
// and Status are required; status labels are free strings.
type Case struct {
	ID      string `json:"id,omitempty"`
	Text    string `json:"text"`
	Subject string `json:"subject,omitempty"`
	Status  string `json:"status"`
	// Items are the customer's items the reply concerns, among OpenItems.
	Items []string `json:"items,omitempty"`
	// FollowUpDays is the gold follow-up: that many calendar days after
	// Received (a promised date + 1, an absence's return date, moved to a
	// business day).
	FollowUpDays *int   `json:"follow_up_days,omitempty"`
	Lang         string `json:"lang,omitempty"`
	// Received is the day the reply arrived (YYYY-MM-DD); relative dates
	// ("next Friday") are read from it. Default: the day of the run.
	Received string `json:"received,omitempty"`
	// OpenItems are the customer's open items when the reply arrived: the
	// items a suggestion may choose from.
	OpenItems []string `json:"open_items,omitempty"`
	// ItemStatuses gives each item its status when the reply mixes intents.
	ItemStatuses map[string]string `json:"item_statuses,omitempty"`
	// Tags name the hard axes a case belongs to (multi_intent, short…);
	// accuracy is reported per tag.
	Tags []string `json:"tags,omitempty"`
}

// ReceivedAt returns the day the case's reply arrived, or def when the
// case does not say.
func (c Case) ReceivedAt(def time.Time) (time.Time, error) {
	if c.Received == "" {
		return def, nil
	}
	d, err := time.Parse(time.DateOnly, c.Received)
	if err != nil {
		return def, fmt.Errorf("evals: case %s: received %q: want YYYY-MM-DD", c.ID, c.Received)
	}
	return d, nil
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
		if _, err := c.ReceivedAt(time.Time{}); err != nil {
			return nil, fmt.Errorf("evals: line %d: %w", n, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("evals: %w", err)
	}
	return cases, nil
}
