package triage_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// singleStore hides the store's InsertReplies: IngestBatch then stores
// each reply in a transaction of its own.
type singleStore struct{ triage.Store }

// TestIngestBatch: a batch of replies, in French and English, is stored
// once each, a repeated message found again, each told to the observer and
// each given its suggestion by the worker, with the store's batch
// transaction or without it; a batch holding a reply the service refuses
// stores none of it.
func TestIngestBatch(t *testing.T) {
	for _, tc := range []struct {
		name   string
		single bool
	}{{"one transaction", false}, {"one transaction per reply", true}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			svc := f.svc
			if tc.single {
				svc = triage.NewService(singleStore{f.db}, nil, nil, slog.New(slog.DiscardHandler)).WithClock(func() time.Time { return f.now })
				svc.Observe(f.obs)
			}
			ctx := context.Background()
			reply := func(mid, from, text string) triage.NewReply {
				return triage.NewReply{TenantID: f.tenant.ID, Source: triage.SourceIMAP, MessageID: mid, From: from, Text: text}
			}
			batch := []triage.NewReply{
				reply("virement@martin.fr", "compta@boulangerie-martin.fr", "Le virement de la facture F-2026-01187 est parti ce matin."),
				reply("dispute@smith.co.uk", "ap@smith.co.uk", "We dispute invoice F-2026-01302: the goods were damaged."),
				reply("virement@martin.fr", "compta@boulangerie-martin.fr", "Le virement de la facture F-2026-01187 est parti ce matin."),
			}
			rs, err := svc.IngestBatch(ctx, batch)
			if err != nil || len(rs) != len(batch) {
				t.Fatalf("IngestBatch = %d replies, %v; want %d", len(rs), err, len(batch))
			}
			if rs[0].ID == 0 || rs[1].ID == rs[0].ID || rs[2].ID != rs[0].ID || !rs[1].ReceivedAt.Equal(f.now) || rs[1].BodyClean != batch[1].Text {
				t.Errorf("replies: %+v", rs)
			}
			want := []string{"ingested imap true", "ingested imap true", "ingested imap false"}
			if !slices.Equal(f.obs.events, want) {
				t.Errorf("observer heard %q, want %q", f.obs.events, want)
			}
			if !tc.single {
				if n, err := f.worker.Drain(ctx); err != nil || n != 2 {
					t.Errorf("worker ran %d jobs (%v), want the 2 suggestions", n, err)
				}
			}

			bad := []triage.NewReply{reply("cheque@martin.fr", "compta@boulangerie-martin.fr", "Chèque envoyé."), reply("empty@smith.co.uk", "ap@smith.co.uk", "")}
			rs, err = svc.IngestBatch(ctx, bad)
			var ve *triage.ValidationError
			if !errors.As(err, &ve) || len(rs) != 0 {
				t.Fatalf("a batch with an empty reply = %d replies, %v; want a validation error", len(rs), err)
			}
			if _, err := svc.IngestBatch(ctx, bad[:1]); err != nil {
				t.Fatal(err)
			}
			if got := f.obs.events[len(f.obs.events)-1]; got != "ingested imap true" {
				t.Errorf("the good reply of the refused batch was stored before: %q", got)
			}
		})
	}
}
