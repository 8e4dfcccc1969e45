package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// emailForm is the confirmation email of a handled reply (seed 000 step 2):
// to the customer or to someone inside the company, from a template, with
// a preview where the #hashtags are filled in.
type emailForm struct {
	Templates []triage.ActionTemplate // email and internal_email templates
	Template  string
	To        string
	Subject   string
	Body      string
	Preview   *triage.Email // the draft as it will be sent
	Error     string
	Sent      []triage.Email // the emails already written about this reply
}

// emailTemplates keeps the templates that are emails.
func emailTemplates(all []triage.ActionTemplate) []triage.ActionTemplate {
	var out []triage.ActionTemplate
	for _, t := range all {
		if t.Kind == "email" || t.Kind == "internal_email" {
			out = append(out, t)
		}
	}
	return out
}

// draftFrom fills the form from a template: to the customer's valid
// addresses in the customer's language for an email, to the template's
// recipients in its main language for an internal one.
func draftFrom(t triage.ActionTemplate, c *triage.Customer) emailForm {
	f := emailForm{Template: t.Code, Subject: t.Subject, Body: t.Body}
	if t.Kind == "internal_email" {
		f.To = t.Recipients
	} else if c != nil {
		f.To = strings.Join(c.ReachableEmails(), ", ")
		text := t.ForCustomer(c)
		f.Subject, f.Body = text.Subject, text.Body
	}
	return f
}

// emailAction previews or queues the email posted from a reply's page.
func (s *server) emailAction(c *gin.Context) {
	id, ok := replyIDParam(c)
	if !ok {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	draft := triage.EmailDraft{To: f.Get("to"), Subject: f.Get("subject"), Body: f.Get("body")}
	form := emailForm{Template: f.Get("template"), To: draft.To, Subject: draft.Subject, Body: draft.Body}
	if f.Get("op") == "template" {
		// Start again from another template.
		p, err := s.loadReply(ctx, langOf(c), a.TenantID, id, nil)
		if err != nil {
			s.fail(c, err)
			return
		}
		for _, t := range p.Email.Templates {
			if t.Code == form.Template {
				form = draftFrom(t, p.Customer)
			}
		}
		s.renderReplyEmail(c, http.StatusOK, id, form)
		return
	}
	if f.Get("op") == "preview" {
		vals, err := s.svc.EmailValues(ctx, a, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		if err := triage.CheckHashtags(draft.Subject + "\n" + draft.Body); err != nil {
			form.Error, _ = emailRefusal(langOf(c), err)
		} else {
			form.Preview = &triage.Email{Subject: triage.RenderHashtags(draft.Subject, vals), Body: triage.RenderHashtags(draft.Body, vals)}
		}
		s.renderReplyEmail(c, http.StatusOK, id, form)
		return
	}
	_, err := s.svc.QueueEmail(ctx, a, id, draft)
	if msg, ok := emailRefusal(langOf(c), err); ok {
		form.Error = msg
		s.renderReplyEmail(c, http.StatusUnprocessableEntity, id, form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "email_queued")
	c.Redirect(http.StatusSeeOther, "/replies/"+c.Param("id"))
}

// renderReplyEmail shows the reply page with the email form as posted.
func (s *server) renderReplyEmail(c *gin.Context, status int, id int64, form emailForm) {
	p, err := s.loadReply(c.Request.Context(), langOf(c), actorOf(c).TenantID, id, nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	form.Templates, form.Sent = p.Email.Templates, p.Email.Sent
	p.Email = form
	p.EmailOpen = true
	title := p.Reply.Subject
	if title == "" {
		title = tr(langOf(c), "reply.title")
	}
	s.render(c, status, "reply", view{Title: title, Page: p})
}

// emailRefusal is what the email form shows of a refused draft, in lang:
// the recipients and the subject get their own sentence (with the address
// the workflow refused), the text the reason the workflow gave (an unknown
// #hashtag names it).
func emailRefusal(lang string, err error) (string, bool) {
	if v, ok := errors.AsType[*triage.ValidationError](err); ok {
		switch v.Field {
		case "to":
			return trf(lang, "reply.email.err.to", domainText(lang, v)), true
		case "subject":
			return tr(lang, "reply.email.err.subject"), true
		}
	}
	return refusalText(lang, err)
}
