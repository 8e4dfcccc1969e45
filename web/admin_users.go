package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// minPassword is the shortest password an administrator may set.
const minPassword = 12

// usersPage is the administrators' page of users and API tokens.
type usersPage struct {
	Users    []store.UserRow
	Tokens   []store.APIToken
	NewToken string // shown once, right after it was created
	Error    string
	Langs    []string // the languages a user's pages can be in
}

func (s *server) adminUsers(c *gin.Context) { s.renderUsers(c, http.StatusOK, usersPage{}) }

func (s *server) renderUsers(c *gin.Context, status int, p usersPage) {
	ctx := c.Request.Context()
	a := actorOf(c)
	var err error
	if p.Users, err = s.db.AllUsers(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	if p.Tokens, err = s.db.APITokens(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	p.Langs = triage.Langs
	c.Header("Cache-Control", "no-store") // a new token is on the page once
	s.render(c, status, "users", view{TitleKey: "admin.users.title", Page: p})
}

// saveUsers handles the page's forms: add a user, change a user's role or
// access, create or revoke an API token.
func (s *server) saveUsers(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	var err error
	switch f.Get("op") {
	case "add":
		err = s.addUser(c, f.Get("login"), f.Get("name"), f.Get("email"), triage.Role(f.Get("role")), f.Get("lang"), f.Get("password"))
	case "update":
		id, perr := strconv.ParseInt(f.Get("id"), 10, 64)
		if perr != nil {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		role, lang := triage.Role(f.Get("role")), f.Get("lang")
		switch {
		case !role.Valid():
			err = refuse("role", "admin.users.err.role")
		case lang != "" && !triage.IsLang(lang): // none posted: the user keeps theirs
			err = refuse("lang", "admin.users.err.lang")
		default:
			err = s.db.UpdateUser(ctx, a.TenantID, id, role, lang, f.Get("disabled") == "1")
		}
	case "token":
		name := strings.TrimSpace(f.Get("name"))
		if name == "" || utf8.RuneCountInString(name) > 60 {
			err = refuse("name", "admin.users.err.token")
			break
		}
		tok, hash := inbox.NewAPIToken()
		if err = s.db.CreateAPIToken(ctx, a.TenantID, name, hash); err == nil {
			s.renderUsers(c, http.StatusOK, usersPage{NewToken: tok})
			return
		}
	case "revoke":
		err = s.db.RevokeAPIToken(ctx, a.TenantID, f.Get("name"))
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	var verr *triage.ValidationError
	switch {
	case errors.As(err, &verr) && verr.Field == "role": // the store keeps one administrator
		s.renderUsers(c, http.StatusUnprocessableEntity, usersPage{Error: tr(langOf(c), "admin.users.err.last_admin")})
		return
	case errors.As(err, new(*refusal)):
		msg, _ := refusalText(langOf(c), err)
		s.renderUsers(c, http.StatusUnprocessableEntity, usersPage{Error: msg})
		return
	case errors.Is(err, triage.ErrConflict):
		s.renderUsers(c, http.StatusUnprocessableEntity, usersPage{Error: tr(langOf(c), "admin.users.err.conflict")})
		return
	case err != nil:
		s.fail(c, err)
		return
	}
	s.setFlash(c, "settings")
	c.Redirect(http.StatusSeeOther, "/admin/users")
}

// addUser checks and creates a user with a bcrypt-hashed password.
func (s *server) addUser(c *gin.Context, login, name, email string, role triage.Role, lang, password string) error {
	login, name, email = strings.TrimSpace(login), strings.TrimSpace(name), strings.TrimSpace(email)
	switch {
	case login == "" || strings.ContainsAny(login, " \t@") || len(login) > 60:
		return refuse("login", "admin.users.err.login")
	case name == "":
		return refuse("name", "admin.users.err.name")
	case !role.Valid():
		return refuse("role", "admin.users.err.role")
	case lang != "" && !triage.IsLang(lang): // none posted: French, the default
		return refuse("lang", "admin.users.err.lang")
	case utf8.RuneCountInString(password) < minPassword || len(password) > 72:
		return refuse("password", "admin.users.err.password")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	_, err = s.db.InsertUser(c.Request.Context(), triage.User{TenantID: actorOf(c).TenantID, Login: login, Name: name, Email: email, Role: role, Lang: lang}, hash)
	return err
}
