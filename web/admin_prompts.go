package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/prompts"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// promptsPage is the administrators' page of prompt versions: the list,
// the active one, a new version's editor with its preview on a real reply,
// and a diff against the parent.
type promptsPage struct {
	Versions []store.PromptVersion
	Default  string // the embedded default's name
	Edit     store.PromptVersion
	ReplyID  string // the reply of the preview
	System   string // the preview's messages
	User     string
	Diff     []prompts.DiffLine
	DiffOf   string
	Error    string
}

func (s *server) adminPrompts(c *gin.Context) {
	p := promptsPage{}
	if id, err := strconv.ParseInt(c.Query("diff"), 10, 64); err == nil {
		v, err := s.db.PromptVersion(c.Request.Context(), actorOf(c).TenantID, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		parent := prompts.Default()
		parentSystem, parentUser := parent.System, parent.User
		if v.ParentID != nil {
			pv, err := s.db.PromptVersion(c.Request.Context(), actorOf(c).TenantID, *v.ParentID)
			if err == nil {
				parentSystem, parentUser = pv.System, pv.User
			}
		}
		p.DiffOf = v.Name
		p.Diff = append(prompts.Diff(parentSystem, v.System), prompts.DiffLine{Op: '=', Text: "— message de l'utilisateur —"})
		p.Diff = append(p.Diff, prompts.Diff(parentUser, v.User)...)
	}
	s.renderPrompts(c, http.StatusOK, p)
}

func (s *server) renderPrompts(c *gin.Context, status int, p promptsPage) {
	ctx := c.Request.Context()
	a := actorOf(c)
	var err error
	if p.Versions, err = s.db.PromptVersions(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	p.Default = prompts.Default().Name
	if p.Edit.System == "" && p.Edit.User == "" {
		// Start the editor from the active version, else the default.
		d := prompts.Default()
		p.Edit = store.PromptVersion{System: d.System, User: d.User}
		for _, v := range p.Versions {
			if v.Active {
				p.Edit = store.PromptVersion{System: v.System, User: v.User, ParentID: &v.ID}
			}
		}
	}
	s.render(c, status, "prompts", view{TitleKey: "nav.prompts", Page: p})
}

// savePrompts handles the page's forms: preview or save a new version,
// activate one, or go back to the default.
func (s *server) savePrompts(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	p := promptsPage{Edit: store.PromptVersion{Name: strings.TrimSpace(f.Get("name")), Note: strings.TrimSpace(f.Get("note")),
		System: f.Get("system"), User: f.Get("user")}, ReplyID: f.Get("reply")}
	if id, err := strconv.ParseInt(f.Get("parent"), 10, 64); err == nil {
		p.Edit.ParentID = &id
	}
	switch op := f.Get("op"); op {
	case "preview", "create":
		compiled, err := prompts.Compile(prompts.Version{Name: p.Edit.Name, System: p.Edit.System, User: p.Edit.User})
		switch {
		case err != nil:
			p.Error = refusalOrError(langOf(c), err)
		case op == "preview":
			p.System, p.User, p.Error = s.previewPrompt(c, compiled, p.ReplyID)
		case p.Edit.Name == "":
			p.Error = tr(langOf(c), "admin.prompts.err.name")
		default:
			uid := a.UserID
			p.Edit.AuthorID = &uid
			_, err = s.db.CreatePromptVersion(ctx, a.TenantID, p.Edit)
			if errors.Is(err, triage.ErrConflict) {
				p.Error = tr(langOf(c), "admin.prompts.err.conflict")
				break
			}
			if err != nil {
				s.fail(c, err)
				return
			}
			s.setFlash(c, "prompt_saved")
			c.Redirect(http.StatusSeeOther, "/admin/prompts")
			return
		}
		st := http.StatusOK
		if p.Error != "" {
			st = http.StatusUnprocessableEntity
		}
		s.renderPrompts(c, st, p)
	case "activate", "default":
		var id *int64
		if op == "activate" {
			n, err := strconv.ParseInt(f.Get("id"), 10, 64)
			if err != nil {
				s.errorPage(c, http.StatusBadRequest, "badrequest")
				return
			}
			id = &n
		}
		audit := triage.Audit{TenantID: a.TenantID, UserID: &a.UserID, Action: "activate_prompt", Entity: "prompt_version"}
		if id != nil {
			audit.EntityID = *id
		}
		if err := s.db.ActivatePrompt(ctx, a.TenantID, id, audit); err != nil {
			s.fail(c, err)
			return
		}
		s.setFlash(c, "prompt_active")
		c.Redirect(http.StatusSeeOther, "/admin/prompts")
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
	}
}

// previewPrompt renders a compiled version for a reply of the tenant.
func (s *server) previewPrompt(c *gin.Context, compiled *prompts.Compiled, reply string) (system, user, problem string) {
	ctx := c.Request.Context()
	a := actorOf(c)
	id, err := strconv.ParseInt(strings.TrimSpace(reply), 10, 64)
	if err != nil {
		return "", "", tr(langOf(c), "admin.prompts.err.reply")
	}
	in, err := s.svc.Input(ctx, a, id)
	if err != nil {
		return "", "", tr(langOf(c), "admin.prompts.err.no_reply")
	}
	t, err := s.db.Tenant(ctx, a.TenantID)
	if err != nil {
		return "", "", err.Error()
	}
	var ns []triage.Neighbour
	if sg, err := s.db.LatestSuggestion(ctx, a.TenantID, id); err == nil {
		ns = sg.Neighbours
	}
	system, user, err = compiled.Render(prompts.DataOf(t.Name, in, ns))
	if err != nil {
		return "", "", refusalOrError(langOf(c), err)
	}
	return system, user, ""
}
