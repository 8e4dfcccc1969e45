// Package prompts holds the versioned prompt templates that ask an LLM to
// qualify a reply: the defaults embedded in the binary, their documented
// variables, and the rendering every strategy and eval uses.
package prompts

import (
	"bytes"
	"embed"
	"text/template"
)

//go:embed defaults/*.tmpl
var defaultsFS embed.FS

// Data is everything a prompt template may use. Templates referring to a
// field that is not here fail validation when they are saved.
type Data struct {
	Company    string      // the tenant's company name
	Language   string      // the reply's language code, e.g. "fr"
	Catalog    []Status    // the status catalog
	Customer   string      // customer name and code
	Items      []Item      // the customer's open items
	Neighbours []Neighbour // similar past qualifications, as few-shot examples
	Reply      string      // the customer's new words (quotes and signature removed)
	Received   string      // when the reply arrived, YYYY-MM-DD
}

// Status is a catalog entry as prompts show it.
type Status struct{ Code, Label, Kind, Description string }

// Item is an open item as prompts show it.
type Item struct{ Number, Due, Open string }

// Neighbour is a past qualification as prompts show it.
type Neighbour struct{ Status, Text string }

// Version is a pair of templates: the system message and the user message.
type Version struct {
	Name   string
	System string
	User   string
}

// Default returns the embedded default version.
func Default() Version {
	sys, _ := defaultsFS.ReadFile("defaults/qualify.system.tmpl")
	usr, _ := defaultsFS.ReadFile("defaults/qualify.user.tmpl")
	return Version{Name: "default-v1", System: string(sys), User: string(usr)}
}

// Compiled is a parsed version, ready to render many times.
type Compiled struct {
	name         string
	system, user *template.Template
}

// Compile parses both templates and checks them against Data, so that a
// typo or an unknown variable is reported when an admin saves, not when a
// reply is suggested.
func Compile(v Version) (*Compiled, error) {
	c := &Compiled{name: v.Name}
	var err error
	if c.system, err = template.New("system").Option("missingkey=error").Parse(v.System); err != nil {
		return nil, &TemplateError{Version: v.Name, Part: PartSystem, Err: err}
	}
	if c.user, err = template.New("user").Option("missingkey=error").Parse(v.User); err != nil {
		return nil, &TemplateError{Version: v.Name, Part: PartUser, Err: err}
	}
	if _, _, err := c.Render(sample()); err != nil {
		return nil, err
	}
	return c, nil
}

// Name returns the version's name, recorded with every suggestion made with it.
func (c *Compiled) Name() string { return c.name }

// Render returns the system and user messages for d.
func (c *Compiled) Render(d Data) (system, user string, err error) {
	var s, u bytes.Buffer
	if err := c.system.Execute(&s, d); err != nil {
		return "", "", &TemplateError{Version: c.name, Part: PartSystem, Err: err}
	}
	if err := c.user.Execute(&u, d); err != nil {
		return "", "", &TemplateError{Version: c.name, Part: PartUser, Err: err}
	}
	return s.String(), u.String(), nil
}

// sample is a complete Data value that exercises every field.
func sample() Data {
	return Data{Company: "ACME", Language: "fr",
		Catalog:    []Status{{Code: "already_paid", Label: "Paiement effectué", Kind: "payment", Description: "d"}},
		Customer:   "Boulangerie Martin (C10042)",
		Items:      []Item{{Number: "F-1", Due: "2026-03-01", Open: "10,00 €"}},
		Neighbours: []Neighbour{{Status: "already_paid", Text: "payé hier"}},
		Reply:      "payé", Received: "2026-03-10"}
}
