package web_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/triage"
)

// startIMAP runs go-imap's in-memory server on 127.0.0.1:0 with one account
// and an "Archive" folder, until the test ends.
func startIMAP(t *testing.T, user, pass string) (host string, port int) {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, pass)
	for _, f := range []string{"INBOX", "Archive"} {
		must(t, u.Create(f, nil))
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	h, p, _ := net.SplitHostPort(ln.Addr().String())
	port, _ = strconv.Atoi(p)
	return h, port
}

// TestAdminMailboxes: an administrator adds a mailbox from the page and
// tests it: the folders when it works, the reason when it does not.
func TestAdminMailboxes(t *testing.T) {
	t.Setenv("TRIAGE_TEST_IMAP_PASS", "s3cret")
	t.Setenv("TRIAGE_TEST_IMAP_WRONG", "nope")
	f := newFixture(t)
	ctx := context.Background()
	host, port := startIMAP(t, "ar@acme.test", "s3cret")
	if p := f.loggedIn().get("/admin/mailboxes"); p.status != http.StatusForbidden {
		t.Errorf("collector on the mailboxes page = %d", p.status)
	}
	b, _ := f.admin()
	list := b.get("/admin/mailboxes")
	csrf := field(t, list, csrfPattern)
	add := func(name, h, ref string) page {
		return b.post("/admin/mailboxes", url.Values{"csrf": {csrf}, "name": {name}, "host": {h}, "port": {strconv.Itoa(port)},
			"tls": {"none"}, "user": {"ar@acme.test"}, "password_ref": {ref}, "folder": {"INBOX"}, "processed": {"Archive"}})
	}
	if p := add("ar", "bad host/", "env:TRIAGE_TEST_IMAP_PASS"); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "« bad host/ » n&#39;est ni un nom de serveur ni une adresse IP.") {
		t.Errorf("bad host = %d", p.status)
	}
	if p := add("ar", host, "s3cret"); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "env:") {
		t.Errorf("a password instead of its reference = %d", p.status)
	}
	for _, m := range [][2]string{{"ar", "env:TRIAGE_TEST_IMAP_PASS"}, {"old", "env:TRIAGE_TEST_IMAP_WRONG"}} {
		if p := add(m[0], host, m[1]); p.status != http.StatusSeeOther {
			t.Fatalf("add %s = %d\n%s", m[0], p.status, p.body)
		}
	}
	list = b.get("/admin/mailboxes")
	ids := regexp.MustCompile(`action="/admin/mailboxes/(\d+)/test"`).FindAllStringSubmatch(list.body, -1)
	if len(ids) != 2 {
		t.Fatalf("%d mailboxes listed", len(ids))
	}
	ok := b.post("/admin/mailboxes/"+ids[0][1]+"/test", url.Values{"csrf": {csrf}})
	if ok.status != http.StatusOK || !strings.Contains(ok.body, "Connexion réussie à « ar »") || !strings.Contains(ok.body, "Archive, INBOX") {
		t.Errorf("test of a working mailbox = %d\n%s", ok.status, ok.body)
	}
	bad := b.post("/admin/mailboxes/"+ids[1][1]+"/test", url.Values{"csrf": {csrf}})
	if bad.status != http.StatusOK || !strings.Contains(bad.body, "« old » : Le serveur IMAP a refusé la connexion de « ar@acme.test » : ") || strings.Contains(bad.body, "Connexion réussie") {
		t.Errorf("test with a wrong password = %d\n%s", bad.status, bad.body)
	}
	// Another tenant's admin cannot test them.
	hash, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	_, err := f.db.InsertUser(ctx, triage.User{TenantID: f.globex.ID, Login: "gboss", Name: "G", Role: triage.RoleAdmin}, hash)
	must(t, err)
	g := f.browser()
	g.login("gboss", password)
	gcsrf := field(t, g.get("/admin/mailboxes"), csrfPattern)
	if p := g.post("/admin/mailboxes/"+ids[0][1]+"/test", url.Values{"csrf": {gcsrf}}); p.status != http.StatusNotFound {
		t.Errorf("another tenant tests the mailbox: %d", p.status)
	}
}
