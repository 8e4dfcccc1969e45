package inbox

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/triage-ar/triage/triage"
)

// hostileCase is a generated message built to exhaust the parser, with what
// the parser must make of it under DefaultLimits.
type hostileCase struct {
	name string
	raw  func() []byte
	// want is the sentinel error expected, nil for a message read degraded.
	want error
	// check inspects the message read when want is nil.
	check func(t *testing.T, m *Message)
	// maxAlloc bounds the bytes allocated while parsing, over the raw size:
	// generous (the race detector doubles some, and the first use of a
	// charset decoder builds its tables: a few hundred KB), but far below
	// what an unbounded parser would take.
	maxAlloc func(raw int) uint64
}

// hostileHeader starts every generated message: a French customer answering
// a reminder.
const hostileHeader = "From: =?utf-8?q?Soci=C3=A9t=C3=A9_Dupont?= <compta@dupont.fr>\r\n" +
	"To: relances@acme.example\r\n" +
	"Subject: RE: Relance facture FA-2026-0042\r\n" +
	"Date: Tue, 10 Mar 2026 09:12:00 +0100\r\n" +
	"Message-ID: <hostile@dupont.fr>\r\n" +
	"MIME-Version: 1.0\r\n"

// multipartOf wraps parts (each a part's header and body) in a
// multipart/mixed message.
func multipartOf(parts ...string) []byte {
	var b bytes.Buffer
	b.WriteString(hostileHeader + "Content-Type: multipart/mixed; boundary=\"=_fr\"\r\n\r\n")
	for _, p := range parts {
		b.WriteString("--=_fr\r\n" + p + "\r\n")
	}
	b.WriteString("--=_fr--\r\n")
	return b.Bytes()
}

// base64Lines encodes data as a mailer does, in 76-character lines.
func base64Lines(data []byte) string {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	b.Grow(len(enc) + len(enc)/76*2 + 2)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}

// nested is a message whose multiparts nest levels deep.
func nested(levels int) []byte {
	var b bytes.Buffer
	b.WriteString(hostileHeader + "Content-Type: multipart/mixed; boundary=n0\r\n\r\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "--n%d\r\nContent-Type: multipart/mixed; boundary=n%d\r\n\r\n", i-1, i)
	}
	fmt.Fprintf(&b, "--n%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJe paierai vendredi.\r\n", levels)
	for i := levels; i >= 0; i-- {
		fmt.Fprintf(&b, "--n%d--\r\n", i)
	}
	return b.Bytes()
}

// forwardedBase64 is a message attaching, base64-encoded, a message that
// attaches another the same way, levels deep: each level decodes the one
// inside it.
func forwardedBase64(levels int, inner []byte) []byte {
	msg := inner
	for range levels {
		msg = []byte(hostileHeader + "Content-Type: multipart/mixed; boundary=\"=_fr\"\r\n\r\n" +
			"--=_fr\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir le message transféré.\r\n" +
			"--=_fr\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			base64Lines(msg) + "--=_fr--\r\n")
	}
	return msg
}

func hostileCases() []hostileCase {
	linear := func(factor uint64, extra uint64) func(int) uint64 {
		return func(raw int) uint64 { return factor*uint64(raw) + extra }
	}
	const mb = 1 << 20
	return []hostileCase{
		{
			name: "25 MB message over the limit",
			raw: func() []byte {
				return append([]byte(hostileHeader+"\r\n"), bytes.Repeat([]byte("Ligne du relevé.\r\n"), DefaultMaxBytes/18+1)...)
			},
			want:     ErrTooLarge,
			maxAlloc: linear(0, mb), // refused before anything is read
		},
		{
			name: "20 MB attachment under the limit",
			raw: func() []byte {
				return multipartOf("Content-Type: text/plain; charset=utf-8\r\n\r\nCi-joint le justificatif de virement.",
					"Content-Type: application/pdf; name=virement.pdf\r\nContent-Disposition: attachment; filename=virement.pdf\r\n"+
						"Content-Transfer-Encoding: base64\r\n\r\n"+base64Lines(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0x42}, 14*mb)...)))
			},
			check: func(t *testing.T, m *Message) {
				if len(m.Attachments) != 1 || m.Attachments[0].Size != 14*mb+9 || !strings.Contains(m.Text, "justificatif") {
					t.Errorf("attachments %d, text %q", len(m.Attachments), m.Text)
				}
			},
			maxAlloc: linear(8, 0),
		},
		{
			name: "10 000-part multipart",
			raw: func() []byte {
				parts := make([]string, 10000)
				for i := range parts {
					parts[i] = fmt.Sprintf("Content-Type: text/plain\r\n\r\nInvoice INV-%05d paid.", i)
				}
				return multipartOf(parts...)
			},
			want:     ErrTooManyParts,
			maxAlloc: linear(0, 8*mb), // stops at the limit, not at the 10 000th part
		},
		{
			name:     "100-level nesting",
			raw:      func() []byte { return nested(100) },
			want:     ErrTooDeep,
			maxAlloc: linear(0, 2*mb),
		},
		{
			name: "1 MB header line",
			raw: func() []byte {
				return []byte(hostileHeader + "X-Junk: " + strings.Repeat("a", mb) + "\r\n\r\nbody\r\n")
			},
			want:     ErrTooLarge,
			maxAlloc: linear(0, mb), // read no further than the limit
		},
		{
			name: "1 MB folded References header",
			raw: func() []byte {
				var b strings.Builder
				b.WriteString(hostileHeader + "References:")
				for i := 0; b.Len() < mb; i++ {
					fmt.Fprintf(&b, " <relance-%d@acme.example>\r\n", i)
				}
				b.WriteString("\r\nbody\r\n")
				return []byte(b.String())
			},
			want:     ErrTooLarge,
			maxAlloc: linear(0, mb),
		},
		{
			name: "1 MB header line in a part",
			raw: func() []byte {
				return multipartOf("Content-Type: text/plain\r\nContent-Description: " + strings.Repeat("é", mb/2) + "\r\n\r\nPayé.")
			},
			want:     ErrTooLarge,
			maxAlloc: linear(0, 24*mb),
		},
		{
			name: "base64 text part decoding to 18 MB",
			raw: func() []byte {
				return multipartOf("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
					base64Lines(bytes.Repeat([]byte("Nous avons payé. "), 18*mb/18)))
			},
			check: func(t *testing.T, m *Message) {
				if len(m.Text) > DefaultMaxTextBytes || !slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.Contains(w, "truncated") }) {
					t.Errorf("text of %d bytes, warnings %q", len(m.Text), m.Warnings)
				}
			},
			maxAlloc: linear(8, 0),
		},
		{
			name: "base64 in base64 in base64",
			raw: func() []byte {
				inner := multipartOf("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(bytes.Repeat([]byte{0}, mb)))
				return forwardedBase64(5, inner)
			},
			check: func(t *testing.T, m *Message) {
				if !strings.Contains(m.Text, "transféré") {
					t.Errorf("text %q", headOf(m.Text, 200))
				}
			},
			maxAlloc: linear(24, 0),
		},
		{
			name: "invalid UTF-8 everywhere",
			raw: func() []byte {
				return []byte("From: \"Soci\xe9t\xe9 \xff\xfe Dupont\" <compta@dupont.fr>\r\nTo: relances@acme.example\r\n" +
					"Subject: =?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte("Facture \xc3\x28 pay\xe9e")) + "?= \xf0\x28\x8c\x28\r\n" +
					"Message-ID: <bad\xffutf8@dupont.fr>\r\nMIME-Version: 1.0\r\n" +
					"Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
					"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJ'ai pay\xe9 la facture \xed\xa0\x80 le 3 mars.\x00\r\n" +
					"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"re\xe7u\xff\x00.pdf\"\r\n\r\n%PDF-1.4\r\n" +
					"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''%C3%28%FF%00.pdf\r\n\r\n%PDF-1.4\r\n" +
					"--b--\r\n")
			},
			check: func(t *testing.T, m *Message) {
				if !strings.Contains(m.Text, "la facture") || len(m.Attachments) != 2 {
					t.Errorf("text %q, %d attachments", m.Text, len(m.Attachments))
				}
				for _, a := range m.Attachments {
					if !utf8.ValidString(a.Name) || strings.ContainsRune(a.Name, 0) || a.Name == "" {
						t.Errorf("attachment name %q", a.Name)
					}
				}
			},
			maxAlloc: linear(0, 4*mb),
		},
		{
			name: "unknown charset",
			raw: func() []byte {
				return []byte(hostileHeader + "Content-Type: text/plain; charset=x-klingon-\xff\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
					"Nous r\xe9glerons la facture FA-2026-0042 le 15 mars.\r\n")
			},
			check: func(t *testing.T, m *Message) {
				if !strings.Contains(m.Text, "réglerons") || !slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.Contains(w, "unknown charset") }) {
					t.Errorf("text %q, warnings %q", m.Text, m.Warnings)
				}
			},
			maxAlloc: linear(0, 4*mb),
		},
		{
			name: "boundary never closed, 999 parts",
			raw: func() []byte {
				var b bytes.Buffer
				b.WriteString(hostileHeader + "Content-Type: multipart/mixed; boundary=open\r\n\r\n")
				for i := range 998 {
					fmt.Fprintf(&b, "--open\r\nContent-Type: text/plain\r\n\r\nPart %d: I will pay on the 15th.\r\n", i)
				}
				return b.Bytes()
			},
			check: func(t *testing.T, m *Message) {
				if !strings.Contains(m.Text, "I will pay") {
					t.Errorf("text %q", headOf(m.Text, 200))
				}
			},
			maxAlloc: linear(0, 32*mb),
		},
	}
}

// allocated returns the bytes f allocates, read from the runtime's
// cumulative counter: the parse is single-threaded, and the noise of the
// rest of the test binary is small against the bounds asserted.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestParseMessageHostile(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.raw()
			var m *Message
			var err error
			got := allocated(func() { m, err = ParseMessage(raw, DefaultLimits()) })
			t.Logf("%d bytes parsed, %d bytes allocated", len(raw), got)
			if limit := tc.maxAlloc(len(raw)); got > limit {
				t.Errorf("parsing %d bytes allocated %d bytes, over the bound of %d", len(raw), got, limit)
			}
			if tc.want != nil {
				if !errors.Is(err, tc.want) || m != nil {
					t.Fatalf("ParseMessage = %v, %v; want %v", m, err, tc.want)
				}
				if strings.Contains(err.Error(), parserFailure) {
					t.Fatalf("the parser panicked: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMessage: %v", err)
			}
			checkInvariants(t, m)
			tc.check(t, m)
		})
	}
}

// TestIngestHostile runs the hostile messages through ingestion into the
// real store: every one is kept with its raw bytes, the refused ones
// flagged unreadable with the parser's reason in their text.
func TestIngestHostile(t *testing.T) {
	f := newFixture(t)
	mb := f.addMailbox(t, Mailbox{Name: "relances", Host: "imap.acme.example", Port: 993, TLS: "implicit",
		Username: "relances", PasswordRef: "env:IMAP_PASSWORD", Folder: "INBOX"})
	in := &Ingester{Service: f.svc, Customers: f.db, Log: testLog(t)}
	ctx := context.Background()
	for i, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			m := hostileFetched(mb, uint32(i+1), tc)
			if err := in.Ingest(ctx, m); err != nil {
				t.Fatalf("Ingest: %v", err)
			}
			checkHostileStored(t, f, m, tc)
		})
	}
}

// TestIngestHostileBatch stores all the hostile messages as one fetched
// batch (IngestBatch, what `triage serve` runs): the store refuses the
// batch's transaction for some of them, and every message is then kept
// one by one as TestIngestHostile keeps it, none lost, none twice, the
// checkpoint at the last.
func TestIngestHostileBatch(t *testing.T) {
	f := newFixture(t)
	mb := f.addMailbox(t, Mailbox{Name: "relances", Host: "imap.acme.example", Port: 993, TLS: "implicit",
		Username: "relances", PasswordRef: "env:IMAP_PASSWORD", Folder: "INBOX"})
	in := &Ingester{Service: f.svc, Customers: f.db, Log: testLog(t)}
	ctx := context.Background()
	cases := hostileCases()
	batch := make([]Fetched, len(cases))
	for i, tc := range cases {
		batch[i] = hostileFetched(mb, uint32(i+1), tc)
	}
	n, err := in.IngestBatch(ctx, batch)
	if err != nil || n != len(batch) {
		t.Fatalf("IngestBatch = %d, %v; want %d stored", n, err, len(batch))
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkHostileStored(t, f, batch[i], tc) })
	}
	var rows int
	if err := f.conn.QueryRow(ctx, `SELECT count(*) FROM reply WHERE mailbox_id = $1`, mb.ID).Scan(&rows); err != nil || rows != len(batch) {
		t.Errorf("%d replies stored (%v), want %d", rows, err, len(batch))
	}
	if _, last, err := f.db.MailboxCheckpoint(ctx, mb.TenantID, mb.ID); err != nil || last != uint32(len(batch)) {
		t.Errorf("checkpoint at UID %d (%v), want %d", last, err, len(batch))
	}
}

// hostileFetched is the hostile message tc as fetched with UID uid.
func hostileFetched(mb Mailbox, uid uint32, tc hostileCase) Fetched {
	raw := tc.raw()
	return Fetched{Mailbox: mb, UIDValidity: 1, UID: uid, Raw: raw,
		Received: time.Date(2026, 3, 10, 9, 12, 0, 0, time.UTC), Size: int64(len(raw))}
}

// checkHostileStored checks that m is stored once with its raw bytes, and
// flagged unreadable exactly when the parser refuses it.
func checkHostileStored(t *testing.T, f *fixture, m Fetched, tc hostileCase) {
	t.Helper()
	var stored []byte
	var text string
	var flags []string
	err := f.conn.QueryRow(context.Background(), `SELECT raw, text, flags FROM reply WHERE mailbox_id = $1 AND uid = $2`,
		m.Mailbox.ID, int64(m.UID)).Scan(&stored, &text, &flags)
	if err != nil {
		t.Fatalf("the reply is not stored: %v", err)
	}
	if !bytes.Equal(stored, m.Raw) {
		t.Errorf("raw: %d bytes stored, %d sent", len(stored), len(m.Raw))
	}
	unreadable := slices.Contains(flags, triage.FlagUnreadable)
	switch {
	case tc.want != nil && (!unreadable || !strings.Contains(text, tc.want.Error())):
		t.Errorf("refused message stored with flags %q, text %q", flags, text)
	case tc.want == nil && unreadable:
		t.Errorf("readable message stored unreadable: %q", text)
	}
}
