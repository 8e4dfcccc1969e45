package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/triage"
)

// maxLettersSelected bounds the letters approved or printed at once.
const maxLettersSelected = 200

// letterActionPDF shows the letter of an action: the document sent when
// it left, else the letter as it would be printed today.
func (s *server) letterActionPDF(c *gin.Context) {
	id, ok := s.idParam(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	a := actorOf(c)
	x, err := s.letters.Action(ctx, a, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if x.Letter != nil {
		if pdf, err := s.db.LetterPDF(ctx, a.TenantID, id); err == nil && len(pdf) > 0 {
			c.Header("Content-Disposition", fmt.Sprintf("inline; filename=%q", pdfName(fmt.Sprintf("letter-%d.pdf", id))))
			c.Header("Cache-Control", "no-store")
			c.Data(http.StatusOK, "application/pdf", pdf)
			return
		}
	}
	d, err := s.letters.Draft(ctx, a, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendPDF(c, fmt.Sprintf("letter-%d-%s.pdf", id, d.To.Code), []letters.Letter{jobs.ComposeLetter(d)})
}

// selectedActions reads the letter actions ticked in the agenda.
func selectedActions(f url.Values) ([]int64, bool) {
	var ids []int64
	for _, v := range f["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, len(ids) <= maxLettersSelected
}

// approveLetters queues the selected letters (or the one of the button)
// for the postal provider.
func (s *server) approveLetters(c *gin.Context) {
	f := postForm(c)
	ids, ok := selectedActions(f)
	if !ok {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	back := letterBack(f.Get("back"))
	if len(ids) == 0 {
		s.setFlash(c, "letters_none")
		c.Redirect(http.StatusSeeOther, back)
		return
	}
	if err := s.letters.Approve(c.Request.Context(), actorOf(c), ids); err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "letters_approved", int64(len(ids)))
	c.Redirect(http.StatusSeeOther, back)
}

// printLetters renders the selected letters into one PDF to print.
func (s *server) printLetters(c *gin.Context) {
	f := postForm(c)
	ids, ok := selectedActions(f)
	if !ok {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	if len(ids) == 0 {
		s.setFlash(c, "letters_none")
		c.Redirect(http.StatusSeeOther, letterBack(f.Get("back")))
		return
	}
	ls := make([]letters.Letter, 0, len(ids))
	for _, id := range ids {
		d, err := s.letters.Draft(c.Request.Context(), actorOf(c), id)
		if err != nil {
			s.fail(c, err)
			return
		}
		ls = append(ls, jobs.ComposeLetter(d))
	}
	s.sendPDF(c, "letters.pdf", ls)
}

// letterBack is where a letter form returns: the agenda or a customer's
// letters, never another site.
func letterBack(v string) string {
	if u, err := url.Parse(v); err == nil && u.Scheme == "" && u.Host == "" && (u.Path == "/agenda" || isCustomerLettersPath(u.Path)) {
		return u.RequestURI()
	}
	return "/agenda"
}

func isCustomerLettersPath(p string) bool {
	var id int64
	n, err := fmt.Sscanf(p, "/customers/%d/letters", &id)
	return err == nil && n == 1 && p == fmt.Sprintf("/customers/%d/letters", id)
}

// letterBadge is what the agenda and the timeline show of a letter action.
type letterBadge struct {
	Kind      string
	Mode      triage.SendMode
	Status    string // catalog suffix: pending, queued, sent…
	Final     bool
	LastError string
	Events    []triage.LetterEvent
	Provider  string
	Ref       string
	Mine      bool // the viewer may preview, approve and print it
	CanSend   bool // the viewer may approve it: not queued, sent nor printed yet
}

func badgeOf(a triage.Actor, x triage.LetterAction) *letterBadge {
	mine := triage.CanHandleLetter(a, x.Action)
	b := &letterBadge{Kind: x.Template.LetterKind, Mode: x.Template.Mode, Status: "pending", Mine: mine,
		CanSend: mine && x.Letter == nil && !x.Action.Done, Events: x.Events}
	if l := x.Letter; l != nil {
		b.Status, b.Final, b.LastError, b.Provider, b.Ref = string(l.Status), l.Status.Final(), l.LastError, l.Provider, l.ProviderRef
	}
	return b
}
