package inbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func TestResolvePassword(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pw")
	os.WriteFile(file, []byte("from-file\n"), 0o600)
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	env := map[string]string{"AR_PW": "from-env"}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		ref, want string
		err       error
	}{
		{"env:AR_PW", "from-env", nil},
		{"file:" + file, "from-file", nil},
		{"env:MISSING", "", ErrPassword},
		{"file:" + filepath.Join(dir, "nope"), "", ErrPassword},
		{"file:" + empty, "", ErrPassword},
	}
	for _, tt := range tests {
		got, err := ResolvePassword(tt.ref, getenv)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ResolvePassword(%q) = %q, %v; want %q, %v", tt.ref, got, err, tt.want, tt.err)
		}
	}
	for _, bad := range []string{"", "hunter2", "env:", "env:1X", "env:A B", "file:relative/path", "vault:x"} {
		err := CheckPasswordRef(bad)
		if err == nil {
			t.Errorf("CheckPasswordRef(%q) accepted", bad)
		} else if bad == "hunter2" && strings.Contains(err.Error(), bad) {
			t.Errorf("the error %q echoes what may be a password", err)
		}
	}
}

func TestMailboxValidate(t *testing.T) {
	good := Mailbox{Name: "ar", Host: "imap.example.com", Port: 993, TLS: TLSImplicit, Username: "ar@example.com",
		PasswordRef: "env:AR_PW"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*Mailbox){
		"name":      func(m *Mailbox) { m.Name = "a b" },
		"host":      func(m *Mailbox) { m.Host = "" },
		"host url":  func(m *Mailbox) { m.Host = "imap://x" },
		"port":      func(m *Mailbox) { m.Port = 0 },
		"tls":       func(m *Mailbox) { m.TLS = "ssl" },
		"user":      func(m *Mailbox) { m.Username = "" },
		"password":  func(m *Mailbox) { m.PasswordRef = "secret" },
		"processed": func(m *Mailbox) { m.ProcessedFolder = "INBOX" },
	} {
		m := good
		mod(&m)
		if err := m.Validate(); err == nil {
			t.Errorf("%s: %+v accepted", name, m)
		}
	}
	v6 := good
	v6.Host = "::1"
	if err := v6.Validate(); err != nil {
		t.Errorf("an IPv6 address is a host: %v", err)
	}
	if got := good.String(); strings.Contains(got, "AR_PW") || !strings.Contains(got, "imap.example.com:993") {
		t.Errorf("String() = %q", got)
	}
}

func TestSenderAddress(t *testing.T) {
	for in, want := range map[string]string{
		"compta@dupont.fr":                    "compta@dupont.fr",
		"Paul Dupont <Paul.Dupont@Dupont.FR>": "paul.dupont@dupont.fr",
		`"Dupont, Paul" <paul@dupont.fr>`:     "paul@dupont.fr",
		"=?utf-8?q?J=C3=BCrgen?= <j@x.de>":    "j@x.de",
		"broken <<j@x.de>":                    "j@x.de",
		"no address":                          "",
		"":                                    "",
		"@nowhere":                            "",
	} {
		if got := senderAddress(in); got != want {
			t.Errorf("senderAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakeDirectory matches like the store does, over a map of customer emails.
type fakeDirectory map[int64][]string

func (d fakeDirectory) CustomersByEmail(_ context.Context, _ int64, addr string) ([]int64, error) {
	return d.find(func(e string) bool { return strings.EqualFold(e, addr) }), nil
}

func (d fakeDirectory) CustomersByEmailDomain(_ context.Context, _ int64, domain string) ([]int64, error) {
	return d.find(func(e string) bool { return strings.HasSuffix(strings.ToLower(e), "@"+domain) }), nil
}

func (d fakeDirectory) find(ok func(string) bool) []int64 {
	var ids []int64
	for id, emails := range d {
		if slices.ContainsFunc(emails, ok) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestMatchSender(t *testing.T) {
	dir := fakeDirectory{
		1: {"compta@dupont.fr"},
		2: {"ap@martin.de", "shared@group.com"},
		3: {"billing@group.com", "shared@group.com"},
		4: {"boss@gmail.com"},
	}
	tests := []struct {
		from string
		want int64 // 0: unmatched
	}{
		{"Compta <COMPTA@dupont.fr>", 1}, // address, any case
		{"paul@dupont.fr", 1},            // the one customer of the domain
		{"hans@martin.de", 2},
		{"shared@group.com", 0}, // an address two customers share: ambiguous
		{"other@group.com", 0},  // a domain two customers share: ambiguous
		{"boss@gmail.com", 4},   // a known free-mail address matches…
		{"other@gmail.com", 0},  // …but a free-mail domain never does
		{"nobody@nowhere.org", 0},
		{"", 0},
	}
	for _, tt := range tests {
		got, err := MatchSender(context.Background(), dir, 1, tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if (got == nil) != (tt.want == 0) || got != nil && *got != tt.want {
			t.Errorf("MatchSender(%q) = %v, want %d", tt.from, deref(got), tt.want)
		}
	}
}

func TestBackoffGrowsWithJitterWithinBounds(t *testing.T) {
	o := PollOptions{BackoffMin: 100 * time.Millisecond, BackoffMax: 2 * time.Second}.withDefaults()
	var b backoff
	for i := range 12 {
		ceil := min(o.BackoffMin<<i, o.BackoffMax)
		d := b.next(o)
		if d < ceil/2 || d >= ceil {
			t.Errorf("attempt %d: %v, want in [%v, %v)", i, d, ceil/2, ceil)
		}
	}
	b.reset()
	if d := b.next(o); d >= o.BackoffMin {
		t.Errorf("after reset: %v, want under %v", d, o.BackoffMin)
	}
}

func TestPollOptionsDefaults(t *testing.T) {
	o := PollOptions{}.withDefaults()
	if o.PollInterval != time.Minute || o.BatchSize != 100 || o.IdleTimeout <= 0 || o.BackoffMin <= 0 ||
		o.BackoffMax < o.BackoffMin || o.LockRetry <= 0 || o.MaxMessageBytes <= 0 || o.BatchBytes <= 0 {
		t.Errorf("defaults = %+v", o)
	}
}

func TestNextBatch(t *testing.T) {
	p := &Poller{opts: PollOptions{BatchSize: 3, BatchBytes: 100, MaxMessageBytes: 1000}.withDefaults()}
	refs := []msgRef{{1, 10}, {2, 10}, {3, 10}, {4, 10}, {5, 60}, {6, 60}, {7, 5000}, {8, 1}}
	var got [][]uint32
	for len(refs) > 0 {
		b := p.nextBatch(refs)
		refs = refs[len(b):]
		var uids []uint32
		for _, r := range b {
			uids = append(uids, uint32(r.uid))
		}
		got = append(got, uids)
	}
	want := [][]uint32{{1, 2, 3}, {4, 5}, {6}, {7}, {8}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("batches = %v, want %v", got, want)
	}
}

func TestMsgID(t *testing.T) {
	for in, want := range map[string]string{
		"<a@b>":              "a@b",
		"  <a@b> (comment)":  "a@b",
		"<a@b> <c@d>":        "a@b",
		"bare@id":            "bare@id",
		"":                   "",
		"<unterminated@id":   "<unterminated@id",
		"Re: <x@y> and more": "x@y",
	} {
		if got := msgID(in); got != want {
			t.Errorf("msgID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"a@b": "a@b", "a\x00b@c": "", "\xffx@y": "", strings.Repeat("x", 999): ""} {
		if got := plainID(in); got != want {
			t.Errorf("plainID(%q) = %q, want %q", in, got, want)
		}
	}
	a, b := contentID([]byte("x")), contentID([]byte("y"))
	if a == b || a != contentID([]byte("x")) || !strings.HasPrefix(a, "sha256-") || !strings.HasSuffix(a, "@triage.local") {
		t.Errorf("contentID: %q %q", a, b)
	}
}

// recordingService records what Ingest is given and fails on demand.
type recordingService struct {
	got  []triage.NewReply
	fail func(triage.NewReply) error
}

func (s *recordingService) Ingest(_ context.Context, in triage.NewReply) (triage.Reply, error) {
	if s.fail != nil {
		if err := s.fail(in); err != nil {
			return triage.Reply{}, err
		}
	}
	s.got = append(s.got, in)
	return triage.Reply{}, nil
}

func TestIngesterKeepsEveryMessage(t *testing.T) {
	mb := Mailbox{ID: 4, TenantID: 9, Name: "ar"}
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	fetched := func(raw string) Fetched {
		return Fetched{Mailbox: mb, UIDValidity: 77, UID: 5, Raw: []byte(raw), Received: at, Size: int64(len(raw))}
	}
	good := string(testMessage("ok@x", "Compta <compta@dupont.fr>", "RE: relance", "Payé le 3."))
	garbage := "\x00\x01 not a message \xff"

	t.Run("parsed", func(t *testing.T) {
		svc := &recordingService{}
		in := &Ingester{Service: svc, Customers: fakeDirectory{42: {"compta@dupont.fr"}}, Log: quietLog}
		if err := in.Ingest(context.Background(), fetched(good)); err != nil {
			t.Fatal(err)
		}
		r := svc.got[0]
		if r.TenantID != 9 || r.Source != triage.SourceIMAP || r.MailboxID != 4 || r.UIDValidity != 77 || r.UID != 5 ||
			r.MessageID != "ok@x" || !r.ReceivedAt.Equal(at) || r.CustomerID == nil || *r.CustomerID != 42 ||
			string(r.Raw) != good || len(r.Flags) != 0 || r.Text == "" {
			t.Errorf("reply = %+v", r)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		svc := &recordingService{}
		in := &Ingester{Service: svc, Log: quietLog}
		if err := in.Ingest(context.Background(), fetched(garbage)); err != nil {
			t.Fatal(err)
		}
		r := svc.got[0]
		// The text is the parser's reason alone; the pages translate what it means.
		_, perr := parseReply([]byte(garbage), Limits{})
		if !slices.Equal(r.Flags, []string{triage.FlagUnreadable}) || string(r.Raw) != garbage || r.UID != 5 ||
			r.MessageID != contentID([]byte(garbage)) || perr == nil || r.Text != safeText(perr.Error()) ||
			strings.ContainsRune(r.Text, 0) {
			t.Errorf("reply = %+v", r)
		}
	})
	t.Run("parser panic", func(t *testing.T) {
		svc := &recordingService{}
		in := &Ingester{Service: svc, Customers: fakeDirectory{42: {"compta@dupont.fr"}}, Log: quietLog,
			parse: func([]byte, Limits) (triage.NewReply, error) { panic("boom") }}
		if err := in.Ingest(context.Background(), fetched(good)); err != nil {
			t.Fatal(err)
		}
		// What the header says is kept, and the customer still matched.
		if r := svc.got[0]; !slices.Contains(r.Flags, triage.FlagUnreadable) || r.MessageID != "ok@x" ||
			!strings.Contains(r.Text, "boom") || r.Subject != "RE: relance" || r.CustomerID == nil || *r.CustomerID != 42 {
			t.Errorf("reply = %+v", r)
		}
	})
	t.Run("refused by the store", func(t *testing.T) {
		svc := &recordingService{fail: func(r triage.NewReply) error {
			if len(r.Flags) == 0 {
				return errors.New(`invalid byte sequence for encoding "UTF8": 0x00`)
			}
			return nil
		}}
		in := &Ingester{Service: svc, Log: quietLog}
		if err := in.Ingest(context.Background(), fetched(good)); err != nil {
			t.Fatal(err)
		}
		if len(svc.got) != 1 || !slices.Contains(svc.got[0].Flags, triage.FlagUnreadable) || svc.got[0].UID != 5 {
			t.Errorf("stored = %+v", svc.got)
		}
	})
	t.Run("store down", func(t *testing.T) {
		down := errors.New("connection refused")
		svc := &recordingService{fail: func(triage.NewReply) error { return down }}
		in := &Ingester{Service: svc, Log: quietLog}
		if err := in.Ingest(context.Background(), fetched(good)); !errors.Is(err, down) {
			t.Errorf("err = %v, want the store's error so that the poller retries", err)
		}
	})
}
