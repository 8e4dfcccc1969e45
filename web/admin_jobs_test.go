package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestDeadJobs: a job that failed all its attempts is listed for admins
// with its error, and a retry puts it back in the queue.
func TestDeadJobs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// A reply whose suggestion job fails every time.
	_, err := f.svc.Ingest(ctx, triage.NewReply{TenantID: f.acme.ID, Source: triage.SourceAPI, MessageID: "dead@x", ReceivedAt: time.Now(), Text: "x"})
	must(t, err)
	for range 5 {
		j, err := f.db.ClaimJob(ctx, time.Minute)
		must(t, err)
		must(t, f.db.FailJob(ctx, j.ID, errors.New("the LLM endpoint timed out"), 0))
	}
	dead, err := f.db.DeadJobs(ctx, f.acme.ID)
	if err != nil || len(dead) != 1 || dead[0].Kind != "suggest" {
		t.Fatalf("dead jobs %+v %v", dead, err)
	}
	b, _ := f.admin()
	page := b.get("/admin/jobs")
	if !strings.Contains(page.body, "the LLM endpoint timed out") {
		t.Fatalf("the dead job is not listed:\n%s", page.body)
	}
	csrf := field(t, page, csrfPattern)
	if p := b.post("/admin/jobs", url.Values{"csrf": {csrf}, "id": {strconv.FormatInt(dead[0].ID, 10)}}); p.status != http.StatusSeeOther {
		t.Fatalf("retry = %d", p.status)
	}
	if dead, _ := f.db.DeadJobs(ctx, f.acme.ID); len(dead) != 0 {
		t.Error("the job is still dead")
	}
	if _, err := f.db.ClaimJob(ctx, time.Minute); err != nil {
		t.Errorf("the retried job cannot be claimed: %v", err)
	}
	if p := f.loggedIn().get("/admin/jobs"); p.status != http.StatusForbidden {
		t.Errorf("collector on jobs = %d", p.status)
	}
}
