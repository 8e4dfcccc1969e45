package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestAdminUsers: an administrator adds a collector who can log in,
// disables them (their session ends), cannot demote the last admin, and
// creates an API token shown once, then revokes it.
func TestAdminUsers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if p := f.loggedIn().get("/admin/users"); p.status != http.StatusForbidden {
		t.Errorf("collector on /admin/users = %d", p.status)
	}
	b, boss := f.admin()
	csrf := field(t, b.get("/admin/users"), csrfPattern)
	post := func(v url.Values) page {
		v.Set("csrf", csrf)
		return b.post("/admin/users", v)
	}
	if p := post(url.Values{"op": {"add"}, "login": {"leo"}, "name": {"Léo"}, "role": {"collector"}, "password": {"short"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("short password = %d", p.status)
	}
	if p := post(url.Values{"op": {"add"}, "login": {"julie"}, "name": {"Other Julie"}, "role": {"collector"}, "password": {"a long enough password"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("taken login = %d", p.status)
	}
	if p := post(url.Values{"op": {"add"}, "login": {"leo"}, "name": {"Léo"}, "email": {"leo@acme.test"}, "role": {"collector"}, "password": {"a long enough password"}}); p.status != http.StatusSeeOther {
		t.Fatalf("add = %d", p.status)
	}
	leo := f.browser()
	if p := leo.login("leo", "a long enough password"); p.status != http.StatusSeeOther {
		t.Fatalf("the new user cannot log in: %d", p.status)
	}
	u, err := f.db.UserByLoginInTenant(ctx, f.acme.ID, "leo")
	must(t, err)
	if p := post(url.Values{"op": {"update"}, "id": {fmt.Sprint(u.ID)}, "role": {"collector"}, "disabled": {"1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("disable = %d", p.status)
	}
	if p := leo.get("/queue"); p.status != http.StatusSeeOther {
		t.Errorf("a disabled user's session still works: %d", p.status)
	}
	if p := post(url.Values{"op": {"update"}, "id": {fmt.Sprint(boss.ID)}, "role": {"collector"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "Gardez au moins un administrateur actif.") {
		t.Errorf("demoting the last admin = %d", p.status)
	}
	p := post(url.Values{"op": {"token"}, "name": {"ERP"}})
	m := regexp.MustCompile(`<pre class="token">(trg_[A-Za-z0-9_-]+)</pre>`).FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil {
		t.Fatalf("token creation = %d\n%s", p.status, p.body)
	}
	if st, _ := f.apiDo(http.MethodGet, "/api/v1/replies", m[1], "", "", ""); st != http.StatusOK {
		t.Errorf("the new token does not work: %d", st)
	}
	if strings.Contains(b.get("/admin/users").body, m[1]) {
		t.Error("the token is shown again")
	}
	if p := post(url.Values{"op": {"revoke"}, "name": {"ERP"}}); p.status != http.StatusSeeOther {
		t.Errorf("revoke = %d", p.status)
	}
	if st, _ := f.apiDo(http.MethodGet, "/api/v1/replies", m[1], "", "", ""); st != http.StatusUnauthorized {
		t.Errorf("a revoked token works: %d", st)
	}
}
