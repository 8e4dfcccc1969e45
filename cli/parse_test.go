package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI (eval_test.go) runs the command with buffers for its output.

func emlPath(name string) string { return filepath.Join("..", "inbox", "testdata", "eml", name) }

func TestParseText(t *testing.T) {
	code, out, errs := runCLI("parse", emlPath("02_gmail_en_paid_pdf.eml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"from:         Tom Hargreaves <tom@hl-joinery.co.uk>",
		"subject:      Re: Payment reminder - invoice F-2026-00912 overdue",
		"message_id:   CAKx7TgW1q0hn3Rr+ZpA9Vv2sYy@mail.gmail.com",
		"date:         2026-11-16T09:12:44Z",
		"lang:         en",
		"auto_reply:   false",
		"bounce:       false",
		"invoice_refs: F-2026-00912",
		"  - Remittance_Advice_13112026.pdf (application/pdf, ",
		"possible remittance advice",
		"--- clean_text ---\nHi there,\n\nWe paid this on 13 November by BACS",
		"--- text ---",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseJSON(t *testing.T) {
	code, out, errs := runCLI("parse", "--json", emlPath("26_autoreply_fr_auto_submitted.eml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		From        string   `json:"from"`
		Subject     string   `json:"subject"`
		MessageID   string   `json:"message_id"`
		Date        string   `json:"date"`
		Text        string   `json:"text"`
		CleanText   string   `json:"clean_text"`
		Lang        string   `json:"lang"`
		AutoReply   bool     `json:"auto_reply"`
		ReturnDate  string   `json:"return_date"`
		Bounce      bool     `json:"bounce"`
		Attachments []any    `json:"attachments"`
		InvoiceRefs []string `json:"invoice_refs"`
		Warnings    []string `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got.From != "Claire Dumas <c.dumas@dumas-traiteur.fr>" || got.Subject != "Réponse automatique : Relance facture F-2026-10890" ||
		got.MessageID != "ooo-7e1c2d3f@dumas-traiteur.fr" || got.Date != "2026-11-24T07:58:41+01:00" || got.Lang != "fr" ||
		!got.AutoReply || got.ReturnDate != "2026-12-07" || got.Bounce || got.Attachments == nil || len(got.Attachments) != 0 ||
		len(got.InvoiceRefs) != 1 || got.InvoiceRefs[0] != "F-2026-10890" || got.Warnings == nil ||
		!strings.Contains(got.CleanText, "Je suis absente jusqu'au 7 décembre") || !strings.Contains(got.Text, "Claire Dumas") {
		t.Errorf("parse --json = %+v", got)
	}
	// Flags may follow the file.
	if code, out2, _ := runCLI("parse", emlPath("26_autoreply_fr_auto_submitted.eml"), "--json"); code != 0 || out2 != out {
		t.Errorf("FILE --json: exit %d, output differs", code)
	}
}

func TestParseBounce(t *testing.T) {
	code, out, errs := runCLI("parse", emlPath("35_dsn_postfix_bounce.eml"))
	if code != 0 || !strings.Contains(out, "bounce:       true (compta@ancien-client.fr)") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}

func TestParseNotAMessage(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.bin")
	if err := os.WriteFile(garbage, []byte("\x00\x01PK\x03\x04 this is a zip, not a mail\n\xff\xfe"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("parse", garbage)
	want := "triage parse: " + garbage + " is not an email message: no header found\n"
	if code != 1 || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, \"\", %q", code, out, errs, want)
	}
	empty := filepath.Join(dir, "empty.eml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI("parse", "--json", empty); code != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "is not an email message") {
		t.Errorf("empty file: exit %d, stderr %q", code, errs)
	}
}

func TestParseUsage(t *testing.T) {
	for _, args := range [][]string{{"parse"}, {"parse", "a.eml", "b.eml"}, {"parse", "--nope", "a.eml"}} {
		if code, _, errs := runCLI(args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 with usage", args, code, errs)
		}
	}
	if code, _, errs := runCLI("parse", filepath.Join(t.TempDir(), "missing.eml")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}
