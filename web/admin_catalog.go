package web

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

// catalogPage is the administrators' page of the status catalog and the
// action templates statuses plan (seed 001).
type catalogPage struct {
	Statuses  triage.Catalog
	Templates []triage.ActionTemplate
	Kinds     []triage.StatusKind
	Modes     []triage.Mode
	Edit      triage.ActionTemplate // the template in the editor
	Preview   *triage.Email         // the editor's template filled for a customer
	Customer  string                // the customer code of the preview
	// PreviewLang is the language of the preview: the one a button asked
	// for, else the customer's.
	PreviewLang string
	TrLangs     []string // the languages of the translation fieldsets
	Error       string
}

// statusRowView is one status form of the catalog page.
type statusRowView struct {
	Lang     string
	CSRF     string
	Position int
	Status   triage.Status
	Page     catalogPage
}

// T returns a message in the page's language.
func (r statusRowView) T(key string) string { return tr(r.Lang, key) }

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

func (s *server) adminCatalog(c *gin.Context) {
	s.renderCatalog(c, http.StatusOK, catalogPage{Edit: triage.ActionTemplate{Kind: "email"}})
}

func (s *server) renderCatalog(c *gin.Context, status int, p catalogPage) {
	ctx := c.Request.Context()
	a := actorOf(c)
	var err error
	if p.Statuses, err = s.db.Catalog(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	if p.Templates, err = s.db.ActionTemplates(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	p.Kinds = []triage.StatusKind{triage.KindPayment, triage.KindDispute, triage.KindInformation, triage.KindOther}
	p.Modes = []triage.Mode{triage.ModeAutomatic, triage.ModeConfirm, triage.ModeInternalInteract}
	p.TrLangs = triage.TranslationLangs()
	s.render(c, status, "catalog", view{TitleKey: "admin.catalog.title", Page: p})
}

// saveCatalog handles the page's forms: save a status, edit, preview or
// save an action template.
func (s *server) saveCatalog(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	op, lang, _ := strings.Cut(f.Get("op"), ":") // "preview:en" previews the English text
	switch op {
	case "status":
		st, pos, err := postedStatus(f.Get, a.TenantID)
		if err == nil {
			err = s.db.UpsertStatus(ctx, st, pos)
		}
		s.catalogDone(c, err, catalogPage{Edit: triage.ActionTemplate{Kind: "email"}})
	case "edit":
		p := catalogPage{Edit: triage.ActionTemplate{Kind: "email"}}
		tmpls, err := s.db.ActionTemplates(ctx, a.TenantID)
		if err != nil {
			s.fail(c, err)
			return
		}
		for _, t := range tmpls {
			if t.Code == f.Get("code") {
				p.Edit = t
			}
		}
		s.renderCatalog(c, http.StatusOK, p)
	case "template", "preview":
		t := triage.ActionTemplate{TenantID: a.TenantID, Code: strings.TrimSpace(f.Get("code")), Kind: f.Get("kind"),
			Name: strings.TrimSpace(f.Get("name")), Subject: strings.TrimSpace(f.Get("subject")), Body: f.Get("body"),
			Recipients: strings.TrimSpace(f.Get("recipients")), Translations: postedTranslations(f.Get)}
		p := catalogPage{Edit: t, Customer: strings.TrimSpace(f.Get("customer"))}
		var err error
		t.Translations, err = checkTemplate(t)
		if msg, ok := translationError(langOf(c), err); ok {
			p.Error = msg
			s.renderCatalog(c, http.StatusUnprocessableEntity, p)
			return
		}
		if err == nil && op == "preview" {
			p.Preview, p.PreviewLang, err = s.previewTemplate(c, t, p.Customer, previewLang(lang))
			if err == nil {
				s.renderCatalog(c, http.StatusOK, p)
				return
			}
		} else if err == nil {
			err = s.db.UpsertActionTemplate(ctx, t)
		}
		s.catalogDone(c, err, p)
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
	}
}

// catalogDone answers a save: the page again with the problem, or a redirect.
func (s *server) catalogDone(c *gin.Context, err error, p catalogPage) {
	if msg, ok := refusalText(langOf(c), err); ok {
		p.Error = msg
		s.renderCatalog(c, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "settings")
	c.Redirect(http.StatusSeeOther, "/admin/catalog")
}

// postedStatus reads and checks a status row of the catalog form.
func postedStatus(get func(string) string, tenantID int64) (triage.Status, int, error) {
	st := triage.Status{TenantID: tenantID, Code: strings.TrimSpace(get("code")), Label: strings.TrimSpace(get("label")),
		Kind: triage.StatusKind(get("kind")), ActionTemplate: get("action_template"), Mode: triage.Mode(get("mode")),
		IsDispute: get("is_dispute") == "1", Description: strings.TrimSpace(get("description"))}
	days, err := strconv.Atoi(strings.TrimSpace(get("follow_up_days")))
	pos, perr := strconv.Atoi(strings.TrimSpace(get("position")))
	switch {
	case !codePattern.MatchString(st.Code):
		return st, 0, refuse("code", "admin.catalog.err.status_code")
	case st.Label == "":
		return st, 0, refuse("label", "admin.catalog.err.label")
	case err != nil || days < 0 || days > 365:
		return st, 0, refuse("follow_up_days", "admin.catalog.err.delay")
	case perr != nil:
		return st, 0, refuse("position", "admin.catalog.err.position")
	case st.Kind != triage.KindPayment && st.Kind != triage.KindDispute && st.Kind != triage.KindInformation && st.Kind != triage.KindOther:
		return st, 0, refuse("kind", "admin.catalog.err.kind")
	case st.Mode != triage.ModeAutomatic && st.Mode != triage.ModeConfirm && st.Mode != triage.ModeInternalInteract:
		return st, 0, refuse("mode", "admin.catalog.err.mode")
	}
	st.FollowUpDays = days
	return st, pos, nil
}

// checkTemplate refuses a template with a bad code, kind, or an unknown
// hashtag in its main text or a translation, and returns its translations
// cleaned.
func checkTemplate(t triage.ActionTemplate) (triage.Translations, error) {
	switch {
	case !codePattern.MatchString(t.Code):
		return nil, refuse("code", "admin.catalog.err.template_code")
	case t.Name == "":
		return nil, refuse("name", "admin.catalog.err.name")
	}
	switch t.Kind {
	case "email", "internal_email", "task", "call", "letter":
	default:
		return nil, refuse("kind", "admin.catalog.err.template_kind")
	}
	if err := triage.CheckHashtags(t.Subject + "\n" + t.Body); err != nil {
		return nil, err
	}
	return triage.CleanTranslations(t.Translations)
}

// previewTemplate fills a template's hashtags for a customer of the tenant,
// in lang when a preview button asks for one (its text, dates and amounts),
// in the customer's language otherwise, as it would be sent; it returns the
// language of the preview.
func (s *server) previewTemplate(c *gin.Context, t triage.ActionTemplate, code, lang string) (*triage.Email, string, error) {
	ctx := c.Request.Context()
	a := actorOf(c)
	cust, err := s.db.CustomerByCode(ctx, a.TenantID, code)
	if errors.Is(err, triage.ErrNotFound) {
		return nil, "", refuse("customer", "admin.catalog.err.customer")
	}
	if err != nil {
		return nil, "", err
	}
	if lang != "" {
		cust.Lang = lang
	}
	if !triage.IsLang(cust.Lang) {
		cust.Lang = triage.DefaultLang
	}
	vals, err := s.svc.CustomerValues(ctx, a, cust)
	if err != nil {
		return nil, "", err
	}
	text := t.ForCustomer(&cust)
	return &triage.Email{Subject: triage.RenderHashtags(text.Subject, vals), Body: triage.RenderHashtags(text.Body, vals)}, cust.Lang, nil
}
