package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/triage"
)

const sessionCookieName = "triage_session"

// sessionToken returns the session cookie the browser holds, "" if none.
func (b *browser) sessionToken() string {
	b.t.Helper()
	u, err := url.Parse(b.base)
	must(b.t, err)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == sessionCookieName {
			return c.Value
		}
	}
	return ""
}

// plantSession sets a session cookie in the browser, as an attacker able to
// write cookies for the site (a sibling subdomain, a shared computer) would.
func (b *browser) plantSession(token string) {
	b.t.Helper()
	u, err := url.Parse(b.base)
	must(b.t, err)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookieName, Value: token, Path: "/"}})
}

func TestLoginRenewsTheSession(t *testing.T) {
	f := newFixture(t)
	for name, planted := range map[string]func() string{
		"made-up token": func() string { return "n0tARealSessionButOneTheAttackerKnows0000000" },
		"attacker's live session": func() string {
			attacker := f.browser()
			if p := attacker.login("marc", password); p.status != http.StatusSeeOther {
				t.Fatalf("marc's login = %d", p.status)
			}
			return attacker.sessionToken()
		},
	} {
		t.Run(name, func(t *testing.T) {
			token := planted()
			// The cookie is planted while julie has the login page open.
			victim := f.browser()
			csrf := field(t, victim.get("/login"), csrfPattern)
			victim.plantSession(token)
			if p := victim.post("/login", url.Values{"csrf": {csrf}, "login": {"julie"}, "password": {password}}); p.status != http.StatusSeeOther {
				t.Fatalf("julie's login = %d", p.status)
			}
			after := victim.sessionToken()
			if after == "" || after == token {
				t.Fatalf("the session token after login is %q: the planted one was kept", after)
			}
			// Whoever holds the planted token is not julie.
			attacker := f.browser()
			attacker.plantSession(token)
			if p := attacker.get("/queue"); p.status != http.StatusSeeOther || p.location != "/login" {
				t.Errorf("the planted token after julie's login: /queue = %d %q, want a redirect to /login", p.status, p.location)
			}
			if p := victim.get("/queue"); p.status != http.StatusOK || !strings.Contains(p.body, "Julie") {
				t.Errorf("julie's new session: /queue = %d", p.status)
			}
		})
	}
}

func TestLogoutEndsTheSessionOnTheServer(t *testing.T) {
	f := newFixture(t)
	b := f.loggedIn()
	old := b.sessionToken()
	csrf := field(t, b.get("/queue"), csrfPattern)
	if p := b.post("/logout", url.Values{"csrf": {csrf}}); p.status != http.StatusSeeOther {
		t.Fatalf("logout = %d", p.status)
	}
	// A copy of the cookie taken before logout (a stolen one, a back
	// button) opens nothing.
	replay := f.browser()
	replay.plantSession(old)
	for _, target := range []string{"/queue", "/agenda", "/customers"} {
		if p := replay.get(target); p.status != http.StatusSeeOther || p.location != "/login" {
			t.Errorf("%s with the logged-out cookie = %d %q, want a redirect to /login", target, p.status, p.location)
		}
	}
	if p := replay.post("/queue/bulk", url.Values{"csrf": {csrf}, "action": {"delete"}}); p.status == http.StatusSeeOther && p.location != "/login" || p.status == http.StatusOK {
		t.Errorf("a post with the logged-out cookie = %d %q", p.status, p.location)
	}
}

func TestLoginBruteForceIsLimitedPerLogin(t *testing.T) {
	f := newFixture(t)
	f.admin() // boss, whose login must keep working
	attacker := f.browser()
	for i := range 10 {
		if p := attacker.login("julie", "motdepasse"+strings.Repeat("!", i)); p.status != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d", i+1, p.status)
		}
	}
	// The right password no longer helps from this address.
	if p := attacker.login("julie", password); p.status != http.StatusTooManyRequests {
		t.Errorf("julie's 11th attempt = %d, want 429", p.status)
	}
	if p := attacker.login("JULIE ", password); p.status != http.StatusTooManyRequests {
		t.Errorf("julie's login in capitals = %d, want 429: case and spaces must not reset the count", p.status)
	}
	// Another user behind the same address logs in.
	if p := f.browser().login("boss", password); p.status != http.StatusSeeOther {
		t.Errorf("boss's login after julie's lockout = %d, want 303", p.status)
	}
}

func TestPasswordSprayingIsLimitedPerAddress(t *testing.T) {
	f := newFixture(t)
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	must(t, err)
	var logins []string
	for i := range 6 {
		u, err := f.db.InsertUser(context.Background(), triage.User{TenantID: f.acme.ID, Login: fmt.Sprintf("compta%d", i),
			Name: fmt.Sprintf("Compta %d", i), Role: triage.RoleCollector}, hash)
		must(t, err)
		logins = append(logins, u.Login)
	}
	attacker := f.browser()
	// One password tried on six logins: none reaches its own limit of 10.
	for i := range 50 {
		if p := attacker.login(logins[i%len(logins)], "Printemps2026!"); p.status != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d", i+1, p.status)
		}
	}
	if p := attacker.login(logins[50%len(logins)], "Printemps2026!"); p.status != http.StatusTooManyRequests {
		t.Errorf("the 51st failed login from one address = %d, want 429", p.status)
	}
}
