package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestReports: suggestions kept and rejected show in the acceptance table,
// the chart and the CSV; the queue age and the qualification rate count.
func TestReports(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	b := f.loggedIn()
	kept := f.ingest(f.customer, "Prix", "Le prix de la F-2026-01187 est faux", time.Now().Add(-time.Hour))
	changed := f.ingest(f.customer, "Autre", "Merci de me rappeler", time.Now().Add(-50*time.Hour))
	f.ingest(f.customer, "Ancienne", "Toujours en attente", time.Now().Add(-10*24*time.Hour))
	a := triage.Actor{TenantID: f.acme.ID, UserID: f.julie.ID, Role: triage.RoleCollector}
	if res, err := f.svc.AcceptSuggestions(ctx, a, []int64{kept.ID}, triage.AcceptOptions{Resolver: "Commercial"}); err != nil || len(res.Done) != 1 {
		t.Fatalf("accept: %+v %v", res, err)
	}
	sg, err := f.db.LatestSuggestion(ctx, f.acme.ID, changed.ID)
	must(t, err)
	csrf := field(t, b.get(path(changed, "")), csrfPattern)
	if p := b.post(path(changed, "qualify"), url.Values{"csrf": {csrf}, "status": {"other"}, "suggestion_id": {fmt.Sprint(sg.ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("qualify = %d", p.status)
	}
	page := b.get("/reports")
	if page.status != http.StatusOK {
		t.Fatalf("reports = %d", page.status)
	}
	row := regexp.MustCompile(`<tr><td>Litige prix</td><td>fake</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>([^<]+)</td></tr>`).FindStringSubmatch(page.body)
	if row == nil || row[1] != "1" || row[2] != "0" || row[3] != "1" || row[4] != "50\u00a0%" {
		t.Errorf("acceptance row %q in:\n%s", row, page.body)
	}
	if !strings.Contains(page.body, `<svg class="chart"`) || !strings.Contains(page.body, "<title>Suggestions acceptées par semaine</title>") ||
		!strings.Contains(page.body, "(1/2)</title>") {
		t.Error("no chart, or the week's bar does not say 1/2")
	}
	// One pending reply left, ten days old.
	if !strings.Contains(page.body, "<td>0</td><td>0</td><td>0</td><td>1</td>") {
		t.Errorf("queue age is wrong")
	}
	resp, err := b.c.Get(b.base + "/reports/acceptance.csv")
	must(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(lines) != 2 || !strings.HasSuffix(lines[1], ",price_dispute,fake,1,0,1") {
		t.Errorf("CSV %q %v", body, resp.Header)
	}
}
