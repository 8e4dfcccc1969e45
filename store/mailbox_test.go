package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// mailboxDB is a migrated database with one tenant, and a raw connection
// for assertions the store has no query for.
func mailboxDB(t *testing.T) (*store.DB, *pgx.Conn, triage.Tenant) {
	t.Helper()
	db, url := storetest.NewWithURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	tn, err := db.InsertTenant(ctx, "acme", "ACME")
	if err != nil {
		t.Fatal(err)
	}
	return db, conn, tn
}

func testMailbox(tenantID int64, name string) store.Mailbox {
	return store.Mailbox{TenantID: tenantID, Name: name, Host: "imap.example.com", Port: 993, TLSMode: "implicit",
		Username: "ar@example.com", PasswordRef: "env:AR_IMAP_PASSWORD", Enabled: true}
}

func TestMailboxes(t *testing.T) {
	db, _, tn := mailboxDB(t)
	ctx := context.Background()
	m, err := db.CreateMailbox(ctx, testMailbox(tn.ID, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.Folder != "INBOX" || m.UIDValidity != 0 || m.LastUID != 0 || m.LastSyncAt != nil || !m.Enabled {
		t.Errorf("created mailbox = %+v", m)
	}
	if _, err := db.CreateMailbox(ctx, testMailbox(tn.ID, "ar")); !errors.Is(err, triage.ErrConflict) {
		t.Errorf("same name twice: %v, want ErrConflict", err)
	}
	off := testMailbox(tn.ID, "old")
	off.Enabled, off.ProcessedFolder, off.MarkSeen = false, "Done", true
	if _, err := db.CreateMailbox(ctx, off); err != nil {
		t.Fatal(err)
	}
	other, _ := db.InsertTenant(ctx, "other", "Other")
	if _, err := db.CreateMailbox(ctx, testMailbox(other.ID, "ar")); err != nil {
		t.Fatalf("names are per tenant: %v", err)
	}

	got, err := db.MailboxByName(ctx, tn.ID, "old")
	if err != nil || got.ProcessedFolder != "Done" || !got.MarkSeen || got.Enabled {
		t.Errorf("by name: %+v %v", got, err)
	}
	if _, err := db.Mailbox(ctx, other.ID, m.ID); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("another tenant's mailbox: %v, want ErrNotFound", err)
	}
	list, err := db.Mailboxes(ctx, tn.ID)
	if err != nil || len(list) != 2 || list[0].Name != "ar" || list[1].Name != "old" {
		t.Errorf("list = %+v %v", list, err)
	}
	enabled, err := db.EnabledMailboxes(ctx)
	if err != nil || len(enabled) != 2 || enabled[0].Name != "ar" || enabled[1].TenantID != other.ID {
		t.Errorf("enabled = %+v %v", enabled, err)
	}

	if err := db.RecordMailboxSync(ctx, tn.ID, m.ID, false, errors.New("login refused")); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Mailbox(ctx, tn.ID, m.ID); got.LastError != "login refused" || got.LastSyncAt != nil {
		t.Errorf("after a failure: %+v", got)
	}
	if err := db.RecordMailboxSync(ctx, tn.ID, m.ID, true, nil); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Mailbox(ctx, tn.ID, m.ID)
	if got.LastError != "" || got.LastSyncAt == nil {
		t.Errorf("after a sync: %+v", got)
	}
	synced := *got.LastSyncAt
	if err := db.RecordMailboxSync(ctx, tn.ID, m.ID, false, errors.New("connection reset")); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Mailbox(ctx, tn.ID, m.ID); got.LastError != "connection reset" || got.LastSyncAt == nil || !got.LastSyncAt.Equal(synced) {
		t.Errorf("a failure keeps the last sync: %+v", got)
	}
	if err := db.RecordMailboxSync(ctx, tn.ID, m.ID, true, errors.New(`move to "Done": no such folder`)); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Mailbox(ctx, tn.ID, m.ID); got.LastError == "" || !got.LastSyncAt.After(synced) {
		t.Errorf("a sync with a problem: %+v", got)
	}
}

func TestInsertReplyAdvancesCheckpoint(t *testing.T) {
	db, conn, tn := mailboxDB(t)
	ctx := context.Background()
	m, err := db.CreateMailbox(ctx, testMailbox(tn.ID, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	reply := func(mid string, validity, uid uint32) triage.NewReply {
		return triage.NewReply{TenantID: tn.ID, Source: triage.SourceIMAP, MessageID: mid, ReceivedAt: time.Now(),
			Text: "bonjour", Raw: []byte("raw"), MailboxID: m.ID, UIDValidity: validity, UID: uid}
	}
	checkpoint := func(wantV, wantL uint32) {
		t.Helper()
		v, l, err := db.MailboxCheckpoint(ctx, tn.ID, m.ID)
		if err != nil || v != wantV || l != wantL {
			t.Errorf("checkpoint = (%d, %d) %v, want (%d, %d)", v, l, err, wantV, wantL)
		}
	}
	checkpoint(0, 0)
	r, created, err := db.InsertReply(ctx, reply("a@x", 7, 3))
	if err != nil || !created {
		t.Fatal(created, err)
	}
	checkpoint(7, 3)
	var mbID, validity, uid int64
	if err := conn.QueryRow(ctx, `SELECT mailbox_id, uidvalidity, uid FROM reply WHERE id = $1`, r.ID).Scan(&mbID, &validity, &uid); err != nil ||
		mbID != m.ID || validity != 7 || uid != 3 {
		t.Errorf("reply position = %d %d %d %v", mbID, validity, uid, err)
	}

	// A message already stored still moves the checkpoint (a resync).
	if _, created, err := db.InsertReply(ctx, reply("a@x", 7, 5)); err != nil || created {
		t.Fatalf("duplicate: created=%v %v", created, err)
	}
	checkpoint(7, 5)
	// Never backwards within one UIDVALIDITY.
	if _, _, err := db.InsertReply(ctx, reply("b@x", 7, 4)); err != nil {
		t.Fatal(err)
	}
	checkpoint(7, 5)
	// A new UIDVALIDITY starts over.
	if _, _, err := db.InsertReply(ctx, reply("a@x", 9, 1)); err != nil {
		t.Fatal(err)
	}
	checkpoint(9, 1)

	// A reply that cannot be stored leaves the checkpoint where it was: both
	// are in one transaction.
	bad := reply("c@x", 9, 2)
	bad.Source = "pigeon"
	if _, _, err := db.InsertReply(ctx, bad); err == nil {
		t.Fatal("a reply with an unknown source must be refused")
	}
	checkpoint(9, 1)
	// And a checkpoint that cannot move (mailbox of another tenant) stores no reply.
	other, _ := db.InsertTenant(ctx, "other", "Other")
	stray := reply("d@x", 9, 2)
	stray.TenantID = other.ID
	if _, _, err := db.InsertReply(ctx, stray); err == nil {
		t.Fatal("a reply of another tenant's mailbox must be refused")
	}
	var n int
	conn.QueryRow(ctx, `SELECT count(*) FROM reply WHERE message_id = 'd@x'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d replies stored without their checkpoint", n)
	}

	// Replies of other sources carry no position and flags default to none.
	api, _, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "e@x",
		ReceivedAt: time.Now(), Text: "hi", Flags: []string{triage.FlagUnreadable}})
	if err != nil {
		t.Fatal(err)
	}
	var pos *int64
	var flags []string
	if err := conn.QueryRow(ctx, `SELECT mailbox_id, flags FROM reply WHERE id = $1`, api.ID).Scan(&pos, &flags); err != nil ||
		pos != nil || !slices.Equal(flags, []string{triage.FlagUnreadable}) {
		t.Errorf("api reply: mailbox %v flags %v %v", pos, flags, err)
	}
}

func TestMailboxLockOnePerMailbox(t *testing.T) {
	defer store.SetMailboxLockCheck(20 * time.Millisecond)()
	db, conn, tn := mailboxDB(t)
	ctx := context.Background()
	m, _ := db.CreateMailbox(ctx, testMailbox(tn.ID, "ar"))
	n, _ := db.CreateMailbox(ctx, testMailbox(tn.ID, "other"))

	held, release, ok, err := db.TryLockMailbox(ctx, m.ID)
	if err != nil || !ok {
		t.Fatalf("first lock: ok=%v %v", ok, err)
	}
	if _, _, ok, err := db.TryLockMailbox(ctx, m.ID); err != nil || ok {
		t.Fatalf("second lock of the same mailbox: ok=%v %v", ok, err)
	}
	_, releaseN, ok, err := db.TryLockMailbox(ctx, n.ID)
	if err != nil || !ok {
		t.Fatalf("another mailbox is free: ok=%v %v", ok, err)
	}
	releaseN()
	release()
	if held.Err() == nil {
		t.Error("held must end on release")
	}
	held, release, ok, err = db.TryLockMailbox(ctx, m.ID)
	if err != nil || !ok {
		t.Fatalf("lock after release: ok=%v %v", ok, err)
	}
	defer release()

	// The lock's connection dies (failover, idle-session killer): the
	// holder must hear of it, since Postgres released the lock.
	if _, err := conn.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND objid = $1 AND granted`, m.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case <-held.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("losing the lock's connection did not end held")
	}
	_, release2, ok, err := db.TryLockMailbox(ctx, m.ID)
	if err != nil || !ok {
		t.Fatalf("lock after the holder's connection died: ok=%v %v", ok, err)
	}
	release2()

	if _, _, _, err := db.TryLockMailbox(ctx, 1<<40); err == nil {
		t.Error("an id beyond the lock key range must be refused")
	}
}

func TestCustomersByEmail(t *testing.T) {
	db, _, tn := mailboxDB(t)
	ctx := context.Background()
	add := func(code string, emails ...string) int64 {
		id, err := db.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: code, Name: code, Emails: emails})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	dupont := add("C1", "Compta@Dupont.fr", "paul@dupont.fr")
	add("C2", "ap@martin.de", "ap@shared.com")
	add("C3", "billing@shared.com")
	other, _ := db.InsertTenant(ctx, "other", "Other")
	db.InsertCustomer(ctx, triage.Customer{TenantID: other.ID, Code: "X", Name: "X", Emails: []string{"x@dupont.fr"}})

	tests := []struct {
		by, key string
		want    int
		first   int64
	}{
		{"email", "compta@dupont.fr", 1, dupont},
		{"email", " COMPTA@DUPONT.FR ", 1, dupont},
		{"email", "nobody@dupont.fr", 0, 0},
		{"domain", "DUPONT.fr", 1, dupont},
		{"domain", "shared.com", 2, 0},
		{"domain", "nowhere.org", 0, 0},
	}
	for _, tt := range tests {
		var ids []int64
		var err error
		if tt.by == "email" {
			ids, err = db.CustomersByEmail(ctx, tn.ID, tt.key)
		} else {
			ids, err = db.CustomersByEmailDomain(ctx, tn.ID, tt.key)
		}
		if err != nil || len(ids) != tt.want || (tt.first != 0 && ids[0] != tt.first) {
			t.Errorf("by %s %q = %v %v, want %d ids", tt.by, tt.key, ids, err, tt.want)
		}
	}
}
