package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/store"
)

// mailboxCheckTimeout bounds the connection test an admin runs from the page.
const mailboxCheckTimeout = 20 * time.Second

// MailboxForPoller is the poller's view of a stored mailbox.
func MailboxForPoller(m store.Mailbox) inbox.Mailbox {
	return inbox.Mailbox{ID: m.ID, TenantID: m.TenantID, Name: m.Name, Host: m.Host, Port: m.Port,
		TLS: inbox.TLSMode(m.TLSMode), Username: m.Username, PasswordRef: m.PasswordRef, Folder: m.Folder,
		ProcessedFolder: m.ProcessedFolder, MarkSeen: m.MarkSeen}
}

// mailboxesPage lists the tenant's mailboxes, the form to add one, and the
// outcome of a connection test.
type mailboxesPage struct {
	Mailboxes []store.Mailbox
	Form      mailboxForm
	Error     string // why the mailbox was not added
	Check     *mailboxCheckView
}

// mailboxForm is the add form's fields as text.
type mailboxForm struct {
	Name, Host, Port, TLS, User, PasswordRef, Folder, Processed string
	MarkSeen                                                    bool
}

type mailboxCheckView struct {
	Name    string
	OK      bool
	Error   string
	Folders string
	Count   uint32
	Idle    bool
}

func (s *server) mailboxes(c *gin.Context) {
	s.renderMailboxes(c, http.StatusOK, mailboxesPage{Form: mailboxForm{TLS: "implicit", Folder: "INBOX"}})
}

func (s *server) renderMailboxes(c *gin.Context, status int, p mailboxesPage) {
	ms, err := s.db.Mailboxes(c.Request.Context(), actorOf(c).TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	p.Mailboxes = ms
	s.render(c, status, "mailboxes", view{TitleKey: "admin.mailboxes.title", Page: p})
}

func (s *server) addMailbox(c *gin.Context) {
	f := postForm(c)
	form := mailboxForm{Name: strings.TrimSpace(f.Get("name")), Host: strings.TrimSpace(f.Get("host")), Port: f.Get("port"),
		TLS: f.Get("tls"), User: strings.TrimSpace(f.Get("user")), PasswordRef: strings.TrimSpace(f.Get("password_ref")),
		Folder: strings.TrimSpace(f.Get("folder")), Processed: strings.TrimSpace(f.Get("processed")), MarkSeen: f.Get("mark_seen") == "1"}
	m := inbox.Mailbox{Name: form.Name, Host: form.Host, TLS: inbox.TLSMode(form.TLS), Username: form.User,
		PasswordRef: form.PasswordRef, Folder: form.Folder, ProcessedFolder: form.Processed, MarkSeen: form.MarkSeen}
	if m.Folder == "" {
		m.Folder = "INBOX"
	}
	var err error
	if m.Port, err = strconv.Atoi(strings.TrimSpace(form.Port)); form.Port == "" || err != nil {
		m.Port = 143
		if m.TLS == inbox.TLSImplicit {
			m.Port = 993
		}
		err = nil
		if form.Port != "" {
			err = refuse("port", "admin.mailboxes.err.port")
		}
	}
	if err == nil {
		err = m.Validate()
	}
	if err == nil {
		_, err = s.db.CreateMailbox(c.Request.Context(), store.Mailbox{TenantID: actorOf(c).TenantID, Name: m.Name,
			Host: m.Host, Port: m.Port, TLSMode: string(m.TLS), Username: m.Username, PasswordRef: m.PasswordRef,
			Folder: m.Folder, ProcessedFolder: m.ProcessedFolder, MarkSeen: m.MarkSeen, Enabled: true})
	}
	if err != nil {
		s.logOf(c).InfoContext(c.Request.Context(), "web: mailbox refused", "err", err)
		s.renderMailboxes(c, http.StatusUnprocessableEntity, mailboxesPage{Form: form, Error: refusalOrError(langOf(c), err)})
		return
	}
	s.setFlash(c, "mailbox_added")
	c.Redirect(http.StatusSeeOther, "/admin/mailboxes")
}

// testMailbox connects to a mailbox as its poller would and shows what the
// server said: the folders, or the one sentence naming what to fix.
func (s *server) testMailbox(c *gin.Context) {
	id, ok := s.idParam(c)
	if !ok {
		return
	}
	row, err := s.db.Mailbox(c.Request.Context(), actorOf(c).TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if s.dialer == nil {
		s.fail(c, errors.New("web: no IMAP dialer configured"))
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), mailboxCheckTimeout)
	defer cancel()
	res, err := inbox.CheckMailbox(ctx, s.dialer, MailboxForPoller(row))
	v := &mailboxCheckView{Name: row.Name, OK: err == nil}
	if err != nil {
		s.logOf(c).InfoContext(c.Request.Context(), "web: mailbox check failed", "mailbox", row.Name, "err", err)
		v.Error = refusalOrError(langOf(c), err)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) { // whatever the step it cut short
			v.Error = trf(langOf(c), "admin.mailboxes.check.timeout", int(mailboxCheckTimeout.Seconds()))
		}
	} else {
		v.Folders, v.Count, v.Idle = strings.Join(res.Folders, ", "), res.Messages, res.Idle
	}
	s.renderMailboxes(c, http.StatusOK, mailboxesPage{Form: mailboxForm{TLS: "implicit", Folder: "INBOX"}, Check: v})
}
