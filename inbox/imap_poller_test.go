package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

func TestPollerStoresEachMessageOnce(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	for i := range 25 {
		srv.append(t, "INBOX", numbered(i))
	}
	f.pollOnce(t, m, PollOptions{BatchSize: 10}, nil)
	f.assertExactlyOnce(t, 25)
	if v, last := f.checkpoint(t, m); v == 0 || last != 25 {
		t.Errorf("checkpoint = (%d, %d), want (uidvalidity, 25)", v, last)
	}

	// A restart resumes after the checkpoint: nothing read twice.
	for i := 25; i < 30; i++ {
		srv.append(t, "INBOX", numbered(i))
	}
	var uids []uint32
	r := f.pollOnce(t, m, PollOptions{BatchSize: 10}, nil)
	for len(r.ingested) > 0 {
		uids = append(uids, <-r.ingested)
	}
	if !slices.Equal(uids, []uint32{26, 27, 28, 29, 30}) {
		t.Errorf("after a restart the poller read UIDs %v, want 26..30", uids)
	}
	f.assertExactlyOnce(t, 30)

	// Each reply knows where it came from; flags on the server are untouched.
	var n int
	f.conn.QueryRow(context.Background(), `SELECT count(*) FROM reply WHERE mailbox_id = $1 AND uid BETWEEN 1 AND 30
		AND source = 'imap' AND raw IS NOT NULL AND text <> '' AND flags = '{}'`, m.ID).Scan(&n)
	if n != 30 {
		t.Errorf("%d replies with their mailbox position, raw and text, want 30", n)
	}
	if total, seen := srv.count(t, "INBOX"); total != 30 || seen != 0 {
		t.Errorf("INBOX holds %d messages, %d seen; want 30, none seen (BODY.PEEK)", total, seen)
	}
}

func TestPollerMarksSeenWhenAsked(t *testing.T) {
	f, srv, m := memFixture(t, func(m *Mailbox) { m.MarkSeen = true })
	for i := range 3 {
		srv.append(t, "INBOX", numbered(i))
	}
	f.pollOnce(t, m, PollOptions{}, nil)
	if total, seen := srv.count(t, "INBOX"); total != 3 || seen != 3 {
		t.Errorf("INBOX holds %d messages, %d seen; want 3, all seen", total, seen)
	}
}

func TestPollerResyncsWhenUIDValidityChanges(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	var msgs [][]byte
	for i := range 10 {
		msgs = append(msgs, numbered(i))
	}
	noID := testMessage("", "ap@martin.de", "Paiement", "Payé hier par virement.")
	msgs = append(msgs, noID)
	for _, raw := range msgs {
		srv.append(t, "INBOX", raw)
	}
	f.pollOnce(t, m, PollOptions{}, nil)
	f.assertExactlyOnce(t, 11)
	oldValidity, _ := f.checkpoint(t, m)

	// The folder is rebuilt (restored from a backup, migrated to another
	// server): new UIDVALIDITY, the same messages in another order, and two new ones.
	if err := srv.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := srv.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(msgs)
	msgs = append(msgs, numbered(100), testMessage("", "ap@martin.de", "Paiement", "Et la deuxième aussi."))
	for _, raw := range msgs {
		srv.append(t, "INBOX", raw)
	}
	f.pollOnce(t, m, PollOptions{BatchSize: 4}, nil)
	f.assertExactlyOnce(t, 13)
	v, last := f.checkpoint(t, m)
	if v == oldValidity || last != 13 {
		t.Errorf("checkpoint = (%d, %d), want a new UIDVALIDITY (not %d) and 13", v, last, oldValidity)
	}
}

func TestPollerDedupsMessagesWithoutMessageID(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	raw := testMessage("", "compta@dupont.fr", "Facture", "Merci de nous renvoyer la facture.")
	srv.append(t, "INBOX", raw)
	f.pollOnce(t, m, PollOptions{}, nil)

	// Read again from scratch (the checkpoint is lost with a new UIDVALIDITY).
	srv.user.Delete("INBOX")
	srv.user.Create("INBOX", nil)
	srv.append(t, "INBOX", raw)
	f.pollOnce(t, m, PollOptions{}, nil)

	f.assertExactlyOnce(t, 1)
	var mid string
	f.conn.QueryRow(context.Background(), `SELECT message_id FROM reply`).Scan(&mid)
	if mid != contentID(raw) {
		t.Errorf("message id = %q, want the content hash %q", mid, contentID(raw))
	}
}

func TestPollerStoresUnreadableMessages(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	// The parser refuses messages over its size limit: the poller must
	// store them anyway. (Header-less garbage, which go-imap's memory server
	// cannot serve, is in the Dovecot test and in TestIngesterKeepsEveryMessage.)
	f.limits = Limits{MaxBytes: 2000}
	big := testMessage("big@customer.example", "compta@dupont.fr", "Relevé", strings.Repeat("ligne du relevé\r\n", 200))
	srv.append(t, "INBOX", numbered(1))
	srv.append(t, "INBOX", big)
	srv.append(t, "INBOX", numbered(2))
	f.pollOnce(t, m, PollOptions{}, nil)
	f.assertExactlyOnce(t, 3)

	var raw []byte
	var text, mid, from string
	var flags []string
	var uid int64
	err := f.conn.QueryRow(context.Background(), `SELECT raw, text, flags, uid, message_id, from_addr FROM reply
		WHERE 'unreadable' = ANY(flags)`).Scan(&raw, &text, &flags, &uid, &mid, &from)
	if err != nil {
		t.Fatalf("no reply flagged unreadable: %v", err)
	}
	if !bytes.Equal(raw, big) || uid != 2 || !strings.HasPrefix(text, ErrTooLarge.Error()) {
		t.Errorf("unreadable reply: uid %d, text %q, %d raw bytes", uid, text, len(raw))
	}
	if mid != "big@customer.example" || from != "compta@dupont.fr" {
		t.Errorf("unreadable reply: message id %q, from %q: what the header says should be kept", mid, from)
	}
	if _, last := f.checkpoint(t, m); last != 3 {
		t.Errorf("checkpoint last UID = %d, want 3: an unreadable message must not block the mailbox", last)
	}
}

func TestPollerTruncatesHugeMessages(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	huge := testMessage("huge@customer.example", "compta@dupont.fr", "Scan", strings.Repeat("x", 5000))
	srv.append(t, "INBOX", numbered(1))
	srv.append(t, "INBOX", huge)
	f.pollOnce(t, m, PollOptions{MaxMessageBytes: 1000}, nil)
	f.assertExactlyOnce(t, 2)
	var raw []byte
	var text string
	err := f.conn.QueryRow(context.Background(), `SELECT raw, text FROM reply WHERE 'unreadable' = ANY(flags)`).Scan(&raw, &text)
	if err != nil {
		t.Fatalf("the huge message is not stored flagged: %v", err)
	}
	if !bytes.Equal(raw, huge[:1000]) || !strings.Contains(text, "over the 1000 bytes kept") {
		t.Errorf("huge message: %d raw bytes, text %q", len(raw), text)
	}
}

func TestPollerMovesToProcessedFolder(t *testing.T) {
	f, srv, m := memFixture(t, func(m *Mailbox) { m.ProcessedFolder = "Done" })
	if err := srv.user.Create("Done", nil); err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		srv.append(t, "INBOX", numbered(i))
	}
	// The first session dies right after storing message 3, before it could
	// move anything: the next session must move the leftovers, and store
	// nothing twice.
	crashed := false
	crash := func(next func(context.Context, Fetched) error) func(context.Context, Fetched) error {
		return func(ctx context.Context, m Fetched) error {
			err := next(ctx, m)
			if err == nil && m.UID == 3 && !crashed {
				crashed = true
				return errors.New("connection lost after commit")
			}
			return err
		}
	}
	f.pollOnce(t, m, PollOptions{}, crash)
	if !crashed {
		t.Fatal("the failure was not injected")
	}
	f.assertExactlyOnce(t, 6)
	if n, _ := srv.count(t, "INBOX"); n != 0 {
		t.Errorf("INBOX still holds %d messages", n)
	}
	if n, _ := srv.count(t, "Done"); n != 6 {
		t.Errorf("Done holds %d messages, want 6", n)
	}
}

func TestPollerKeepsStoringWhenMoveFails(t *testing.T) {
	f, srv, m := memFixture(t, func(m *Mailbox) { m.ProcessedFolder = "Archive" }) // never created on the server
	for i := range 3 {
		srv.append(t, "INBOX", numbered(i))
	}
	f.pollOnce(t, m, PollOptions{}, nil)
	f.assertExactlyOnce(t, 3)
	row, err := f.db.Mailbox(context.Background(), f.tenant.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(row.LastError, `"Archive"`) || row.LastSyncAt == nil || row.LastUID != 3 {
		t.Errorf("mailbox after a refused move: last error %q, last sync %v, last UID %d", row.LastError, row.LastSyncAt, row.LastUID)
	}
	if n, _ := srv.count(t, "INBOX"); n != 3 {
		t.Errorf("INBOX holds %d messages, want the 3 that could not move", n)
	}
}

func TestPollerIdleWakesOnNewMail(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	srv.append(t, "INBOX", numbered(1))
	// Neither a poll nor an IDLE timeout may fire during the test: only
	// the server's EXISTS notification can wake the poller.
	r := f.startPoller(t, m, PollOptions{PollInterval: time.Hour, IdleTimeout: time.Hour}, nil)
	r.waitFor(t, "synced")
	r.waitFor(t, "idle")
	srv.append(t, "INBOX", numbered(2))
	r.waitStored(t, f, 2)
	r.waitFor(t, "idle")
	srv.append(t, "INBOX", numbered(3))
	r.waitStored(t, f, 3)
	r.stop(t)
	f.assertExactlyOnce(t, 3)
}

func TestPollerPollsWithoutIdle(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	r := f.startPoller(t, m, PollOptions{DisableIdle: true, PollInterval: 20 * time.Millisecond}, nil)
	r.waitFor(t, "synced")
	srv.append(t, "INBOX", numbered(1))
	r.waitStored(t, f, 1)
	r.stop(t)
	for e := range len(r.events) {
		if ev := <-r.events; ev == "idle" {
			t.Fatalf("event %d: the poller entered IDLE with DisableIdle", e)
		}
	}
	f.assertExactlyOnce(t, 1)
}

func TestPollerReconnects(t *testing.T) {
	for name, fail := range map[string]func(*proxy){
		"network failure": (*proxy).cut,
		"server BYE":      (*proxy).bye,
	} {
		t.Run(name, func(t *testing.T) {
			f, srv, m := memFixture(t, nil)
			srv.append(t, "INBOX", numbered(1))
			r := f.startPoller(t, m, PollOptions{PollInterval: time.Hour, IdleTimeout: time.Hour}, nil)
			r.waitFor(t, "idle")
			fail(srv.proxy) // during IDLE
			r.waitFor(t, "connected")
			r.waitFor(t, "idle")
			srv.append(t, "INBOX", numbered(2))
			r.waitStored(t, f, 2)
			r.stop(t)
			f.assertExactlyOnce(t, 2)
			if n := srv.proxy.accepted(); n < 2 {
				t.Errorf("%d connections, want a reconnection", n)
			}
			row, _ := f.db.Mailbox(context.Background(), f.tenant.ID, m.ID)
			if row.LastError != "" || row.LastSyncAt == nil {
				t.Errorf("after a successful sync: last error %q, last sync %v", row.LastError, row.LastSyncAt)
			}
		})
	}
}

func TestPollerRetriesWhenTheStoreFails(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	for i := range 4 {
		srv.append(t, "INBOX", numbered(i))
	}
	fails := 0
	flaky := func(next func(context.Context, Fetched) error) func(context.Context, Fetched) error {
		return func(ctx context.Context, m Fetched) error {
			if m.UID == 2 && fails < 3 {
				fails++
				return errors.New("database unavailable")
			}
			return next(ctx, m)
		}
	}
	f.pollOnce(t, m, PollOptions{}, flaky)
	if fails != 3 {
		t.Errorf("%d failures injected, want 3", fails)
	}
	f.assertExactlyOnce(t, 4)
}

func TestPollerOnePerMailboxAcrossReplicas(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	for i := range 20 {
		srv.append(t, "INBOX", numbered(i))
	}
	opts := PollOptions{LockRetry: 20 * time.Millisecond, PollInterval: time.Hour, IdleTimeout: time.Hour}
	a := f.startPoller(t, m, opts, nil)
	a.waitFor(t, "synced")
	b := f.startPoller(t, m, opts, nil)
	b.waitFor(t, "lock busy")
	b.waitFor(t, "lock busy") // and keeps trying
	f.assertExactlyOnce(t, 20)
	if len(b.ingested) != 0 {
		t.Fatalf("the second replica stored %d messages without the lock", len(b.ingested))
	}

	// The first replica stops: the second takes over.
	a.stop(t)
	b.waitFor(t, "synced")
	srv.append(t, "INBOX", numbered(20))
	b.waitStored(t, f, 21)
	b.stop(t)
	f.assertExactlyOnce(t, 21)
}

func TestPollerMatchesCustomers(t *testing.T) {
	f, srv, m := memFixture(t, nil)
	ctx := context.Background()
	dupont, err := f.db.InsertCustomer(ctx, triage.Customer{TenantID: f.tenant.ID, Code: "C1", Name: "Dupont", Emails: []string{"Compta@Dupont.fr"}})
	if err != nil {
		t.Fatal(err)
	}
	martin, _ := f.db.InsertCustomer(ctx, triage.Customer{TenantID: f.tenant.ID, Code: "C2", Name: "Martin", Emails: []string{"ap@martin.de"}})
	srv.append(t, "INBOX", testMessage("1@x", "Compta <COMPTA@dupont.fr>", "RE: relance", "Payé."))
	srv.append(t, "INBOX", testMessage("2@x", "Hans <hans@martin.de>", "AW: Mahnung", "Bezahlt."))
	srv.append(t, "INBOX", testMessage("3@x", "someone@gmail.com", "question", "Qui êtes-vous ?"))
	f.pollOnce(t, m, PollOptions{}, nil)
	want := map[string]*int64{"1@x": &dupont, "2@x": &martin, "3@x": nil}
	for mid, w := range want {
		var got *int64
		if err := f.conn.QueryRow(ctx, `SELECT customer_id FROM reply WHERE message_id = $1`, mid).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if (got == nil) != (w == nil) || got != nil && *got != *w {
			t.Errorf("%s: customer %v, want %v", mid, deref(got), deref(w))
		}
	}
}

func deref(p *int64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}
