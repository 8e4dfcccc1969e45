package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestInsertReplyDedup: a retried message is stored once, with its files;
// another message under a reused Message-ID is kept beside it.
func TestInsertReplyDedup(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	in := triage.NewReply{TenantID: tn.ID, Source: triage.SourceIMAP, MessageID: "reused@mailer", ReceivedAt: at,
		Text: "payé", BodyClean: "payé", ContentHash: "aaaa1111",
		Attachments: []triage.Attachment{{Name: "avis.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4"), Remittance: true}}}
	first, created, err := db.InsertReply(ctx, in)
	if err != nil || !created {
		t.Fatalf("first insert: %v %v", created, err)
	}
	again, created, err := db.InsertReply(ctx, in)
	if err != nil || created || again.ID != first.ID {
		t.Errorf("retry: id %d created %v %v, want %d not created", again.ID, created, err, first.ID)
	}
	other := in
	other.Text, other.ContentHash, other.Attachments = "autre message", "bbbb2222", nil
	second, created, err := db.InsertReply(ctx, other)
	if err != nil || !created || second.ID == first.ID || second.MessageID != "reused@mailer#bbbb2222" {
		t.Errorf("reused Message-ID: %+v created %v %v", second, created, err)
	}
	if _, created, _ := db.InsertReply(ctx, other); created {
		t.Error("the second message was stored twice")
	}
	files, err := db.Attachments(ctx, tn.ID, first.ID)
	if err != nil || len(files) != 1 || files[0].Name != "avis.pdf" || files[0].Size != 8 || !files[0].Remittance || files[0].Data != nil {
		t.Fatalf("attachments: %+v %v", files, err)
	}
	a, err := db.Attachment(ctx, tn.ID, first.ID, files[0].ID)
	if err != nil || string(a.Data) != "%PDF-1.4" {
		t.Errorf("attachment: %+v %v", a, err)
	}
	if _, err := db.Attachment(ctx, tn.ID, second.ID, files[0].ID); err == nil {
		t.Error("a file was found under another reply")
	}
	if n, _ := db.Attachments(ctx, tn.ID, second.ID); len(n) != 0 {
		t.Errorf("the second message has %d files", len(n))
	}
}
