package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/triage"
)

//go:embed templates
var templateFS embed.FS

// baseTemplates are parsed into every page: the layout and shared partials.
var baseTemplates = []string{"templates/layout.html", "templates/partials.html"}

// pages are the parsed templates, one set per page so that each page can
// define its own "title", "content" and "scripts" blocks.
type pages struct {
	byName map[string]*template.Template
}

// view is what every page renders: the chrome the layout needs and the
// page's own data in Page.
type view struct {
	Lang  string // the <html lang> and the language of messages
	Title string // the document title, before " · triage"
	// TitleKey is the catalog key of the title, for pages whose title is
	// not data (a reply's subject): render translates it.
	TitleKey string
	User     *triage.User // the logged-in user, nil on public pages
	Tenant   string       // the supplier's name, shown to customers instead of the staff header
	CSRF     string       // the token every form of the page carries
	Here     string       // the page's own URL on GET, where the user menu comes back to
	Flash    *flash       // a one-time confirmation of the previous action
	Page     any
}

// T returns a message of the page's language (see messages).
func (v view) T(key string) string { return tr(v.Lang, key) }

// Tf returns a message of the page's language formatted with args. Pointers
// are followed, as templates print them: {{with .PromptID}} hands Tf a *int64.
func (v view) Tf(key string, args ...any) string {
	for i, a := range args {
		if r := reflect.ValueOf(a); r.Kind() == reflect.Pointer && !r.IsNil() {
			args[i] = r.Elem().Interface()
		}
	}
	return trf(v.Lang, key, args...)
}

// With hands a value to a shared partial together with the page, so that
// the partial can translate: {{template "state" ($.With .State)}}.
func (v view) With(x any) partialArg { return partialArg{view: v, X: x} }

// partialArg is what With hands to a partial: the page's view and a value.
type partialArg struct {
	view
	X any
}

func parsePages(a *assets) (*pages, error) {
	funcs := template.FuncMap{
		"asset":    a.url,
		"money":    formatMoney,
		"date":     formatDate,
		"datetime": formatDateTime,
		"percent":  formatPercent,
		"bytes":    formatBytes,
		"list":     func(xs ...string) []string { return xs },
		"statusRow": func(v view, pos int, st any) statusRowView {
			r := statusRowView{Lang: v.Lang, CSRF: v.CSRF, Position: pos + 1}
			r.Page, _ = v.Page.(catalogPage)
			if s, ok := st.(triage.Status); ok {
				r.Status = s
			} else {
				r.Status = triage.Status{Kind: triage.KindOther, Mode: triage.ModeConfirm}
			}
			return r
		},
		"isodate": isoDate,
		"printf":  fmt.Sprintf,
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, baseTemplates...)
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		if slices.Contains(baseTemplates, n) {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		p.byName[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return p, nil
}

// execute renders a page into a buffer, so a template error never leaves a
// half-written page behind.
func (p *pages) execute(name string, v view) ([]byte, error) {
	t, ok := p.byName[name]
	if !ok {
		return nil, fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// render writes a page. Staff pages get the session's user and CSRF token
// and consume the pending flash message.
func (s *server) render(c *gin.Context, status int, name string, v view) {
	if v.Lang == "" {
		v.Lang = langOf(c)
	}
	if v.TitleKey != "" {
		v.Title = tr(v.Lang, v.TitleKey)
	}
	if c.Request.Method == http.MethodGet {
		v.Here = c.Request.URL.RequestURI()
	}
	if sess, ok := sessionOf(c); ok {
		v.User, v.CSRF = &sess.User, sess.CSRF
		v.Flash = s.takeFlash(c, v.Lang)
	}
	b, err := s.pages.execute(name, v)
	if err != nil {
		s.logOf(c).ErrorContext(c.Request.Context(), "web: render page", "page", name, "err", err)
		if name == "error" { // do not loop: the error page itself is broken
			c.String(http.StatusInternalServerError, tr(v.Lang, "error.internal.text"))
			return
		}
		s.errorPage(c, http.StatusInternalServerError, "internal")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", b)
}
