package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/suggest/cues"
)

// cuesPage is the administrators' page of the tenant's own cue phrases:
// turns of phrase of its customers that the embedded lexicons miss.
type cuesPage struct {
	Phrases []store.CuePhrase
	Cues    []string
	Langs   []string
	Form    cues.Phrase
	Try     string   // a text to try the lexicon on
	Tokens  []string // what it found
	Error   string
}

var cueLangs = []string{"fr", "en", "de", "es", "it", "nl"}

func (s *server) adminCues(c *gin.Context) {
	s.renderCues(c, http.StatusOK, cuesPage{Form: cues.Phrase{Lang: "fr"}})
}

func (s *server) renderCues(c *gin.Context, status int, p cuesPage) {
	var err error
	if p.Phrases, err = s.db.TenantCuePhrases(c.Request.Context(), actorOf(c).TenantID); err != nil {
		s.fail(c, err)
		return
	}
	p.Cues, p.Langs = cues.Cues(), cueLangs
	s.render(c, status, "cues", view{TitleKey: "admin.cues.title", Page: p})
}

// saveCues adds, deletes or tries phrases. A phrase is checked by compiling
// it into the lexicon; it reaches suggestions at the tenant's next retraining.
func (s *server) saveCues(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	p := cuesPage{Form: cues.Phrase{Lang: f.Get("lang"), Cue: f.Get("cue"), Pattern: strings.TrimSpace(f.Get("pattern"))}, Try: f.Get("try")}
	switch f.Get("op") {
	case "add":
		if _, err := cues.Default().With([]cues.Phrase{p.Form}); err != nil {
			p.Error = refusalOrError(langOf(c), err)
			s.renderCues(c, http.StatusUnprocessableEntity, p)
			return
		}
		if err := s.db.AddCuePhrase(ctx, a.TenantID, p.Form); err != nil {
			s.fail(c, err)
			return
		}
	case "delete":
		id, err := strconv.ParseInt(f.Get("id"), 10, 64)
		if err != nil {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		if err := s.db.DeleteCuePhrase(ctx, a.TenantID, id); err != nil {
			s.fail(c, err)
			return
		}
	case "try":
		phrases, err := s.db.CuePhrases(ctx, a.TenantID)
		if err != nil {
			s.fail(c, err)
			return
		}
		lex, err := cues.Default().With(phrases)
		if err != nil {
			p.Error = refusalOrError(langOf(c), err)
			lex = cues.Default()
		}
		p.Tokens = lex.Tokens(p.Try)
		if p.Tokens == nil {
			p.Tokens = []string{}
		}
		s.renderCues(c, http.StatusOK, p)
		return
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	s.setFlash(c, "cues_saved")
	c.Redirect(http.StatusSeeOther, "/admin/cues")
}
