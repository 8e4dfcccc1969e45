package triage_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// hugeMessage is a 26 MB message, over the parser's 25 MB: a customer's
// statement export pasted in the body.
func hugeMessage() []byte {
	head := "From: Comptabilité Dupont <compta@boulangerie-martin.fr>\r\nTo: relances@acme.example\r\n" +
		"Subject: =?UTF-8?Q?Relev=C3=A9_de_mars?=\r\nMessage-ID: <releve-mars@boulangerie-martin.fr>\r\n" +
		"Date: Tue, 10 Mar 2026 08:12:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	line := []byte("F-2026-01187;2026-02-08;1245,60;EUR;ouverte\r\n")
	return append([]byte(head), bytes.Repeat(line, 26<<20/len(line)+1)...)
}

// TestUnreadableReplySuggestion: a message the parser refuses is stored,
// flagged, and gets the catch-all status with no confidence without any
// strategy reading the parser's reason; accepting suggestions in bulk
// leaves it alone even when the collector confirms the low ones.
func TestUnreadableReplySuggestion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	mb, err := f.db.CreateMailbox(ctx, store.Mailbox{TenantID: f.tenant.ID, Name: "relances", Host: "imap.acme.example",
		Port: 993, TLSMode: "implicit", Username: "relances", PasswordRef: "env:IMAP_PASSWORD", Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	in := &inbox.Ingester{Service: f.svc, Customers: f.db, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	raw := hugeMessage()
	if err := in.Ingest(ctx, inbox.Fetched{Mailbox: inbox.Mailbox{ID: mb.ID, TenantID: f.tenant.ID, Name: mb.Name},
		UIDValidity: 1, UID: 1, Raw: raw, Size: int64(len(raw)), Received: f.now}); err != nil {
		t.Fatal(err)
	}
	readable, _ := f.submitForm(t, "cccccccccccccccccccccccccccccccc", "Nous réglerons la facture F-2026-01187 vendredi.")
	if _, err := f.worker.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := f.db.Queue(ctx, f.tenant.ID, store.QueueFilter{Unreadable: true})
	if err != nil || len(rows) != 1 {
		t.Fatalf("unreadable replies in the queue: %d, %v; want 1", len(rows), err)
	}
	r := rows[0].Reply
	if !r.Unreadable() || r.Subject != "Relevé de mars" || r.CustomerID == nil || *r.CustomerID != f.customer.ID ||
		!strings.HasPrefix(r.Text, inbox.ErrTooLarge.Error()) {
		t.Errorf("unreadable reply = subject %q, customer %v, flags %q, text %q", r.Subject, r.CustomerID, r.Flags, r.Text)
	}
	sg, err := f.db.LatestSuggestion(ctx, f.tenant.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sg.Strategy != triage.StrategyUnreadable || sg.Status != "other" || sg.Confidence != 0 || sg.Comment != "" ||
		len(sg.Items) != 0 || len(sg.Neighbours) != 0 {
		t.Errorf("suggestion of the unreadable reply = %+v", sg)
	}

	res, err := f.svc.AcceptSuggestions(ctx, f.actor, []int64{r.ID, readable.ID}, triage.AcceptOptions{ConfirmLow: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Skipped, []int64{r.ID}) || !slices.Equal(res.Done, []int64{readable.ID}) || len(res.Failed) != 0 {
		t.Errorf("AcceptSuggestions = %+v: want the unreadable reply skipped, the other accepted", res)
	}
	if got, _ := f.db.Reply(ctx, f.tenant.ID, r.ID); got.State != triage.StatePending {
		t.Errorf("unreadable reply is %s after a bulk accept, want pending", got.State)
	}
	// The collector read the original and qualifies it by hand.
	due := f.now.AddDate(0, 0, 3)
	if _, err := f.svc.Qualify(ctx, f.actor, r.ID, triage.QualifyInput{Status: "other", FollowUpDue: &due,
		Comment: "relevé joint illisible, rappeler le client"}); err != nil {
		t.Errorf("qualifying an unreadable reply by hand: %v", err)
	}
}
