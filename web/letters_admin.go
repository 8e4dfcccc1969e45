package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// lettersPage is the administrators' page of letters (seed 004): the
// letter templates, the editor with its live preview on a real customer,
// the letterhead and the postal settings.
type lettersPage struct {
	Templates []triage.LetterTemplate
	Edit      triage.LetterTemplate
	Kinds     []string
	Modes     []triage.SendMode
	Hashtags  string
	Customers []triage.Customer
	Customer  int64  // the customer of the preview
	Preview   string // the letter as text, "" when there is nothing to show
	// PreviewLang is the language a preview button asked for (the preview
	// is made on a customer who speaks it, when one does), then the
	// language of the preview shown.
	PreviewLang string
	PreviewFor  string // the preview's language and customer, in a sentence
	TrLangs     []string
	PDFURL      string
	Error       string
	Head        triage.Letterhead
	HeadError   string
	Postal      config.Postal
}

// letterheadMaxBody bounds a letterhead post: its texts and the logo.
const letterheadMaxBody = triage.MaxLogoBytes + maxBody

// letterPreviewCustomers bounds the customers the preview can be made on.
const letterPreviewCustomers = 200

func (s *server) adminLetters(c *gin.Context) {
	p := lettersPage{Edit: triage.LetterTemplate{LetterKind: triage.LetterSimple, Mode: triage.SendConfirm}}
	if id := c.Query("edit"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			s.errorPage(c, http.StatusNotFound, "notfound")
			return
		}
		if p.Edit, err = s.letters.Template(c.Request.Context(), actorOf(c), n); err != nil {
			s.fail(c, err)
			return
		}
	}
	p.Customer, _ = strconv.ParseInt(c.Query("customer"), 10, 64)
	s.renderLetters(c, http.StatusOK, p)
}

// renderLetters fills the page around the editor's state and renders it.
func (s *server) renderLetters(c *gin.Context, status int, p lettersPage) {
	ctx := c.Request.Context()
	a := actorOf(c)
	lang := langOf(c)
	var err error
	if p.Templates, err = s.db.LetterTemplates(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	if p.Customers, err = s.db.Customers(ctx, a.TenantID, store.CustomerFilter{Limit: letterPreviewCustomers}); err != nil {
		s.fail(c, err)
		return
	}
	if p.Head, err = s.db.Letterhead(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	p.Kinds, p.Modes = triage.LetterKinds, []triage.SendMode{triage.SendManual, triage.SendConfirm, triage.SendAutomatic}
	p.Hashtags = strings.Join(triage.Hashtags, " ")
	p.Postal = s.cfg.Postal
	p.TrLangs = triage.TranslationLangs()
	if p.Customer == 0 && len(p.Customers) > 0 {
		p.Customer = p.Customers[0].ID
	}
	if p.PreviewLang != "" {
		p.Customer = customerSpeaking(p.Customers, p.Customer, p.PreviewLang)
	}
	if p.Customer != 0 && p.Error == "" && strings.TrimSpace(p.Edit.Body) != "" {
		d, err := s.letters.PreviewDraft(ctx, a, p.Edit, p.Customer)
		switch {
		case err == nil:
			p.Preview = letters.Text(jobs.ComposeLetter(d))
			p.PreviewFor = trf(lang, "templates_i18n.preview_for", langName(lang, d.Lang), d.To.Name)
			if p.PreviewLang != "" && d.Lang != p.PreviewLang {
				p.PreviewFor = trf(lang, "templates_i18n.no_customer", langName(lang, p.PreviewLang)) + " " + p.PreviewFor
			}
			p.PreviewLang = d.Lang
			if p.Edit.ID != 0 {
				p.PDFURL = fmt.Sprintf("/admin/letters/%d/pdf?customer=%d", p.Edit.ID, p.Customer)
			}
		case errors.Is(err, triage.ErrNotFound):
			p.Customer = 0
		default:
			p.Error = letterError(lang, err, p.Edit)
		}
	}
	s.render(c, status, "letters", view{TitleKey: "letters.title", Page: p})
}

// customerSpeaking is the customer of a preview in lang: the chosen one
// when they speak it, else the first of the list who does, else the chosen
// one all the same.
func customerSpeaking(cs []triage.Customer, chosen int64, lang string) int64 {
	first := int64(0)
	for _, c := range cs {
		if c.Lang != lang {
			continue
		}
		if c.ID == chosen {
			return chosen
		}
		if first == 0 {
			first = c.ID
		}
	}
	if first == 0 {
		return chosen
	}
	return first
}

// letterError is the sentence an admin reads for a template refused.
func letterError(lang string, err error, t triage.LetterTemplate) string {
	if msg, ok := translationError(lang, err); ok {
		return msg
	}
	if unknown := triage.UnknownHashtags(t.Subject + "\n" + t.Body); len(unknown) > 0 {
		return trf(lang, "letters.error.hashtags", strings.Join(unknown, ", "), strings.Join(triage.Hashtags, " "))
	}
	if errors.Is(err, triage.ErrConflict) {
		return tr(lang, "letters.error.code")
	}
	if v, ok := errors.AsType[*triage.ValidationError](err); ok {
		if msg := tr(lang, "letters.error."+v.Field); !strings.HasPrefix(msg, "letters.error.") {
			return msg
		}
	}
	return ""
}

// letterTemplateForm reads the editor's fields.
func letterTemplateForm(c *gin.Context) (triage.LetterTemplate, int64) {
	f := postForm(c)
	t := triage.LetterTemplate{LetterKind: f.Get("letter_kind"), Mode: triage.SendMode(f.Get("mode"))}
	t.ID, _ = strconv.ParseInt(f.Get("id"), 10, 64)
	t.Name, t.Subject, t.Body = f.Get("name"), f.Get("subject"), strings.ReplaceAll(f.Get("body"), "\r\n", "\n")
	t.Translations = postedTranslations(f.Get)
	customer, _ := strconv.ParseInt(f.Get("customer"), 10, 64)
	return t, customer
}

func (s *server) saveLetterTemplate(c *gin.Context) {
	t, customer := letterTemplateForm(c)
	p := lettersPage{Edit: t, Customer: customer}
	if preview := postForm(c).Get("preview"); preview != "" { // a preview button: show, do not save
		p.PreviewLang = previewLang(preview) // "1" is the main button: the chosen customer's language
		s.renderLetters(c, http.StatusOK, p)
		return
	}
	id, err := s.letters.SaveTemplate(c.Request.Context(), actorOf(c), t)
	if err != nil {
		if p.Error = letterError(langOf(c), err, t); p.Error == "" {
			s.fail(c, err)
			return
		}
		s.renderLetters(c, http.StatusUnprocessableEntity, p)
		return
	}
	s.setFlash(c, "letter_template_saved")
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/admin/letters?edit=%d&customer=%d", id, customer))
}

// letterTemplatePDF renders a saved template on a customer, as the PDF the
// customer would receive.
func (s *server) letterTemplatePDF(c *gin.Context) {
	id, err1 := strconv.ParseInt(c.Param("id"), 10, 64)
	customer, err2 := strconv.ParseInt(c.Query("customer"), 10, 64)
	if err1 != nil || err2 != nil {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	d, err := s.letters.Preview(c.Request.Context(), actorOf(c), id, customer)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendPDF(c, fmt.Sprintf("letter-%d-%s.pdf", id, d.To.Code), []letters.Letter{jobs.ComposeLetter(d)})
}

// sendPDF renders letters into one PDF and sends it inline.
func (s *server) sendPDF(c *gin.Context, name string, ls []letters.Letter) {
	var buf bytes.Buffer
	if err := letters.RenderAll(&buf, ls); err != nil {
		s.fail(c, fmt.Errorf("web: render letters: %w", err))
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf("inline; filename=%q", pdfName(name)))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

// pdfName keeps the characters of a file name every browser accepts.
func pdfName(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, name)
}

func (s *server) saveLetterhead(c *gin.Context) {
	f := postForm(c)
	h := triage.Letterhead{Address: f.Get("address"), Legal: f.Get("legal"), ShowLogo: f.Get("show_logo") == "on"}
	lang := langOf(c)
	if file, _, err := c.Request.FormFile("logo"); err == nil {
		b, err := io.ReadAll(io.LimitReader(file, triage.MaxLogoBytes+1))
		file.Close()
		if err == nil && len(b) > 0 {
			h.LogoMIME, err = letters.CheckLogo(b)
			h.Logo = b
		}
		if err != nil || len(b) > triage.MaxLogoBytes {
			s.renderLetters(c, http.StatusUnprocessableEntity, lettersPage{HeadError: tr(lang, "letters.error.logo")})
			return
		}
	}
	if err := s.letters.SaveLetterhead(c.Request.Context(), actorOf(c), h); err != nil {
		if v, ok := errors.AsType[*triage.ValidationError](err); ok {
			s.renderLetters(c, http.StatusUnprocessableEntity, lettersPage{HeadError: tr(lang, "letters.error."+v.Field)})
			return
		}
		s.fail(c, err)
		return
	}
	s.setFlash(c, "letterhead_saved")
	c.Redirect(http.StatusSeeOther, "/admin/letters")
}

// letterheadLogo serves the stored logo to the letterhead form.
func (s *server) letterheadLogo(c *gin.Context) {
	h, err := s.db.Letterhead(c.Request.Context(), actorOf(c).TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(h.Logo) == 0 {
		s.errorPage(c, http.StatusNotFound, "notfound")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, h.LogoMIME, h.Logo)
}
