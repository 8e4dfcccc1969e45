package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
)

func TestQualifiedTexts(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.InsertTenant(ctx, "t2", "T2")
	if err != nil {
		t.Fatal(err)
	}
	vec := make([]float32, suggest.Dim)
	vec[0] = 1
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var replies []int64
	for i, h := range []struct {
		tenant       int64
		text, status string
	}{
		{tn.ID, "payé hier", "already_paid"},
		{tn.ID, "le prix est faux", "price_dispute"},
		{other.ID, "autre locataire", "other"},
	} {
		id, err := db.InsertHistory(ctx, triage.NewReply{TenantID: h.tenant, Source: triage.SourceAPI, MessageID: fmt.Sprintf("<%d@x>", i),
			ReceivedAt: at.Add(time.Duration(i) * time.Hour), Text: h.text, BodyClean: h.text},
			triage.Qualification{Status: h.status, Text: h.text, Embedding: vec})
		if err != nil {
			t.Fatal(err)
		}
		replies = append(replies, id)
	}
	count, last, err := db.QualifiedCount(ctx, tn.ID)
	if err != nil || count != 2 || last == 0 {
		t.Fatalf("count = %d, last id %d, %v", count, last, err)
	}

	// The collector corrects a suggestion on the first reply: the new
	// qualification replaces the old one and is marked corrected.
	sg, err := db.SaveSuggestion(ctx, triage.Suggestion{TenantID: tn.ID, ReplyID: replies[0], Strategy: "llm", Status: "already_paid",
		ItemStatuses: map[string]string{"F-1": "already_paid", "F-2": "price_dispute"}, Cost: 0.0125, Tokens: 812})
	if err != nil {
		t.Fatal(err)
	}
	if back, err := db.LatestSuggestion(ctx, tn.ID, replies[0]); err != nil || back.ID != sg.ID || back.Cost != 0.0125 ||
		back.Tokens != 812 || len(back.ItemStatuses) != 2 || back.ItemStatuses["F-2"] != "price_dispute" {
		t.Errorf("suggestion read back: %+v, %v", back, err)
	}
	_, err = db.SaveQualification(ctx, triage.QualifyRecord{
		Qualification: triage.Qualification{TenantID: tn.ID, ReplyID: replies[0], Status: "promise_to_pay", Text: "payé hier",
			Embedding: vec, FromSuggestion: &sg.ID, Edits: []string{"status"}},
		PrevStates: []triage.ReplyState{triage.StateQualified},
		Audit:      triage.Audit{TenantID: tn.ID, Action: "requalify", Entity: "reply", EntityID: replies[0]},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.QualifiedTexts(ctx, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != "le prix est faux" || got[0].Corrected || got[0].CreatedAt.IsZero() ||
		got[1].Status != "promise_to_pay" || !got[1].Corrected {
		t.Errorf("qualified texts = %+v", got)
	}
	count2, last2, err := db.QualifiedCount(ctx, tn.ID)
	if err != nil || count2 != 2 || last2 <= last || last2 != got[1].ID {
		t.Errorf("after requalification: count %d, last id %d (was %d), %v", count2, last2, last, err)
	}
	if n, _, _ := db.QualifiedCount(ctx, other.ID+100); n != 0 {
		t.Errorf("unknown tenant has %d qualifications", n)
	}
}
