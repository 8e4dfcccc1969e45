package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/triage-ar/triage/inbox"
)

// runParse prints the normalized form of one raw message: what ingestion
// would store and what suggestions would read.
func runParse(_ context.Context, env *Env, args []string) error {
	fs := newFlags(env, "parse")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: triage parse [--json] FILE   (FILE may be - for standard input)")
		fs.PrintDefaults()
	}
	// FILE may come before or after the flags; "-" is a file, not a flag.
	var flags, files []string
	for _, a := range args {
		if a == "-" || !strings.HasPrefix(a, "-") {
			files = append(files, a)
		} else {
			flags = append(flags, a)
		}
	}
	if err := parse(fs, flags); err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: exactly one FILE is needed (- for standard input)", errUsage)
	}
	name := files[0]
	lim := inbox.DefaultLimits()
	raw, err := readInput(name, lim.MaxBytes)
	if err != nil {
		return err
	}
	m, err := inbox.ParseMessage(raw, lim)
	if err != nil {
		if errors.Is(err, inbox.ErrNotMessage) {
			return fmt.Errorf("%s is %w", name, err)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	out := newParseOutput(m)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	out.writeText(env.Stdout)
	return nil
}

// readInput reads FILE or standard input, one byte past max so that an
// oversized message is reported by the parser's limit.
func readInput(name string, max int64) ([]byte, error) {
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// parseOutput is the JSON shape of `triage parse --json`.
type parseOutput struct {
	From            string             `json:"from"`
	To              []string           `json:"to,omitempty"`
	Cc              []string           `json:"cc,omitempty"`
	Subject         string             `json:"subject"`
	MessageID       string             `json:"message_id"`
	InReplyTo       string             `json:"in_reply_to,omitempty"`
	References      []string           `json:"references,omitempty"`
	Date            string             `json:"date"`
	Text            string             `json:"text"`
	CleanText       string             `json:"clean_text"`
	Quoted          string             `json:"quoted,omitempty"`
	Lang            string             `json:"lang"`
	AutoReply       bool               `json:"auto_reply"`
	AutoReplyReason string             `json:"auto_reply_reason,omitempty"`
	ReturnDate      string             `json:"return_date,omitempty"`
	Bounce          bool               `json:"bounce"`
	BounceRcpts     []string           `json:"bounce_recipients,omitempty"`
	Attachments     []attachmentOutput `json:"attachments"`
	InvoiceRefs     []string           `json:"invoice_refs"`
	Warnings        []string           `json:"warnings"`
}

type attachmentOutput struct {
	Name           string `json:"name"`
	Type           string `json:"type"`
	Size           int    `json:"size"`
	Inline         bool   `json:"inline,omitempty"`
	RemittanceHint bool   `json:"remittance_hint"`
}

func newParseOutput(m *inbox.Message) parseOutput {
	o := parseOutput{
		From: m.From.String(), Subject: m.Subject, MessageID: m.MessageID, InReplyTo: m.InReplyTo,
		References: m.References, Text: m.Text, CleanText: m.CleanText, Quoted: m.Quoted, Lang: m.Lang,
		AutoReply: m.AutoReply, AutoReplyReason: m.AutoReplyReason, Bounce: m.Bounce, BounceRcpts: m.BounceRecipients,
		Attachments: []attachmentOutput{}, InvoiceRefs: m.InvoiceRefs, Warnings: m.Warnings,
	}
	for _, a := range m.To {
		o.To = append(o.To, a.String())
	}
	for _, a := range m.Cc {
		o.Cc = append(o.Cc, a.String())
	}
	if !m.Date.IsZero() {
		o.Date = m.Date.Format(time.RFC3339)
	}
	if m.ReturnDate != nil {
		o.ReturnDate = m.ReturnDate.Format(time.DateOnly)
	}
	for _, a := range m.Attachments {
		o.Attachments = append(o.Attachments, attachmentOutput{Name: a.Name, Type: a.ContentType, Size: a.Size, Inline: a.Inline, RemittanceHint: a.RemittanceHint})
	}
	if o.InvoiceRefs == nil {
		o.InvoiceRefs = []string{}
	}
	if o.Warnings == nil {
		o.Warnings = []string{}
	}
	return o
}

// writeText prints the message for a reader: fields first, then the texts.
func (o parseOutput) writeText(w io.Writer) {
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-13s %s\n", k+":", v)
		}
	}
	field("from", o.From)
	field("to", strings.Join(o.To, ", "))
	field("cc", strings.Join(o.Cc, ", "))
	field("subject", o.Subject)
	field("message_id", o.MessageID)
	field("in_reply_to", o.InReplyTo)
	date := o.Date
	if date == "" {
		date = "(none)"
	}
	field("date", date)
	lang := o.Lang
	if lang == "" {
		lang = "(unsure)"
	}
	field("lang", lang)
	auto := fmt.Sprint(o.AutoReply)
	if o.AutoReply {
		auto += " (" + o.AutoReplyReason + ")"
		if o.ReturnDate != "" {
			auto += ", back " + o.ReturnDate
		}
	}
	field("auto_reply", auto)
	bounce := fmt.Sprint(o.Bounce)
	if len(o.BounceRcpts) > 0 {
		bounce += " (" + strings.Join(o.BounceRcpts, ", ") + ")"
	}
	field("bounce", bounce)
	field("invoice_refs", strings.Join(o.InvoiceRefs, ", "))
	fmt.Fprintf(w, "%-13s %d\n", "attachments:", len(o.Attachments))
	for _, a := range o.Attachments {
		hint := ""
		if a.RemittanceHint {
			hint = ", possible remittance advice"
		}
		fmt.Fprintf(w, "  - %s (%s, %d bytes%s)\n", a.Name, a.Type, a.Size, hint)
	}
	if len(o.Warnings) > 0 {
		fmt.Fprintln(w, "warnings:")
		for _, s := range o.Warnings {
			fmt.Fprintf(w, "  - %s\n", s)
		}
	}
	fmt.Fprintf(w, "\n--- clean_text ---\n%s\n", o.CleanText)
	fmt.Fprintf(w, "\n--- text ---\n%s\n", o.Text)
}
