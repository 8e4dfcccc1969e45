package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

func TestJobQueue(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, err := db.InsertTenant(ctx, "t1", "T1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ClaimJob(ctx, time.Minute); !errors.Is(err, store.ErrNoJob) {
		t.Fatalf("empty queue: %v", err)
	}
	// Ingesting two replies enqueues two suggestion jobs, in the same transactions.
	var ids []int64
	for _, mid := range []string{"<a@x>", "<b@x>"} {
		r, created, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: mid,
			ReceivedAt: time.Now(), Text: "hello"})
		if err != nil || !created {
			t.Fatal(err, created)
		}
		ids = append(ids, r.ID)
	}
	// A duplicate message enqueues nothing.
	if _, created, err := db.InsertReply(ctx, triage.NewReply{TenantID: tn.ID, Source: triage.SourceAPI, MessageID: "<a@x>",
		ReceivedAt: time.Now(), Text: "hello again"}); err != nil || created {
		t.Fatalf("duplicate: created=%v err=%v", created, err)
	}
	j1, err := db.ClaimJob(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	j2, err := db.ClaimJob(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if j1.ID == j2.ID {
		t.Fatal("the same job was claimed twice")
	}
	if _, err := db.ClaimJob(ctx, time.Minute); !errors.Is(err, store.ErrNoJob) {
		t.Fatalf("both jobs are leased, want ErrNoJob, got %v", err)
	}
	for i, j := range []store.Job{j1, j2} {
		if id, err := j.ReplyID(); err != nil || id != ids[i] || j.Kind != store.JobSuggest || j.Attempts != 1 {
			t.Errorf("job %+v: reply %d %v", j, id, err)
		}
	}
	if err := db.CompleteJob(ctx, j1.ID); err != nil {
		t.Fatal(err)
	}
	// A failure with no backoff makes the job ready again, until attempts run out.
	for attempt := 1; attempt <= 5; attempt++ {
		if err := db.FailJob(ctx, j2.ID, errors.New("boom"), 0); err != nil {
			t.Fatal(err)
		}
		j, err := db.ClaimJob(ctx, time.Minute)
		if attempt == 5 {
			if !errors.Is(err, store.ErrNoJob) {
				t.Fatalf("job must be dead after 5 attempts, claimed %+v %v", j, err)
			}
			break
		}
		if err != nil || j.ID != j2.ID || j.Attempts != attempt+1 {
			t.Fatalf("attempt %d: %+v %v", attempt, j, err)
		}
	}
}

func TestSessions(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	tn, _ := db.InsertTenant(ctx, "t1", "T1")
	u, err := db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: "Julie", Name: "Julie", Role: triage.RoleCollector}, []byte("hash"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: "julie", Name: "J2", Role: triage.RoleAdmin}, []byte("h")); !errors.Is(err, triage.ErrConflict) {
		t.Errorf("logins are case-insensitively unique: %v", err)
	}
	got, hash, err := db.UserByLogin(ctx, "JULIE")
	if err != nil || got.ID != u.ID || string(hash) != "hash" {
		t.Fatalf("user by login: %+v %q %v", got, hash, err)
	}
	if err := db.CreateSession(ctx, store.Session{ID: "s1", User: u, CSRF: "c1", Expires: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSession(ctx, store.Session{ID: "old", User: u, CSRF: "c2", Expires: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	s, err := db.SessionByID(ctx, "s1", 2*time.Hour)
	if err != nil || s.User.ID != u.ID || s.CSRF != "c1" || time.Until(s.Expires) < 90*time.Minute {
		t.Errorf("session: %+v %v (expiry must slide to the new ttl)", s, err)
	}
	if _, err := db.SessionByID(ctx, "old", time.Hour); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	if n, err := db.PurgeSessions(ctx); err != nil || n != 1 {
		t.Errorf("purge: %d %v", n, err)
	}
	if err := db.DeleteSession(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByID(ctx, "s1", time.Hour); !errors.Is(err, triage.ErrNotFound) {
		t.Errorf("deleted session: %v", err)
	}
}
