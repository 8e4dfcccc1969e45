// Package letters composes the postal letters triage sends to customers
// (simple letters, registered letters with acknowledgment of receipt and
// electronic registered letters) from an admin's template with #hashtags,
// and renders them as A4 PDF with the company's letterhead.
package letters

import (
	"time"

	"github.com/triage-ar/triage/triage"
)

// Kind is how a letter is sent, which the letter itself mentions.
type Kind string

// Kinds of letters (seed 004).
const (
	KindSimple     Kind = "simple"     // lettre simple
	KindRegistered Kind = "registered" // lettre recommandée avec accusé de réception (LRAR)
	KindElectronic Kind = "electronic" // envoi recommandé électronique (ERE)
)

// Valid reports whether k is one of the kinds triage sends.
func (k Kind) Valid() bool {
	return k == KindSimple || k == KindRegistered || k == KindElectronic
}

// Letterhead is the sending company as printed at the top and bottom of
// every letter.
type Letterhead struct {
	Name    string
	Address string // lines separated by "\n"; its last line gives the place of the date line
	Legal   string // legal mentions of the footer (company form, capital, registration)
	Logo    []byte // PNG or JPEG checked with CheckLogo; nil when there is none
}

// Recipient is the customer a letter is addressed to.
type Recipient struct {
	Name    string
	Code    string
	Address string // lines separated by "\n", placed in the envelope's window
}

// Letter is one letter to render: a template and the values of its
// hashtags for one customer.
type Letter struct {
	Kind Kind
	// Lang is "fr" or "en": typography, dates, amounts, table headings and
	// mentions. Any other value is written in French.
	Lang    string
	Head    Letterhead
	To      Recipient
	Date    time.Time // the letter's date, which is also #today
	Subject string    // may contain #hashtags
	Body    string    // the template body with #hashtags, checked with CheckTemplate
	// Values are the text hashtags (#customer_name, #total_due,
	// #collector_name...). A missing company or customer hashtag falls back
	// on Head and To.
	Values triage.HashtagValues
	// Items are the open items of #items_list, Selected those of
	// #items_list_selected.
	Items, Selected []triage.Item
}

// lang is the language the letter is written in.
func (l Letter) lang() string {
	if l.Lang == triage.LangEN {
		return triage.LangEN
	}
	return triage.LangFR
}
