package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestUnreadableFlagReadBack: the flag ingestion sets on a message it could
// not parse comes back on the reply, on the queue's rows, and filters the
// queue and its count, alone or with the filters that join the suggestion.
func TestUnreadableFlagReadBack(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "Acme")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	replies := []triage.NewReply{
		{TenantID: tn.ID, Source: triage.SourceIMAP, MessageID: "releve-mars@dupont.fr", From: "compta@dupont.fr",
			Subject: "Relevé de mars", ReceivedAt: at, Raw: []byte("Subject: Relevé de mars\r\n\r\n--broken"),
			Text: "message too large: 27262976 bytes, at most 26214400", Flags: []string{triage.FlagUnreadable}},
		{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "virement@martin.fr", ReceivedAt: at.Add(time.Minute),
			Text: "Le virement de la facture F-2026-01187 est parti hier."},
		{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "paid@smith.co.uk", ReceivedAt: at.Add(2 * time.Minute),
			Text: "We paid invoice F-2026-01190 on Monday."},
	}
	ids := make([]int64, len(replies))
	for i, in := range replies {
		r, _, err := db.InsertReply(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
		if !slices.Equal(r.Flags, in.Flags) {
			t.Errorf("InsertReply %s: flags %q, want %q", in.MessageID, r.Flags, in.Flags)
		}
		if _, err := db.SaveSuggestion(ctx, triage.Suggestion{TenantID: tn.ID, ReplyID: r.ID, Strategy: "knn",
			Status: "other", Confidence: 0.2}); err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range ids {
		r, err := db.Reply(ctx, tn.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := i == 0; r.Unreadable() != want || (want && r.Text != replies[0].Text) {
			t.Errorf("Reply %d: flags %q, text %q: unreadable should be %v", id, r.Flags, r.Text, want)
		}
	}

	tests := []struct {
		name string
		f    store.QueueFilter
		want []int64
	}{
		{"every reply", store.QueueFilter{}, []int64{ids[2], ids[1], ids[0]}},
		{"unreadable only", store.QueueFilter{Unreadable: true}, []int64{ids[0]}},
		{"unreadable with the suggestion joined", store.QueueFilter{Unreadable: true, Status: "other"}, []int64{ids[0]}},
		{"unreadable from another source", store.QueueFilter{Unreadable: true, Source: "api"}, nil},
		{"unreadable searched by subject", store.QueueFilter{Unreadable: true, Search: "relevé"}, []int64{ids[0]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := db.Queue(ctx, tn.ID, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range rows {
				got = append(got, r.Reply.ID)
				if r.Reply.Unreadable() != (r.Reply.ID == ids[0]) {
					t.Errorf("queue row %d: flags %q", r.Reply.ID, r.Reply.Flags)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Queue = %v, want %v", got, tc.want)
			}
			n, err := db.QueueCount(ctx, tn.ID, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tc.want) {
				t.Errorf("QueueCount = %d, want %d", n, len(tc.want))
			}
		})
	}
}

// TestMigrationKeepsTheReasonOfUnreadableReplies: 0016 turns the English
// sentence older versions stored around the parser's reason into the
// reason alone, on flagged replies only.
func TestMigrationKeepsTheReasonOfUnreadableReplies(t *testing.T) {
	db, url := storetest.NewWithURL(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "Acme")
	if err != nil {
		t.Fatal(err)
	}
	legacy := func(reason string) string {
		return "This message could not be read (" + reason + "). Its original is kept: download it to see what the customer sent."
	}
	tests := []struct {
		name, text string
		flags      []string
		want       string
	}{
		{"too large", legacy("message too large: 27262976 bytes, at most 26214400"), []string{triage.FlagUnreadable},
			"message too large: 27262976 bytes, at most 26214400"},
		{"parentheses in the reason", legacy("parser panic: runtime error (index out of range [3])"), []string{triage.FlagUnreadable},
			"parser panic: runtime error (index out of range [3])"},
		{"already the reason", "too many MIME parts: 1001, at most 1000", []string{triage.FlagUnreadable},
			"too many MIME parts: 1001, at most 1000"},
		{"a customer quoting the sentence", legacy("sic") + " Pouvez-vous renvoyer la facture F-2026-01187 ?", []string{triage.FlagUnreadable},
			legacy("sic") + " Pouvez-vous renvoyer la facture F-2026-01187 ?"},
		{"not flagged", legacy("quoted by the customer"), nil, legacy("quoted by the customer")},
	}
	ids := make([]int64, len(tests))
	for i, tc := range tests {
		r, _, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceIMAP, MessageID: tc.name + "@dupont.fr",
			ReceivedAt: time.Date(2026, 3, 10, 9, i, 0, 0, time.UTC), Raw: []byte("Subject: x\r\n\r\n"), Text: tc.text,
			BodyClean: tc.text, Flags: tc.flags})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	ms, err := store.Migrations()
	if err != nil || len(ms) < 16 || ms[15].Name != "unreadable_text" {
		t.Fatalf("migration 16 not found: %v", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	if _, err := conn.Exec(ctx, ms[15].SQL); err != nil {
		t.Fatalf("migration 16: %v", err)
	}
	for i, tc := range tests {
		r, err := db.Reply(ctx, tn.ID, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if r.Text != tc.want || r.BodyClean != tc.want {
			t.Errorf("%s: text %q, body %q; want %q", tc.name, r.Text, r.BodyClean, tc.want)
		}
	}
}
