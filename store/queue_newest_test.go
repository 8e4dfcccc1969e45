package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestQueueFiltersNewestSuggestion: the queue filters on the status and
// confidence of the reply's newest suggestion, which the reply keeps, and
// lists that suggestion, however suggestions come and go.
func TestQueueFiltersNewestSuggestion(t *testing.T) {
	db, url := storetest.NewWithURL(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "acme", "Acme")
	if err != nil {
		t.Fatal(err)
	}
	rep, _, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "relance-1187@mailer",
		ReceivedAt: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Text: "Nous réglerons la facture F-2026-01187 le 31 mars.",
		BodyClean: "Nous réglerons la facture F-2026-01187 le 31 mars."})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	save := func(status string, conf float64) int64 {
		t.Helper()
		s, err := db.SaveSuggestion(ctx, triage.Suggestion{TenantID: tn.ID, ReplyID: rep.ID, Strategy: "knn", Status: status, Confidence: conf})
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	yes, no := true, false
	// check asserts what the queue lists and which filters keep the reply.
	check := func(step, status string, conf float64) {
		t.Helper()
		rows, err := db.Queue(ctx, tn.ID, store.QueueFilter{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s: queue = %d rows, %v", step, len(rows), err)
		}
		got := rows[0].Suggestion
		switch {
		case status == "" && got != nil:
			t.Errorf("%s: suggestion %+v, want none", step, got)
		case status != "" && (got == nil || got.Status != status || got.Confidence != conf):
			t.Errorf("%s: suggestion %+v, want %s at %v", step, got, status, conf)
		}
		for _, f := range []struct {
			name string
			f    store.QueueFilter
			want bool
		}{
			{"status promise_to_pay", store.QueueFilter{Status: "promise_to_pay"}, status == "promise_to_pay"},
			{"status price_dispute", store.QueueFilter{Status: "price_dispute"}, status == "price_dispute"},
			{"status already_paid", store.QueueFilter{Status: "already_paid"}, status == "already_paid"},
			{"under 0.6", store.QueueFilter{NeedsReview: &yes, Threshold: 0.6}, status != "" && conf < 0.6},
			{"at or above 0.6", store.QueueFilter{NeedsReview: &no, Threshold: 0.6}, status != "" && conf >= 0.6},
		} {
			n, err := db.QueueCount(ctx, tn.ID, f.f)
			if err != nil {
				t.Fatal(err)
			}
			if (n == 1) != f.want {
				t.Errorf("%s: %s counts %d, want the reply: %v", step, f.name, n, f.want)
			}
		}
	}

	check("no suggestion yet", "", 0)
	first := save("promise_to_pay", 0.45)
	check("first suggestion", "promise_to_pay", 0.45)
	second := save("already_paid", 0.92)
	check("newer suggestion", "already_paid", 0.92)
	exec(`UPDATE suggestion SET status = 'price_dispute', confidence = 0.3 WHERE id = $1`, first)
	check("older suggestion edited", "already_paid", 0.92)
	exec(`UPDATE suggestion SET confidence = 0.5 WHERE id = $1`, second)
	check("newest suggestion edited", "already_paid", 0.5)
	exec(`DELETE FROM suggestion WHERE id = $1`, second)
	check("newest suggestion removed", "price_dispute", 0.3)
	exec(`DELETE FROM suggestion WHERE id = $1`, first)
	check("every suggestion removed", "", 0)
}
