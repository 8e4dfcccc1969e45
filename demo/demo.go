// Package demo seeds a demonstration tenant: ACME Distribution, its status
// catalog, three users, forty customers with open items, about three hundred
// past qualifications in French and English and thirty pending replies.
// The texts live in data/*.jsonl, written by hand to read like real replies.
package demo

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

//go:embed data/*.jsonl
var dataFS embed.FS

// Customer is a line of data/customers.jsonl.
type Customer struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Contact   string `json:"contact"`
	Email     string `json:"email"`
	Lang      string `json:"lang"`
	Country   string `json:"country"`
	Address   string `json:"address"` // postal, lines separated by "\n"
	Collector string `json:"collector"`
	Items     []Item `json:"items"`
}

// Item is an open item of a demo customer; days are relative to the seeding day.
type Item struct {
	Number     string  `json:"number"`
	Kind       string  `json:"kind"`
	IssuedDays int     `json:"issued_days"`
	DueDays    int     `json:"due_days"`
	Amount     float64 `json:"amount"`
	OpenAmount float64 `json:"open_amount"`
}

// Past is a line of data/history_*.jsonl: a reply a collector qualified.
type Past struct {
	Subject      string   `json:"subject"`
	Text         string   `json:"text"`
	Status       string   `json:"status"`
	Comment      string   `json:"comment"`
	Items        []string `json:"items"`
	FollowUpDays int      `json:"follow_up_days"`
	DaysAgo      int      `json:"days_ago"`
	Lang         string   `json:"lang"`
}

// Pending is a line of data/pending.jsonl: a reply waiting in the queue.
type Pending struct {
	Customer      string `json:"customer"`
	From          string `json:"from"`
	Subject       string `json:"subject"`
	Text          string `json:"text"`
	ReceivedHours int    `json:"received_hours"`
	Source        string `json:"source"`
	Lang          string `json:"lang"`
}

// Data is the whole demo data set.
type Data struct {
	Customers []Customer
	History   []Past
	Pending   []Pending
}

// Load reads the embedded demo data.
func Load() (Data, error) {
	var d Data
	if err := readJSONL("data/customers.jsonl", &d.Customers); err != nil {
		return d, err
	}
	if err := readJSONL("data/pending.jsonl", &d.Pending); err != nil {
		return d, err
	}
	hist, err := fs.Glob(dataFS, "data/history_*.jsonl")
	if err != nil {
		return d, fmt.Errorf("demo: %w", err)
	}
	for _, h := range hist {
		if err := readJSONL(h, &d.History); err != nil {
			return d, err
		}
	}
	return d, nil
}

func readJSONL[T any](name string, out *[]T) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("demo: %s:%d: %w", name, line, err)
		}
		*out = append(*out, v)
	}
	return sc.Err()
}
