package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/logging"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// Deps are what the web layer needs.
type Deps struct {
	Config  *config.Config   // secret key, base URL, session TTL, cookie security
	DB      *store.DB        // sessions, users and the reads behind the pages
	Service *triage.Service  // every change goes through the workflow
	Log     *slog.Logger     // nil discards
	Now     func() time.Time // nil = time.Now
	// Dialer connects to IMAP servers for the admins' connection tests.
	Dialer inbox.Dialer
	// Pollers returns the states of this process's mailbox pollers, for
	// /readyz (inbox.PollerStates.Snapshot); nil when it runs none.
	Pollers func() []inbox.PollerState
	// PollerGrace is how long a poller may fail before /readyz says not
	// ready; 0 = 10 min.
	PollerGrace time.Duration
}

// Rate limits of the anonymous entry points, per client address.
const (
	loginMaxFailures = 10
	loginWindow      = 15 * time.Minute
	formMaxPosts     = 20
	formWindow       = time.Hour
	// loginMaxAddressFailures caps the failures of one address across
	// logins, so trying one password on many logins is slowed down too.
	loginMaxAddressFailures = 50
	// maxBody bounds every request body: forms are a few kilobytes at most.
	maxBody = 64 << 10
	// formMaxBody bounds a customer form post: the answer and one file.
	formMaxBody = inbox.MaxFormFile + maxBody
)

// server holds the parsed templates, the assets and the dependencies the
// handlers share.
type server struct {
	cfg       *config.Config
	db        *store.DB
	svc       *triage.Service
	letters   *triage.Letters
	log       *slog.Logger
	now       func() time.Time
	pages     *pages
	assets    *assets
	logins    *limiter // failed logins per address + login
	loginAddr *limiter // failed logins per address, whatever the login
	formPosts *limiter // web-form posts per address + link
	dialer    inbox.Dialer
	// pollers and pollerGrace feed /readyz (see readyz).
	pollers     func() []inbox.PollerState
	pollerGrace time.Duration
}

// New builds the HTTP handler of triage: it parses the templates once and
// fails if one is broken, so a bad build never starts serving.
func New(d Deps) (http.Handler, error) {
	switch {
	case d.Config == nil:
		return nil, errors.New("web: Deps.Config is required")
	case len(d.Config.SecretKey) == 0:
		return nil, errors.New("web: the configuration has no secret key")
	case d.Config.BaseURL == nil:
		return nil, errors.New("web: the configuration has no base URL")
	case d.DB == nil:
		return nil, errors.New("web: Deps.DB is required")
	case d.Service == nil:
		return nil, errors.New("web: Deps.Service is required")
	}
	s, err := newServer(d)
	if err != nil {
		return nil, err
	}
	return s.router()
}

// newServer prepares a server without checking the dependencies, so unit
// tests can exercise the routes that need no database.
func newServer(d Deps) (*server, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	d.Log = slog.New(logging.Handler(d.Log.Handler())) // request ids in every line of a request
	if d.Now == nil {
		d.Now = time.Now
	}
	if messagesErr != nil {
		return nil, messagesErr
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	p, err := parsePages(a)
	if err != nil {
		return nil, err
	}
	return &server{
		cfg: d.Config, db: d.DB, svc: d.Service, letters: triage.NewLetters(d.Service, d.DB), log: d.Log, now: d.Now,
		pages: p, assets: a, dialer: d.Dialer,
		pollers: d.Pollers, pollerGrace: pollerGraceOr(d.PollerGrace),
		logins:    newLimiter(loginMaxFailures, loginWindow),
		loginAddr: newLimiter(loginMaxAddressFailures, loginWindow),
		formPosts: newLimiter(formMaxPosts, formWindow),
	}, nil
}

// router wires the routes. Every authenticated group goes through
// requireRole; every state-changing route checks a CSRF token.
func (s *server) router() (*gin.Engine, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// No proxy is trusted until the configuration names one: X-Forwarded-For
	// would otherwise let anyone pick the address the rate limits key on.
	if err := r.SetTrustedProxies(nil); err != nil {
		return nil, fmt.Errorf("web: trusted proxies: %w", err)
	}
	r.Use(s.requestLog, securityHeaders, s.recoverPanic, limitBody(maxBody), s.rejectUnreadableQuery)
	r.NoRoute(func(c *gin.Context) { s.errorPage(c, http.StatusNotFound, "notfound") })

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/static/:name", s.assets.serve)

	r.GET("/login", s.loadSession, s.loginPage)
	r.POST("/login", s.requireAnonCSRF, s.login)

	staff := r.Group("", s.loadSession, s.requireRole(triage.RoleCollector, triage.RoleAdmin))
	staff.POST("/logout", s.requireSessionCSRF, s.logout)
	staff.POST("/me/lang", s.requireSessionCSRF, s.setLang)
	staff.GET("/", func(c *gin.Context) { c.Redirect(http.StatusSeeOther, "/queue") })
	staff.GET("/queue", s.queue)
	staff.GET("/replies/:id", s.reply)
	staff.GET("/replies/:id/attachments/:aid", s.attachment)
	staff.GET("/replies/:id/original", s.original)
	staff.GET("/replies/:id/raw", s.rawMessage)
	acts := staff.Group("/replies/:id", s.requireSessionCSRF)
	acts.POST("/qualify", s.qualify)
	acts.POST("/validate", s.validate)
	acts.POST("/delete", s.delete)
	acts.POST("/restore", s.restore)
	acts.POST("/requalify", s.requalify)
	acts.POST("/email", s.emailAction)
	staff.POST("/queue/bulk", s.requireSessionCSRF, s.bulk)
	staff.GET("/agenda", s.agenda)
	staff.GET("/customers", s.customers)
	staff.GET("/reports", s.reports)
	staff.GET("/reports/acceptance.csv", s.acceptanceCSV)
	staff.POST("/customers/assign", s.requireSessionCSRF, s.assignCustomers)
	staff.POST("/actions/:id/complete", s.requireSessionCSRF, s.completeAction)
	staff.POST("/actions/:id/postpone", s.requireSessionCSRF, s.postponeAction)
	staff.GET("/actions/:id/letter.pdf", s.letterActionPDF)
	staff.POST("/letters/approve", s.requireSessionCSRF, s.approveLetters)
	staff.POST("/letters/print", s.requireSessionCSRF, s.printLetters)
	staff.GET("/customers/:id/letters", s.customerLetters)

	admin := r.Group("/admin", s.loadSession, s.requireRole(triage.RoleAdmin))
	admin.GET("/settings", s.settings)
	admin.POST("/settings", s.requireSessionCSRF, s.saveSettings)
	admin.GET("/assignment", s.assignment)
	admin.POST("/assignment", s.requireSessionCSRF, s.saveAssignment)
	admin.GET("/cues", s.adminCues)
	admin.POST("/cues", s.requireSessionCSRF, s.saveCues)
	admin.GET("/jobs", s.adminJobs)
	admin.POST("/jobs", s.requireSessionCSRF, s.retryJob)
	admin.GET("/evals", s.adminEvals)
	admin.POST("/evals", s.requireSessionCSRF, s.saveEvals)
	admin.GET("/evals/runs/:id", s.adminEvalRun)
	admin.POST("/evals/runs/:id/promote", s.requireSessionCSRF, s.promoteEvalRun)
	admin.GET("/prompts", s.adminPrompts)
	admin.POST("/prompts", s.requireSessionCSRF, s.savePrompts)
	admin.GET("/letters", s.adminLetters)
	admin.POST("/letters", s.requireSessionCSRF, s.saveLetterTemplate)
	admin.GET("/letters/:id/pdf", s.letterTemplatePDF)
	admin.POST("/letterhead", s.requireSessionCSRF, s.saveLetterhead)
	admin.GET("/letterhead/logo", s.letterheadLogo)
	admin.GET("/catalog", s.adminCatalog)
	admin.POST("/catalog", s.requireSessionCSRF, s.saveCatalog)
	admin.GET("/users", s.adminUsers)
	admin.POST("/users", s.requireSessionCSRF, s.saveUsers)
	admin.GET("/smtp", s.smtpSettings)
	admin.POST("/smtp", s.requireSessionCSRF, s.saveSMTP)
	admin.GET("/mailboxes", s.mailboxes)
	admin.POST("/mailboxes", s.requireSessionCSRF, s.addMailbox)
	admin.POST("/mailboxes/:id/test", s.requireSessionCSRF, s.testMailbox)

	api := r.Group("/api/v1", s.requireAPIToken)
	api.POST("/replies", s.apiPostReply)
	api.GET("/replies", s.apiListReplies)
	api.POST("/replies/:id/validate", s.apiValidate)
	api.POST("/replies/:id/delete", s.apiDelete)
	api.POST("/replies/:id/qualify", s.apiQualify)
	api.POST("/reminders", s.apiPostReminder)

	form := r.Group("/form/:token")
	form.GET("", s.customerForm)
	form.POST("", s.limitFormPosts, s.requireAnonCSRF, s.submitCustomerForm)
	form.GET("/done", s.customerFormDone)
	return r, nil
}

// FormURL returns the absolute URL of the customer web form for a token:
// base + "/form/" + token.
func FormURL(base *url.URL, token string) string {
	u := *base
	u.Path = strings.TrimRight(u.Path, "/") + "/form/" + token
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u.String()
}
