package bench

import (
	"context"
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/suggest"
	"github.com/triage-ar/triage/triage"
	"github.com/triage-ar/triage/web"
)

// QueueResult is the latency of the review pages, served by a real server
// on 127.0.0.1 to a logged-in collector, with Pending replies waiting.
type QueueResult struct {
	Pending     int         `json:"pending"`
	Customers   int         `json:"customers"`
	LoadSeconds float64     `json:"load_seconds"`
	Queue       Percentiles `json:"queue_page"`
	Reply       Percentiles `json:"reply_page"`
	// Views are the queue page under the common filters, Load under
	// concurrent collectors.
	Views []QueueView `json:"queue_views"`
	Load  []QueueLoad `json:"queue_load"`
	// QueueBytes is the size of the queue page, to check it is the real one.
	QueueBytes int `json:"queue_page_bytes"`
}

// queueCustomers is how many customers the pending replies come from.
const queueCustomers = 500

// benchLogin and benchPassword are the collector the load loop logs in as.
const (
	benchLogin    = "bench"
	benchPassword = "bench-password"
)

// RunQueue fills a scratch database with pending replies, each with a
// suggestion, serves the web UI on a free port of 127.0.0.1, logs in, and
// times the queue page and reply pages one request at a time, then the
// queue page under the common filters and under concurrent collectors.
func RunQueue(ctx context.Context, adminURL string, pending int, budget Budget) (QueueResult, error) {
	if pending <= 0 {
		return QueueResult{}, fmt.Errorf("bench: queue: %d pending replies", pending)
	}
	return withScratch(ctx, adminURL, func(sc *scratch) (QueueResult, error) { return measureQueue(ctx, sc, pending, budget) })
}

// measureQueue is RunQueue on a scratch database.
func measureQueue(ctx context.Context, sc *scratch, pending int, budget Budget) (res QueueResult, err error) {
	start := time.Now()
	if err := fillQueue(ctx, sc, pending); err != nil {
		return res, err
	}
	res.Pending, res.Customers, res.LoadSeconds = pending, queueCustomers, time.Since(start).Seconds()

	key := make([]byte, 32)
	crand.Read(key)
	base, _ := url.Parse("http://127.0.0.1")
	log := slog.New(slog.DiscardHandler)
	knn := suggest.KNN{Embedder: suggest.HashEmbedder{}, Index: &suggest.MemIndex{}}
	h, err := web.New(web.Deps{Config: &config.Config{BaseURL: base, SecretKey: key, SessionTTL: time.Hour, FormLinkTTL: time.Hour},
		DB: sc.DB, Service: triage.NewService(sc.DB, knn, suggest.HashEmbedder{}, log), Log: log})
	if err != nil {
		return res, fmt.Errorf("bench: queue: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, fmt.Errorf("bench: queue: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	addr := "http://" + ln.Addr().String()
	c, err := login(ctx, addr)
	if err != nil {
		return res, err
	}
	// The first requests fill the connection pool and Postgres's caches.
	for _, p := range []string{"/queue", "/replies/1", "/queue", "/replies/1"} {
		if _, err := c.get(ctx, p); err != nil {
			return res, err
		}
	}
	ds, _, err := budget.timed(func(int) error {
		n, err := c.get(ctx, "/queue")
		res.QueueBytes = n
		return err
	})
	if err != nil {
		return res, err
	}
	res.Queue = percentiles(ds)
	rng := rand.New(rand.NewPCG(3, 3))
	ds, _, err = budget.timed(func(int) error {
		_, err := c.get(ctx, fmt.Sprintf("/replies/%d", 1+rng.Int64N(int64(pending))))
		return err
	})
	if err != nil {
		return res, err
	}
	res.Reply = percentiles(ds)
	if res.Views, err = measureViews(ctx, c, budget); err != nil {
		return res, err
	}
	if res.Load, err = measureLoad(ctx, addr, budget); err != nil {
		return res, err
	}
	return res, nil
}

// client is a logged-in browser that does not follow redirects.
type client struct {
	base string
	http *http.Client
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// login opens a session through the login form, as a collector would.
func login(ctx context.Context, base string) (*client, error) {
	jar, _ := cookiejar.New(nil)
	// A transport of its own: each client is a browser with its own
	// kept-alive connection, not one of a pool shared with the others.
	c := &client{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bench: login page: %w", err)
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("bench: login page: %w", err)
	}
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return nil, errors.New("bench: the login page has no CSRF token")
	}
	form := url.Values{"csrf": {string(m[1])}, "login": {benchLogin}, "password": {benchPassword}}
	resp, err = c.http.PostForm(base+"/login", form)
	if err != nil {
		return nil, fmt.Errorf("bench: login: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("bench: login: status %d", resp.StatusCode)
	}
	return c, nil
}

// get fetches a page, reads it whole and fails unless it is a 200.
func (c *client) get(ctx context.Context, path string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return 0, fmt.Errorf("bench: %s: %w", path, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("bench: %s: %w", path, err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, fmt.Errorf("bench: %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("bench: %s: status %d", path, resp.StatusCode)
	}
	return int(n), nil
}

// replyTexts are customer replies in French and English the pending
// replies are drawn from, with the status their suggestion carries.
var replyTexts = []struct{ lang, subject, text, status string }{
	{"fr", "RE: Relance facture %s", "Bonjour, le virement de la facture %s a été effectué hier, vous devriez le recevoir sous 48h. Cordialement", "already_paid"},
	{"fr", "RE: Relance facture %s", "Bonjour, nous réglerons la facture %s à la fin du mois, merci de votre patience.", "promise_to_pay"},
	{"fr", "RE: Facture %s", "Le prix de la facture %s ne correspond pas au devis signé, merci de nous envoyer un avoir.", "price_dispute"},
	{"fr", "RE: Relance", "Pourriez-vous nous renvoyer une copie de la facture %s ? Nous ne la trouvons pas.", "invoice_copy"},
	{"en", "RE: Payment reminder %s", "Hello, invoice %s was paid by bank transfer on Monday, please check your account.", "already_paid"},
	{"en", "RE: Overdue invoice %s", "We can pay invoice %s in three monthly instalments if that works for you.", "payment_plan"},
	{"en", "Automatic reply: %s", "I am out of the office until next Monday with limited access to email (%s).", "out_of_office"},
}

// fillQueue writes a collector, customers and pending replies with their
// suggestions, by COPY.
func fillQueue(ctx context.Context, sc *scratch, n int) error {
	tn, err := sc.DB.InsertTenant(ctx, "bench", "Bench")
	if err != nil {
		return fmt.Errorf("bench: queue: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(benchPassword), bcrypt.MinCost)
	if err != nil {
		return fmt.Errorf("bench: queue: %w", err)
	}
	// The collector is assigned every reply: their default view, "mine",
	// is then the whole queue.
	user, err := sc.DB.InsertUser(ctx, triage.User{TenantID: tn.ID, Login: benchLogin, Name: "Bench Collector",
		Role: triage.RoleCollector, Lang: "fr"}, hash)
	if err != nil {
		return fmt.Errorf("bench: queue: %w", err)
	}
	customers := make([]int64, queueCustomers)
	for i := range customers {
		if customers[i], err = sc.DB.InsertCustomer(ctx, triage.Customer{TenantID: tn.ID, Code: fmt.Sprintf("C%05d", 10000+i),
			Name: fmt.Sprintf("Société %d SARL", i), Emails: []string{fmt.Sprintf("compta%d@example.fr", i)}}); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(5, 5))
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	pick := make([]int, n)
	for i := range pick {
		pick[i] = rng.IntN(len(replyTexts))
	}
	invoice := func(i int) string { return fmt.Sprintf("F-2026-%05d", i) }
	_, err = sc.Pool.CopyFrom(ctx, pgx.Identifier{"reply"},
		[]string{"id", "tenant_id", "source", "from_addr", "subject", "received_at", "text", "body_clean", "lang", "customer_id", "item_refs", "state", "assignee_id"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			r := replyTexts[pick[i]]
			body := fmt.Sprintf(r.text, invoice(i))
			cust := customers[i%len(customers)]
			return []any{int64(i + 1), tn.ID, string(triage.SourceIMAP), fmt.Sprintf("compta%d@example.fr", i%len(customers)),
				fmt.Sprintf(r.subject, invoice(i)), at.Add(-time.Duration(i) * time.Minute), body, body, r.lang, cust,
				[]string{invoice(i)}, string(triage.StatePending), user.ID}, nil
		}))
	if err != nil {
		return fmt.Errorf("bench: copy pending replies: %w", err)
	}
	_, err = sc.Pool.CopyFrom(ctx, pgx.Identifier{"suggestion"},
		[]string{"tenant_id", "reply_id", "strategy", "status", "confidence", "comment", "items"},
		pgx.CopyFromSlice(n, func(i int) ([]any, error) {
			r := replyTexts[pick[i]]
			return []any{tn.ID, int64(i + 1), suggest.StrategyKNN, r.status, 0.4 + 0.6*rng.Float64(),
				suggest.Summary(fmt.Sprintf(r.text, invoice(i))), []string{invoice(i)}}, nil
		}))
	if err != nil {
		return fmt.Errorf("bench: copy suggestions: %w", err)
	}
	// A queue in service has been vacuumed: without it every count reads
	// the heap, and autovacuum would run in the middle of the measures.
	if _, err := sc.Pool.Exec(ctx, `SELECT setval('reply_id_seq', (SELECT max(id) FROM reply))`); err != nil {
		return fmt.Errorf("bench: reply sequence: %w", err)
	}
	if _, err := sc.Pool.Exec(ctx, `VACUUM ANALYZE`); err != nil {
		return fmt.Errorf("bench: vacuum: %w", err)
	}
	return nil
}
