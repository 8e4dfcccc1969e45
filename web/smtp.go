package web

import (
	"errors"
	"net/http"
	"net/mail"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// smtpPage is the administrators' page of the server email is sent through.
type smtpPage struct {
	Host, Port, TLS, User, PasswordRef, From string
	Error                                    string
}

func (s *server) smtpSettings(c *gin.Context) {
	p := smtpPage{TLS: "starttls", Port: "587"}
	a, err := s.db.SMTPAccount(c.Request.Context(), actorOf(c).TenantID)
	switch {
	case err == nil:
		p = smtpPage{Host: a.Host, Port: strconv.Itoa(a.Port), TLS: a.TLSMode, User: a.Username, PasswordRef: a.PasswordRef, From: a.From}
	case !errors.Is(err, triage.ErrNotFound):
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "smtp", view{TitleKey: "admin.smtp.title", Page: p})
}

func (s *server) saveSMTP(c *gin.Context) {
	f := postForm(c)
	p := smtpPage{Host: strings.TrimSpace(f.Get("host")), Port: strings.TrimSpace(f.Get("port")), TLS: f.Get("tls"),
		User: strings.TrimSpace(f.Get("user")), PasswordRef: strings.TrimSpace(f.Get("password_ref")), From: strings.TrimSpace(f.Get("from"))}
	port, err := strconv.Atoi(p.Port)
	lang := langOf(c)
	switch {
	case p.Host == "" || strings.ContainsAny(p.Host, " /@"):
		p.Error = tr(lang, "admin.smtp.err.host")
	case err != nil || port < 1 || port > 65535:
		p.Error = tr(lang, "admin.smtp.err.port")
	case p.TLS != "implicit" && p.TLS != "starttls" && p.TLS != "none":
		p.Error = tr(lang, "admin.smtp.err.tls")
	case p.PasswordRef != "" && inbox.CheckPasswordRef(p.PasswordRef) != nil:
		p.Error = tr(lang, "admin.smtp.err.ref")
	case p.User != "" && p.PasswordRef == "":
		p.Error = tr(lang, "admin.smtp.err.user")
	}
	if _, aerr := mail.ParseAddress(p.From); p.Error == "" && aerr != nil {
		p.Error = tr(lang, "admin.smtp.err.from")
	}
	if p.Error != "" {
		s.render(c, http.StatusUnprocessableEntity, "smtp", view{TitleKey: "admin.smtp.title", Page: p})
		return
	}
	err = s.db.SaveSMTPAccount(c.Request.Context(), actorOf(c).TenantID, store.SMTPAccount{Host: p.Host, Port: port,
		TLSMode: p.TLS, Username: p.User, PasswordRef: p.PasswordRef, From: p.From})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "settings")
	c.Redirect(http.StatusSeeOther, "/admin/smtp")
}
