package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// ingestUnreadable reads a 26 MB message of the customer, over the parser's
// limit, through the IMAP ingester, and runs its suggestion job; it returns
// the reply stored and the message.
func (f *fixture) ingestUnreadable(at time.Time) (triage.Reply, []byte) {
	f.t.Helper()
	ctx := context.Background()
	mb, err := f.db.CreateMailbox(ctx, store.Mailbox{TenantID: f.acme.ID, Name: "relances", Host: "imap.acme.example",
		Port: 993, TLSMode: "implicit", Username: "relances", PasswordRef: "env:IMAP_PASSWORD", Enabled: true})
	must(f.t, err)
	raw := append([]byte("From: Comptabilité <compta@boulangerie-martin.fr>\r\nTo: relances@acme.example\r\n"+
		"Subject: =?UTF-8?Q?Relev=C3=A9_de_mars?=\r\nMessage-ID: <releve-mars@boulangerie-martin.fr>\r\n"+
		"Date: Tue, 10 Mar 2026 08:12:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"),
		bytes.Repeat([]byte("F-2026-01187;2026-02-08;1245,60;EUR;ouverte\r\n"), 26<<20/45)...)
	ing := &inbox.Ingester{Service: f.svc, Customers: f.db, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	must(f.t, ing.Ingest(ctx, inbox.Fetched{Mailbox: inbox.Mailbox{ID: mb.ID, TenantID: f.acme.ID, Name: mb.Name},
		UIDValidity: 7, UID: 1, Raw: raw, Size: int64(len(raw)), Received: at}))
	rows, err := f.db.Queue(ctx, f.acme.ID, store.QueueFilter{Unreadable: true})
	must(f.t, err)
	if len(rows) != 1 {
		f.t.Fatalf("%d unreadable replies stored, want 1", len(rows))
	}
	_, err = f.svc.Suggest(ctx, f.acme.ID, rows[0].Reply.ID) // what the job does
	must(f.t, err)
	return rows[0].Reply, raw
}

// TestUnreadableReplyShown: a 26 MB message, over the parser's limit, goes
// through the IMAP ingester; the queue shows it flagged, in French and in
// English, filters on it, the reply page explains it in the collector's
// language with the parser's reason and the original to download, and a
// bulk accept leaves it for a person to read.
func TestUnreadableReplyShown(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	bad, raw := f.ingestUnreadable(time.Now().Add(-time.Hour))
	readable := f.ingest(f.customer, "Promesse F-2026-01302", "Nous réglerons la facture F-2026-01302 vendredi.", time.Now())

	b := f.loggedIn()
	row := func(body string, id int64) string {
		t.Helper()
		i := strings.Index(body, `<tr data-row data-href="`+path(triage.Reply{ID: id}, "")+`"`)
		if i < 0 {
			t.Fatalf("reply %d is not in the queue", id)
		}
		end := strings.Index(body[i:], "</tr>")
		return body[i : i+end]
	}
	tests := []struct {
		lang                                        string
		badge, excerpt, filter, explain, reasonName string
	}{
		{triage.LangFR, ">Illisible</span>", "Message illisible : ouvrez-le pour télécharger", "> illisibles</label>",
			"Ce message n&#39;a pas pu être lu automatiquement.", "Cause technique"},
		{triage.LangEN, ">Unreadable</span>", "Unreadable message: open it to download the original.", "> unreadable</label>",
			"This message could not be read automatically.", "Technical cause"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			must(t, f.db.SetUserLang(ctx, f.acme.ID, f.julie.ID, tc.lang))
			q := b.get("/queue?mine=0")
			if strings.Count(q.body, "<tr data-row") != 2 || !strings.Contains(q.body, tc.filter) {
				t.Fatalf("queue: %d rows, filter %q shown: %v", strings.Count(q.body, "<tr data-row"), tc.filter,
					strings.Contains(q.body, tc.filter))
			}
			if r := row(q.body, bad.ID); !strings.Contains(r, `class="badge unreadable"`) || !strings.Contains(r, tc.badge) ||
				!strings.Contains(r, tc.excerpt) || !strings.Contains(r, "Relevé de mars") || strings.Contains(r, "too large") {
				t.Errorf("unreadable row:\n%s", r)
			}
			if r := row(q.body, readable.ID); strings.Contains(r, "badge unreadable") || !strings.Contains(r, "vendredi") {
				t.Errorf("readable row:\n%s", r)
			}
			only := b.get("/queue?mine=0&unreadable=1")
			if n := strings.Count(only.body, "<tr data-row"); n != 1 || !strings.Contains(only.body, `name="unreadable" value="1" checked`) ||
				!strings.Contains(only.body, `<span class="count"`) || !strings.Contains(only.body, `">1</span>`) {
				t.Errorf("filtered queue: %d rows, want the unreadable one, box checked, count 1", n)
			}
			row(only.body, bad.ID)
			// The filter stays in the links that page or come back.
			if !strings.Contains(only.body, `name="return" value="/queue?mine=0&amp;unreadable=1"`) {
				t.Error("the return link of the filtered queue lost the filter")
			}

			p := b.get(path(bad, ""))
			for _, want := range []string{tc.badge, tc.explain, tc.reasonName, "<code>message too large: ",
				`href="/replies/` + itoa(bad.ID) + `/raw" download`} {
				if !strings.Contains(p.body, want) {
					t.Errorf("reply page lacks %q", want)
				}
			}
			if strings.Contains(p.body, `<pre class="text">`) || strings.Contains(p.body, "/original") {
				t.Error("the reply page shows the reason as the customer's words or a body it cannot parse")
			}
		})
	}

	resp, err := b.c.Get(b.base + path(bad, "raw"))
	must(t, err)
	got := read(t, resp)
	if got.status != http.StatusOK || got.body != string(raw) {
		t.Errorf("raw download: %d, %d bytes, want the %d bytes received", got.status, len(got.body), len(raw))
	}

	// Integrations see the flag beside the text, which is the reason.
	st, list := f.apiDo(http.MethodGet, "/api/v1/replies", f.apiToken(f.acme.ID, "erp"), "", "", "")
	flagged := map[float64]any{}
	for _, r := range list["replies"].([]any) {
		r := r.(map[string]any)
		flagged[r["id"].(float64)] = r["flags"]
	}
	if st != http.StatusOK || fmt.Sprint(flagged[float64(bad.ID)]) != "[unreadable]" || flagged[float64(readable.ID)] != nil {
		t.Errorf("API: %d, flags by reply %v", st, flagged)
	}

	csrf := field(t, b.get("/queue?mine=0"), csrfPattern)
	p := b.post("/queue/bulk", url.Values{"csrf": {csrf}, "action": {"accept"}, "confirm_low": {"1"}, "resolver": {"Service commercial"},
		"ids": {itoa(bad.ID), itoa(readable.ID)}, "return": {"/queue?mine=0"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("bulk accept = %d", p.status)
	}
	if back := b.get(p.location); !strings.Contains(back.body, "1 suggestion(s) accepted; 1 left for review") ||
		!strings.Contains(back.body, "unreadable message") {
		t.Error("the bulk accept's message does not say one reply was left, nor that an unreadable one may be")
	}
	for id, want := range map[int64]triage.ReplyState{bad.ID: triage.StatePending, readable.ID: triage.StateQualified} {
		if r, err := f.db.Reply(ctx, f.acme.ID, id); err != nil || r.State != want {
			t.Errorf("reply %d after bulk accept: %s, %v; want %s", id, r.State, err, want)
		}
	}
}
