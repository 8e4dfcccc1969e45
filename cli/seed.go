package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/triage-ar/triage/demo"
	"github.com/triage-ar/triage/jobs"
)

func runSeedDemo(ctx context.Context, env *Env, args []string) error {
	if err := parse(newFlags(env, "seed-demo"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, env)
	if err != nil {
		return err
	}
	defer a.close()
	s := &demo.Seeder{DB: a.db, Service: a.service, Embedder: a.embedder, Clean: cleanText}
	rep, err := s.Seed(ctx)
	if errors.Is(err, demo.ErrSeeded) {
		fmt.Fprintln(env.Stdout, "demo tenant already present: nothing to do")
		return nil
	}
	if err != nil {
		return err
	}
	// Compute the pending replies' suggestions now, so the queue is ready
	// when the server starts.
	w := &jobs.Worker{DB: a.db, Service: a.service, Log: a.log}
	n, err := w.Drain(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "demo tenant %q: %d customers, %d items, %d past qualifications, %d pending replies, %d suggestions\n",
		rep.Tenant.Slug, rep.Customers, rep.Items, rep.History, rep.Pending, n)
	return nil
}
