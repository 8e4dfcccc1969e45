package bench

import (
	"bytes"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
)

// TestBacklogMessages checks that the generated backlog is what the imap
// section claims: distinct, parseable French and English replies of a few
// kB, with the reminder quoted and some PDF attachments, the same each time.
func TestBacklogMessages(t *testing.T) {
	const n = 300
	msgs, attached := backlogMessages(n)
	again, _ := backlogMessages(n)
	if len(msgs) != n {
		t.Fatalf("%d messages, want %d", len(msgs), n)
	}
	if attached < n/12 || attached > n/3 {
		t.Errorf("%d of %d messages with an attachment, want about one in six", attached, n)
	}
	ids := map[string]bool{}
	langs := map[string]int{}
	var pdfs, quoted int
	for i, raw := range msgs {
		if !bytes.Equal(raw, again[i]) {
			t.Fatalf("message %d differs between two generations", i)
		}
		if len(raw) < 1500 || len(raw) > 60000 {
			t.Errorf("message %d is %d bytes, want a few kB (up to 60 kB with its attachment)", i, len(raw))
		}
		m, err := inbox.ParseMessage(raw, inbox.DefaultLimits())
		if err != nil {
			t.Fatalf("message %d does not parse: %v\n%s", i, err, raw[:min(len(raw), 600)])
		}
		if ids[m.MessageID] || m.MessageID == "" {
			t.Errorf("message %d: Message-ID %q empty or repeated", i, m.MessageID)
		}
		ids[m.MessageID] = true
		langs[m.Lang]++
		if m.From.Email == "" || m.Subject == "" || m.CleanText == "" {
			t.Errorf("message %d: from %q, subject %q, clean text %q", i, m.From.Email, m.Subject, m.CleanText)
		}
		if strings.Contains(m.Quoted, "ACME Distribution") {
			quoted++
		}
		for _, a := range m.Attachments {
			if strings.HasSuffix(a.Name, ".pdf") {
				pdfs++
			}
		}
	}
	if pdfs != attached {
		t.Errorf("the parser found %d PDF attachments, the generator made %d", pdfs, attached)
	}
	if quoted < n*9/10 {
		t.Errorf("the quoted reminder was recognized in %d of %d messages", quoted, n)
	}
	if langs["fr"] < n/4 || langs["en"] < n/4 {
		t.Errorf("languages %v: want both French and English", langs)
	}
}
