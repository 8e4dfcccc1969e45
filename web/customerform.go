package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/triage"
)

// formPage is the customer web form reached through a signed link.
type formPage struct {
	Action       string // where the form posts: the link itself
	OtherLang    string
	OtherLangURL string
	CustomerName string
	Items        []itemChoice
	Reasons      []reasonChoice
	Text         string
	SubmissionID string
	Errors       map[string]string // field → message
}

type reasonChoice struct {
	Value   string
	Label   string
	Checked bool
}

// formDonePage thanks the customer.
type formDonePage struct {
	TenantName string
}

// formLink is a verified link and what the form shows for it.
type formLink struct {
	token    string
	claims   inbox.FormClaims
	tenant   triage.Tenant
	customer triage.Customer
	items    []triage.Item
}

var submissionIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (s *server) customerForm(c *gin.Context) {
	l, ok := s.openFormLink(c, false)
	if !ok {
		return
	}
	lang := formLang(c.Query("lang"), l.customer.Lang, c.GetHeader("Accept-Language"))
	s.renderForm(c, http.StatusOK, l, lang, inbox.FormAnswer{Items: l.claims.Items}, nil)
}

func (s *server) submitCustomerForm(c *gin.Context) {
	l, ok := s.openFormLink(c, false)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	f := postForm(c)
	lang := formLang(f.Get("lang"), l.customer.Lang, c.GetHeader("Accept-Language"))
	ans := inbox.FormAnswer{Reason: inbox.FormReason(f.Get("reason")), Items: f["items"], Text: f.Get("text"),
		SubmissionID: f.Get("submission_id"), Lang: lang}
	file, err := postedFile(c)
	ans.File = file
	var nr triage.NewReply
	if err == nil {
		nr, err = inbox.FormReply(l.claims, l.customer, l.items, ans, s.now())
	}
	if err == nil {
		_, err = s.svc.Ingest(ctx, nr)
	}
	if verr, ok := errors.AsType[*triage.ValidationError](err); ok {
		s.logOf(c).InfoContext(ctx, "web: form answer refused", "tenant", l.claims.TenantID, "customer", l.claims.CustomerID,
			"field", verr.Field, "reason", verr.Message)
		s.renderForm(c, http.StatusUnprocessableEntity, l, lang, ans, formErrors(verr, lang))
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, formPath(l.token)+"/done?lang="+lang)
}

func (s *server) customerFormDone(c *gin.Context) {
	// The thanks stay visible even if the link expired in between.
	l, ok := s.openFormLink(c, true)
	if !ok {
		return
	}
	lang := formLang(c.Query("lang"), l.customer.Lang, c.GetHeader("Accept-Language"))
	s.render(c, http.StatusOK, "form_done", view{Lang: lang, Tenant: l.tenant.Name, Title: tr(lang, "form.done.title"),
		Page: formDonePage{TenantName: l.tenant.Name}})
}

// openFormLink verifies the link of the URL and loads its tenant, customer
// and open items. A bad link gets a 404 page and an expired one a 410 page
// (in the customer's language); it reports whether to go on.
func (s *server) openFormLink(c *gin.Context, allowExpired bool) (*formLink, bool) {
	ctx := c.Request.Context()
	l := &formLink{token: c.Param("token")}
	var err error
	l.claims, err = inbox.VerifyFormToken(s.cfg.SecretKey, l.token, s.now())
	if errors.Is(err, inbox.ErrTokenExpired) && !allowExpired {
		s.logOf(c).InfoContext(ctx, "web: expired form link", "tenant", l.claims.TenantID, "customer", l.claims.CustomerID, "err", err)
		lang, tenant := langOf(c), ""
		if err := s.loadFormParties(ctx, l); err == nil {
			lang, tenant = formLang(c.Query("lang"), l.customer.Lang, c.GetHeader("Accept-Language")), l.tenant.Name
		}
		s.errorPageIn(c, http.StatusGone, "link.expired", lang, tenant)
		return nil, false
	}
	if err != nil && !errors.Is(err, inbox.ErrTokenExpired) {
		s.logOf(c).InfoContext(ctx, "web: invalid form link", "err", err)
		s.errorPageIn(c, http.StatusNotFound, "link.invalid", langOf(c), "")
		return nil, false
	}
	if err := s.loadFormParties(ctx, l); err != nil {
		if errors.Is(err, triage.ErrNotFound) { // a customer or tenant deleted since the link was sent
			s.logOf(c).InfoContext(ctx, "web: form link of a deleted customer", "tenant", l.claims.TenantID, "customer", l.claims.CustomerID)
			s.errorPageIn(c, http.StatusNotFound, "link.invalid", langOf(c), "")
		} else {
			s.fail(c, err)
		}
		return nil, false
	}
	return l, true
}

func (s *server) loadFormParties(ctx context.Context, l *formLink) error {
	var err error
	if l.tenant, err = s.db.Tenant(ctx, l.claims.TenantID); err != nil {
		return err
	}
	if l.customer, err = s.db.Customer(ctx, l.claims.TenantID, l.claims.CustomerID); err != nil {
		return err
	}
	l.items, err = s.db.OpenItems(ctx, l.claims.TenantID, l.claims.CustomerID)
	return err
}

// renderForm shows the form with the answer a so far. Its submission id is
// kept across a refused post, so fixing and resending still stores one reply.
func (s *server) renderForm(c *gin.Context, status int, l *formLink, lang string, a inbox.FormAnswer, errs map[string]string) {
	other := "en"
	if lang == "en" {
		other = "fr"
	}
	if !submissionIDPattern.MatchString(a.SubmissionID) {
		a.SubmissionID = randomHex(16)
	}
	p := formPage{Action: formPath(l.token), OtherLang: other, OtherLangURL: formPath(l.token) + "?lang=" + other,
		CustomerName: l.customer.Name, Items: itemChoices(l.items, a.Items), Text: a.Text,
		SubmissionID: a.SubmissionID, Errors: errs}
	for _, r := range inbox.FormReasons {
		p.Reasons = append(p.Reasons, reasonChoice{Value: string(r), Label: tr(lang, "form.reason."+string(r)), Checked: r == a.Reason})
	}
	s.render(c, status, "form", view{Lang: lang, Tenant: l.tenant.Name, Title: tr(lang, "form.title"),
		CSRF: s.anonCSRF(c), Page: p})
}

// formErrors places a refused answer's message next to its field.
func formErrors(e *triage.ValidationError, lang string) map[string]string {
	switch e.Field {
	case "reason", "text", "items", "attachment":
		return map[string]string{e.Field: tr(lang, "form.err."+e.Field)}
	}
	return map[string]string{"other": tr(lang, "form.err.other")}
}

// postedFile reads the file attached to the form, if any, and checks it.
func postedFile(c *gin.Context) (*triage.Attachment, error) {
	if c.Request.MultipartForm == nil {
		return nil, nil
	}
	f, hdr, err := c.Request.FormFile("attachment")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, &triage.ValidationError{Field: "attachment", Message: "the file could not be read"}
	}
	defer f.Close()
	if hdr.Size == 0 && hdr.Filename == "" {
		return nil, nil // the file input left empty
	}
	data, err := io.ReadAll(io.LimitReader(f, inbox.MaxFormFile+1))
	if err != nil {
		return nil, &triage.ValidationError{Field: "attachment", Message: "the file could not be read"}
	}
	a, err := inbox.FormFile(hdr.Filename, data)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// formPath is the site-relative path of a form link.
func formPath(token string) string { return "/form/" + url.PathEscape(token) }

// limitFormPosts caps posts per link and address, so a leaked link cannot
// flood a collector's queue.
func (s *server) limitFormPosts(c *gin.Context) {
	sum := sha256.Sum256([]byte(c.Param("token")))
	key := c.ClientIP() + "\x00" + hex.EncodeToString(sum[:16])
	if !s.formPosts.Allow(key, s.now()) {
		s.logOf(c).WarnContext(c.Request.Context(), "web: form posts rate limited")
		s.errorPage(c, http.StatusTooManyRequests, "ratelimit")
		return
	}
	c.Next()
}
