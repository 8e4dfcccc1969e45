package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/triage-ar/triage/inbox"
	"github.com/triage-ar/triage/jobs"
	"github.com/triage-ar/triage/metrics"
	"github.com/triage-ar/triage/outbox"
	"github.com/triage-ar/triage/triage"
	"github.com/triage-ar/triage/web"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	if err := parse(newFlags(env, "serve"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, jsonLogsByDefault(env), "TRIAGE_SECRET_KEY")
	if err != nil {
		return err
	}
	defer a.close()
	pollers := inbox.NewPollerStates(nil)
	h, err := web.New(web.Deps{Config: a.cfg, DB: a.db, Service: a.service, Log: a.log,
		Dialer: inbox.IMAPDialer{Getenv: env.Getenv, Timeout: 20 * time.Second}, Pollers: pollers.Snapshot})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.ListenAddr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	var wg sync.WaitGroup
	workCtx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	m := metrics.New(a.db.PendingAll, a.llmStats)
	a.service.Observe(m)
	if a.cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", a.cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s for metrics: %w", a.cfg.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", m.Handler())
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go msrv.Serve(mln)
		defer msrv.Close()
		a.log.Info("metrics served", "addr", mln.Addr().String(), "path", "/metrics")
	}
	letters, err := jobs.NewLetterSender(a.cfg.Postal, a.db, a.service, a.log)
	if err != nil {
		return err
	}
	wg.Go(func() { letters.Run(workCtx, jobs.LetterPass) })
	for range a.cfg.Workers {
		w := &jobs.Worker{DB: a.db, Service: a.service, Log: a.log, Letters: letters,
			Mailer: &outbox.Mailer{DB: a.db, Getenv: env.Getenv},
			Eval: jobs.EvalDeps{Clean: cleanText, Lang: inbox.DetectLang, Prior: a.prior,
				Wrap: func(strat string, prompt *int64, knn triage.Suggester) (triage.Suggester, error) {
					cfg := *a.cfg
					cfg.Strategy = strat
					source := activePrompt(a.db)
					if prompt != nil {
						source = promptVersion(a.db, *prompt)
					}
					return strategy(&cfg, knn, source, companyName(a.db), nil, a.log)
				}}}
		wg.Go(func() { w.Run(workCtx) })
	}
	wg.Go(func() { purgeSessions(workCtx, a) })
	wg.Go(func() { runPollers(workCtx, a, env, m.Unreadable, pollers) })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("triage serving", "addr", ln.Addr().String(), "url", a.cfg.BaseURL.String(), "workers", a.cfg.Workers)
	select {
	case err := <-errc:
		stopWork()
		wg.Wait()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutCtx)
	stopWork()
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// jsonLogsByDefault makes serve log JSON unless TRIAGE_LOG_FORMAT says
// otherwise: a server's logs go to a collector, the other commands' to a
// terminal.
func jsonLogsByDefault(env *Env) *Env {
	e := *env
	e.Getenv = func(name string) string {
		if v := env.Getenv(name); v != "" || name != "TRIAGE_LOG_FORMAT" {
			return v
		}
		return "json"
	}
	return &e
}

// purgeSessions deletes expired sessions every hour, so the table does not
// grow with every login ever made. Any replica may do it: the delete is idempotent.
func purgeSessions(ctx context.Context, a *app) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.db.PurgeSessions(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("purge sessions", "err", err)
		} else if n > 0 {
			a.log.Info("expired sessions purged", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
