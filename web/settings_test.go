package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/triage-ar/triage/triage"
)

// TestAdminSettings: only administrators reach the settings, which are
// validated and saved.
func TestAdminSettings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if p := f.loggedIn().get("/admin/settings"); p.status != http.StatusForbidden {
		t.Errorf("collector on /admin/settings = %d, want 403", p.status)
	}
	b, _ := f.admin()
	page := b.get("/admin/settings")
	if page.status != http.StatusOK || !strings.Contains(page.body, `value="60"`) || !strings.Contains(page.body, `<option value="FR" selected>`) {
		t.Fatalf("settings page = %d\n%s", page.status, page.body)
	}
	csrf := field(t, page, csrfPattern)
	for _, bad := range []url.Values{
		{"threshold": {"150"}, "country": {"FR"}},
		{"threshold": {"70"}, "country": {"XX"}},
		{"threshold": {"70"}, "country": {"FR"}, "closed": {"24/12/2026"}},
	} {
		bad.Set("csrf", csrf)
		if p := b.post("/admin/settings", bad); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, `class="error"`) {
			t.Errorf("%v = %d", bad, p.status)
		}
	}
	if p := b.post("/admin/settings", url.Values{"threshold": {"75"}, "country": {"BE"}, "closed": {"2026-12-24\n2026-12-31"}}); p.status != http.StatusForbidden {
		t.Errorf("settings without CSRF = %d", p.status)
	}
	p := b.post("/admin/settings", url.Values{"csrf": {csrf}, "threshold": {"75"}, "country": {"BE"}, "closed": {"2026-12-24\n2026-12-31"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", p.status, p.body)
	}
	set, err := f.db.Settings(ctx, f.acme.ID)
	if err != nil || set.ConfidenceThreshold != 0.75 || set.Calendar.Country != "BE" || len(set.Calendar.Closed) != 2 ||
		!set.Calendar.Closed[1].Equal(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("saved settings %+v %v", set, err)
	}
	if other, _ := f.db.Settings(ctx, f.globex.ID); other.ConfidenceThreshold != triage.DefaultConfidenceThreshold {
		t.Errorf("another tenant's settings changed: %+v", other)
	}
}
