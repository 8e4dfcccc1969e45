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

func TestUserLanguage(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	acme, err := db.InsertTenant(ctx, "acme", "ACME Distribution")
	if err != nil {
		t.Fatal(err)
	}
	globex, err := db.InsertTenant(ctx, "globex", "Globex")
	if err != nil {
		t.Fatal(err)
	}
	julie, err := db.InsertUser(ctx, triage.User{TenantID: acme.ID, Login: "julie", Name: "Julie Martin", Role: triage.RoleCollector}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	emma, err := db.InsertUser(ctx, triage.User{TenantID: acme.ID, Login: "emma", Name: "Emma Clarke", Role: triage.RoleAdmin, Lang: triage.LangEN}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	lang := func(login string) string {
		t.Helper()
		u, err := db.UserByLoginInTenant(ctx, acme.ID, login)
		if err != nil {
			t.Fatal(err)
		}
		return u.Lang
	}
	if got := lang("julie"); got != "fr" {
		t.Errorf("a user created without a language speaks %q, want fr", got)
	}
	if got := lang("emma"); got != "en" {
		t.Errorf("emma speaks %q", got)
	}

	if err := db.SetUserLang(ctx, acme.ID, julie.ID, triage.LangEN); err != nil {
		t.Fatal(err)
	}
	// The session carries the language to every page.
	if err := db.CreateSession(ctx, store.Session{ID: "s1", User: triage.User{ID: julie.ID, TenantID: acme.ID},
		CSRF: "c", Expires: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if s, err := db.SessionByID(ctx, "s1", time.Hour); err != nil || s.User.Lang != "en" {
		t.Errorf("session user language = %q, %v", s.User.Lang, err)
	}

	for _, tc := range []struct {
		name     string
		tenant   int64
		lang     string
		want     func(error) bool
		wantLang string
	}{
		{"German", acme.ID, "de", isValidation, "en"},
		{"empty", acme.ID, "", isValidation, "en"},
		{"another tenant's user", globex.ID, "fr", func(err error) bool { return errors.Is(err, triage.ErrNotFound) }, "en"},
		{"back to French", acme.ID, "fr", func(err error) bool { return err == nil }, "fr"},
	} {
		if err := db.SetUserLang(ctx, tc.tenant, julie.ID, tc.lang); !tc.want(err) {
			t.Errorf("%s: unexpected err %v", tc.name, err)
		}
		if got := lang("julie"); got != tc.wantLang {
			t.Errorf("%s: julie speaks %q, want %q", tc.name, got, tc.wantLang)
		}
	}

	// An update without a language keeps the user's; with one, changes it.
	if err := db.UpdateUser(ctx, acme.ID, emma.ID, triage.RoleAdmin, "", false); err != nil {
		t.Fatal(err)
	}
	if got := lang("emma"); got != "en" {
		t.Errorf("an update without a language changed emma's to %q", got)
	}
	if err := db.UpdateUser(ctx, acme.ID, emma.ID, triage.RoleAdmin, "fr", false); err != nil {
		t.Fatal(err)
	}
	if got := lang("emma"); got != "fr" {
		t.Errorf("emma speaks %q after the update", got)
	}
	// The column refuses what the code would not write.
	if err := db.UpdateUser(ctx, acme.ID, emma.ID, triage.RoleAdmin, "xx", false); err == nil {
		t.Error("the database accepted the language xx")
	}
}

func isValidation(err error) bool {
	var verr *triage.ValidationError
	return errors.As(err, &verr)
}
