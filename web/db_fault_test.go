package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/store/storetest"
	"github.com/triage-ar/triage/triage"
)

// TestFaultPostgresRestart stops the database under a running triage while
// replies stream in and a collector qualifies: pages answer 503 (not a 500
// or a panic), /readyz names the database, ingestion fails with an error
// that says so, and once Postgres is back the same pool serves again, the
// retries succeed, and no reply lacks its suggestion job nor any
// qualification its reply's new state.
func TestFaultPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Postgres cluster of its own")
	}
	cluster := storetest.StartCluster(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := store.Migrate(ctx, cluster.URL(), log); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, cluster.URL(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	f := newFixtureOn(t, db)
	b := f.loggedIn()
	r := f.ingest(f.customer, "RE: Relance F-2026-01187", "Nous contestons le prix de la facture F-2026-01187.", time.Now())
	rp := b.get(path(r, ""))
	if rp.status != http.StatusOK {
		t.Fatalf("reply page = %d", rp.status)
	}
	form := url.Values{"csrf": {field(t, rp, csrfPattern)}, "status": {"price_dispute"}, "resolver": {"Service commercial"},
		"comment": {"Prix du devis non appliqué"}, "items": {"F-2026-01187"}, "suggestion_id": {field(t, rp, suggestionPattern)},
		"follow_up": {triage.Day(time.Now()).AddDate(0, 0, 4).Format(time.DateOnly)}}

	// A stream of replies, as a mailbox poller or the API would store them,
	// that keeps going through the outage and remembers what failed.
	stream := newReplyStream(f)
	streamCtx, stopStream := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { stream.run(streamCtx) })
	t.Cleanup(func() { stopStream(); wg.Wait() })
	stream.waitStored(t, 5)

	cluster.Stop()
	stream.waitFailed(t, 1)

	ready := getJSON(t, f.srv.URL+"/readyz")
	if ready.status != http.StatusServiceUnavailable || ready.body["ready"] != false || fmt.Sprint(ready.body["failing"]) != "[database]" {
		t.Errorf("readyz with the database down = %d %v, want 503 naming the database", ready.status, ready.body)
	}
	for _, p := range []page{b.get("/queue"), b.get(path(r, "")), b.post(path(r, "qualify"), form)} {
		if p.status != http.StatusServiceUnavailable || !strings.Contains(p.body, "Momentanément indisponible") {
			t.Errorf("a page with the database down = %d, want 503 with the unavailable page\n%s", p.status, p.body)
		}
	}
	_, err = f.svc.Ingest(ctx, triage.NewReply{TenantID: f.acme.ID, Source: triage.SourceAPI, MessageID: "<outage@test>",
		From: "compta@boulangerie-martin.fr", Subject: "RE: Relance", Text: "Payé hier.", ReceivedAt: time.Now()})
	if err == nil || !store.Unavailable(err) || !strings.HasPrefix(err.Error(), "triage: ingest: ") {
		t.Errorf("ingest with the database down = %v, want a wrapped unavailable error", err)
	}

	cluster.Start()
	// The same pool, without a restart of triage: the connections the
	// restart broke are replaced as they are found dead.
	deadline := time.Now().Add(30 * time.Second)
	for getJSON(t, f.srv.URL+"/readyz").status != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("readyz not 200 within 30 s of the database's restart")
		}
		time.Sleep(50 * time.Millisecond)
	}
	stream.waitStoredAfterRestart(t, 5)
	stopStream()
	wg.Wait()

	// (It goes on to the next pending reply: the stream left many.)
	if p := b.post(path(r, "qualify"), form); p.status != http.StatusSeeOther {
		t.Fatalf("qualify retried after the restart = %d → %q\n%s", p.status, p.location, p.body)
	}
	if p := b.post(path(r, "qualify"), form); p.status != http.StatusConflict {
		t.Errorf("qualify posted again = %d, want 409: one qualification only", p.status)
	}
	got, err := f.db.Reply(ctx, f.acme.ID, r.ID)
	must(t, err)
	if got.State != triage.StateQualified {
		t.Errorf("the qualified reply is %s", got.State)
	}

	// The failed ingests, retried, are stored once each.
	for _, mid := range stream.failedIDs() {
		if _, err := f.svc.Ingest(ctx, stream.reply(mid)); err != nil {
			t.Errorf("ingest %s retried after the restart: %v", mid, err)
		}
	}
	assertNoPartialWrites(t, cluster.URL(), f.acme.ID, stream.allIDs())
}

// assertNoPartialWrites checks that each message of ids is stored exactly
// once with its suggestion job, and that each qualification left its reply
// qualified: what one transaction writes is all there or not at all.
func assertNoPartialWrites(t *testing.T, dbURL string, tenantID int64, ids []string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	must(t, err)
	defer conn.Close(ctx)
	var stored, distinct, withoutJob, badQualified int
	must(t, conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT message_id) FROM reply WHERE tenant_id = $1 AND message_id = ANY($2)`,
		tenantID, ids).Scan(&stored, &distinct))
	if stored != len(ids) || distinct != len(ids) {
		t.Errorf("%d replies stored (%d distinct) of %d messages sent: want each exactly once", stored, distinct, len(ids))
	}
	must(t, conn.QueryRow(ctx, `SELECT count(*) FROM reply r WHERE r.tenant_id = $1 AND NOT EXISTS
		(SELECT 1 FROM job j WHERE j.tenant_id = r.tenant_id AND j.kind = 'suggest' AND (j.payload->>'reply_id')::bigint = r.id)`,
		tenantID).Scan(&withoutJob))
	if withoutJob != 0 {
		t.Errorf("%d replies without their suggestion job", withoutJob)
	}
	must(t, conn.QueryRow(ctx, `SELECT count(*) FROM qualification q JOIN reply r ON r.tenant_id = q.tenant_id AND r.id = q.reply_id
		WHERE q.tenant_id = $1 AND q.superseded_at IS NULL AND r.state <> 'qualified'`, tenantID).Scan(&badQualified))
	if badQualified != 0 {
		t.Errorf("%d qualifications whose reply is not qualified", badQualified)
	}
}

// replyStream ingests numbered replies one after the other until stopped,
// recording which failed.
type replyStream struct {
	f        *fixture
	mu       sync.Mutex
	sent     []string
	failed   map[string]error
	restored int // stored after the first failure
	changed  chan struct{}
}

func newReplyStream(f *fixture) *replyStream {
	return &replyStream{f: f, failed: map[string]error{}, changed: make(chan struct{}, 1)}
}

func (s *replyStream) reply(mid string) triage.NewReply {
	cid := s.f.customer.ID
	return triage.NewReply{TenantID: s.f.acme.ID, Source: triage.SourceAPI, MessageID: mid, CustomerID: &cid,
		From: "Compta <compta@boulangerie-martin.fr>", Subject: "RE: Relance " + mid,
		Text: "Bonjour, la facture F-2026-01302 sera réglée vendredi. " + mid, ReceivedAt: time.Now()}
}

func (s *replyStream) run(ctx context.Context) {
	for i := 0; ctx.Err() == nil; i++ {
		mid := fmt.Sprintf("<stream-%04d@boulangerie-martin.fr>", i)
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := s.f.svc.Ingest(rctx, s.reply(mid))
		cancel()
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			err = errors.New("stopped") // retried at the end like any failure
		}
		s.mu.Lock()
		s.sent = append(s.sent, mid)
		if err != nil {
			s.failed[mid] = err
		} else if len(s.failed) > 0 {
			s.restored++
		}
		s.mu.Unlock()
		select {
		case s.changed <- struct{}{}:
		default:
		}
		if err != nil {
			// A caller backs off; the outage lasts as long as the test says.
			select {
			case <-ctx.Done():
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
}

// waitUntil waits for the stream's state to satisfy ok, 60 s at most.
func (s *replyStream) waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		s.mu.Lock()
		done := ok()
		s.mu.Unlock()
		if done {
			return
		}
		select {
		case <-s.changed:
		case <-deadline:
			t.Fatalf("the reply stream: not %s within 60 s", what)
		}
	}
}

func (s *replyStream) waitStored(t *testing.T, n int) {
	t.Helper()
	s.waitUntil(t, fmt.Sprintf("%d stored", n), func() bool { return len(s.sent)-len(s.failed) >= n })
}

func (s *replyStream) waitFailed(t *testing.T, n int) {
	t.Helper()
	s.waitUntil(t, fmt.Sprintf("%d failed", n), func() bool { return len(s.failed) >= n })
}

func (s *replyStream) waitStoredAfterRestart(t *testing.T, n int) {
	t.Helper()
	s.waitUntil(t, fmt.Sprintf("%d stored after the restart", n), func() bool { return s.restored >= n })
}

func (s *replyStream) failedIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.failed))
	for mid, err := range s.failed {
		if !store.Unavailable(err) && err.Error() != "stopped" {
			s.f.t.Errorf("ingest %s failed with %v, not as the database being unavailable", mid, err)
		}
		out = append(out, mid)
	}
	return out
}

func (s *replyStream) allIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sent...)
}

type jsonPage struct {
	status int
	body   map[string]any
}

func getJSON(t *testing.T, u string) jsonPage {
	t.Helper()
	resp, err := http.Get(u)
	must(t, err)
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: %d, not JSON: %v", u, resp.StatusCode, err)
	}
	return jsonPage{status: resp.StatusCode, body: body}
}
