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
	Error     string
}

// statusRowView is one status form of the catalog page.
type statusRowView struct {
	CSRF     string
	Position int
	Status   triage.Status
	Page     catalogPage
}

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
	s.render(c, status, "catalog", view{Title: "Statuts et modèles d'action", Page: p})
}

// saveCatalog handles the page's forms: save a status, edit, preview or
// save an action template.
func (s *server) saveCatalog(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	switch f.Get("op") {
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
			Recipients: strings.TrimSpace(f.Get("recipients"))}
		p := catalogPage{Edit: t, Customer: strings.TrimSpace(f.Get("customer"))}
		err := checkTemplate(t)
		if err == nil && f.Get("op") == "preview" {
			p.Preview, err = s.previewTemplate(c, t, p.Customer)
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
	var verr *triage.ValidationError
	if errors.As(err, &verr) {
		p.Error = verr.Message
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
		return st, 0, &triage.ValidationError{Field: "code", Message: "un code est en minuscules, chiffres et _ (2 à 40), par exemple price_dispute"}
	case st.Label == "":
		return st, 0, &triage.ValidationError{Field: "label", Message: "donnez un libellé au statut"}
	case err != nil || days < 0 || days > 365:
		return st, 0, &triage.ValidationError{Field: "follow_up_days", Message: "le délai de suivi est un nombre de jours ouvrés entre 0 et 365"}
	case perr != nil:
		return st, 0, &triage.ValidationError{Field: "position", Message: "l'ordre est un nombre"}
	case st.Kind != triage.KindPayment && st.Kind != triage.KindDispute && st.Kind != triage.KindInformation && st.Kind != triage.KindOther:
		return st, 0, &triage.ValidationError{Field: "kind", Message: "choisissez une famille"}
	case st.Mode != triage.ModeAutomatic && st.Mode != triage.ModeConfirm && st.Mode != triage.ModeInternalInteract:
		return st, 0, &triage.ValidationError{Field: "mode", Message: "choisissez un mode"}
	}
	st.FollowUpDays = days
	return st, pos, nil
}

// checkTemplate refuses a template with a bad code, kind, or an unknown hashtag.
func checkTemplate(t triage.ActionTemplate) error {
	switch {
	case !codePattern.MatchString(t.Code):
		return &triage.ValidationError{Field: "code", Message: "un code est en minuscules, chiffres et _ (2 à 40)"}
	case t.Name == "":
		return &triage.ValidationError{Field: "name", Message: "donnez un nom au modèle"}
	}
	switch t.Kind {
	case "email", "internal_email", "task", "call", "letter":
	default:
		return &triage.ValidationError{Field: "kind", Message: "choisissez un type d'action"}
	}
	if err := triage.CheckHashtags(t.Subject + "\n" + t.Body); err != nil {
		var verr *triage.ValidationError
		errors.As(err, &verr)
		return &triage.ValidationError{Field: "body", Message: verr.Message}
	}
	return nil
}

// previewTemplate fills a template's hashtags for a customer of the tenant.
func (s *server) previewTemplate(c *gin.Context, t triage.ActionTemplate, code string) (*triage.Email, error) {
	ctx := c.Request.Context()
	a := actorOf(c)
	cust, err := s.db.CustomerByCode(ctx, a.TenantID, code)
	if errors.Is(err, triage.ErrNotFound) {
		return nil, &triage.ValidationError{Field: "customer", Message: "aucun client avec ce code pour l'aperçu"}
	}
	if err != nil {
		return nil, err
	}
	vals, err := s.svc.CustomerValues(ctx, a, cust)
	if err != nil {
		return nil, err
	}
	return &triage.Email{Subject: triage.RenderHashtags(t.Subject, vals), Body: triage.RenderHashtags(t.Body, vals)}, nil
}
