package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestInsertReplies: a fetch of a mailbox is stored in one transaction,
// each reply once with its suggestion job and files, a retried or
// repeated message found again, a reused Message-ID with other content
// kept apart, and the checkpoint moved to the last UID; a batch the store
// refuses leaves nothing behind, checkpoint included.
func TestInsertReplies(t *testing.T) {
	db, url := storetest.NewWithURL(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	mb, err := db.CreateMailbox(ctx, store.Mailbox{TenantID: tn.ID, Name: "relances", Host: "imap.example.fr", Port: 993,
		TLSMode: "implicit", Username: "ar", PasswordRef: "env:IMAP_PASSWORD", Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	reply := func(uid uint32, mid, text, hash string) triage.NewReply {
		return triage.NewReply{TenantID: tn.ID, Source: triage.SourceIMAP, MessageID: mid, ReceivedAt: at,
			From: "compta@boulangerie-martin.fr", Subject: "RE: Relance facture F-2026-0042", Text: text, BodyClean: text,
			Raw: []byte("Subject: x\r\n\r\n" + text), ContentHash: hash, MailboxID: mb.ID, UIDValidity: 7, UID: uid}
	}
	stored, _, err := db.InsertReply(ctx, reply(1, "deja@martin.fr", "Virement effectué hier.", "h1"))
	if err != nil {
		t.Fatal(err)
	}
	withFile := reply(3, "avis@martin.fr", "Veuillez trouver l'avis de virement.", "h3")
	withFile.Attachments = []triage.Attachment{{Name: "avis.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), Remittance: true}}
	batch := []triage.NewReply{
		reply(2, "deja@martin.fr", "Virement effectué hier.", "h1"), // stored before
		withFile,
		reply(4, "paid@smith.co.uk", "We paid invoice F-2026-0042 on Monday.", "h4"),
		reply(5, "paid@smith.co.uk", "We paid invoice F-2026-0042 on Monday.", "h4"),     // repeated in the batch
		reply(6, "paid@smith.co.uk", "Please ignore, wrong invoice: F-2026-0043.", "h6"), // reused id, other content
	}
	rs, created, err := db.InsertReplies(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	wantCreated := []bool{false, true, true, false, true}
	for i := range batch {
		if created[i] != wantCreated[i] {
			t.Errorf("reply %d (UID %d): created %v, want %v", i, batch[i].UID, created[i], wantCreated[i])
		}
	}
	if rs[0].ID != stored.ID || rs[3].ID != rs[2].ID || rs[4].ID == rs[2].ID || rs[4].MessageID != "paid@smith.co.uk#h6" {
		t.Errorf("replies: %d (stored %d), %d = %d, %d %q", rs[0].ID, stored.ID, rs[3].ID, rs[2].ID, rs[4].ID, rs[4].MessageID)
	}
	if files, err := db.Attachments(ctx, tn.ID, rs[1].ID); err != nil || len(files) != 1 || files[0].Name != "avis.pdf" {
		t.Errorf("attachments of the new reply: %+v %v", files, err)
	}
	if v, last, err := db.MailboxCheckpoint(ctx, tn.ID, mb.ID); err != nil || v != 7 || last != 6 {
		t.Errorf("checkpoint = (%d, %d) %v, want (7, 6)", v, last, err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	var jobs []int64
	rows, err := conn.Query(ctx, `SELECT (payload->>'reply_id')::bigint FROM job WHERE kind = 'suggest' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if jobs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		t.Fatal(err)
	}
	want := []int64{stored.ID, rs[1].ID, rs[2].ID, rs[4].ID}
	if len(jobs) != len(want) {
		t.Fatalf("suggestion jobs for replies %v, want %v", jobs, want)
	}
	for i := range want {
		if jobs[i] != want[i] {
			t.Errorf("suggestion jobs for replies %v, want %v", jobs, want)
			break
		}
	}

	// A NUL byte is refused by Postgres: none of the batch is kept.
	bad := []triage.NewReply{reply(7, "ok@martin.fr", "Réglé par chèque.", "h7"), reply(8, "nul@martin.fr", "nul \x00 byte", "h8")}
	if _, _, err := db.InsertReplies(ctx, bad); err == nil || !strings.Contains(err.Error(), "nul@martin.fr") {
		t.Fatalf("a batch with a NUL byte: %v, want an error naming the message", err)
	}
	var kept int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM reply WHERE message_id = 'ok@martin.fr'`).Scan(&kept); err != nil || kept != 0 {
		t.Errorf("the good message of a refused batch was kept: %d %v", kept, err)
	}
	if _, last, _ := db.MailboxCheckpoint(ctx, tn.ID, mb.ID); last != 6 {
		t.Errorf("checkpoint after a refused batch = %d, want 6", last)
	}
}
