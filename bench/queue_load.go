package bench

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// QueueView is the latency of the queue page under one of the filters
// collectors use most, one request at a time.
type QueueView struct {
	Name  string      `json:"name"`
	Path  string      `json:"path"`
	Page  Percentiles `json:"page"`
	Bytes int         `json:"bytes"`
}

// QueueLoad is the latency of the queue page when Clients collectors, each
// with a session of their own, load it at the same time.
type QueueLoad struct {
	Clients int         `json:"clients"`
	Page    Percentiles `json:"page"`
	PerSec  float64     `json:"per_sec"`
}

// queueViews are the filtered queues the bench times: a status, the
// suggestions under the default threshold, a word of the customers' French
// replies, and one invoice number (fillQueue numbers them F-2026-NNNNN).
var queueViews = []struct{ name, path string }{
	{"status promise_to_pay", "/queue?status=promise_to_pay"},
	{"under threshold", "/queue?review=1"},
	{"search a word", "/queue?q=virement"},
	{"search an invoice", "/queue?q=F-2026-04242"},
}

// queueClients are the concurrencies the queue page is timed at.
var queueClients = []int{4, 16}

// measureViews times each of queueViews with c, a fraction of the budget each.
func measureViews(ctx context.Context, c *client, budget Budget) ([]QueueView, error) {
	b := Budget{Max: max(budget.Max/3, 1), For: budget.For / 3}
	var out []QueueView
	for _, v := range queueViews {
		qv := QueueView{Name: v.name, Path: v.path}
		// The first request fills Postgres's caches for this plan.
		if _, err := c.get(ctx, v.path); err != nil {
			return nil, err
		}
		ds, _, err := b.timed(func(int) error {
			n, err := c.get(ctx, v.path)
			qv.Bytes = n
			return err
		})
		if err != nil {
			return nil, err
		}
		qv.Page = percentiles(ds)
		out = append(out, qv)
	}
	return out, nil
}

// measureLoad times the queue page at each of queueClients, every client
// logged in on its own connection, all on 127.0.0.1.
func measureLoad(ctx context.Context, base string, budget Budget) ([]QueueLoad, error) {
	var out []QueueLoad
	for _, n := range queueClients {
		clients := make([]*client, n)
		for i := range clients {
			c, err := login(ctx, base)
			if err != nil {
				return nil, err
			}
			defer c.http.CloseIdleConnections()
			clients[i] = c
		}
		ds, total, err := budget.concurrent(ctx, n, func(ctx context.Context, i int) error {
			_, err := clients[i].get(ctx, "/queue")
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("bench: queue at %d clients: %w", n, err)
		}
		out = append(out, QueueLoad{Clients: n, Page: percentiles(ds), PerSec: float64(len(ds)) / total.Seconds()})
	}
	return out, nil
}

// concurrent calls f from n goroutines, f's second argument telling which,
// until the budget's count of calls is reached or its duration spent,
// whichever first, and records each call's duration. The first error stops
// every goroutine and is returned.
func (b Budget) concurrent(ctx context.Context, n int, f func(ctx context.Context, i int) error) ([]time.Duration, time.Duration, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu      sync.Mutex
		started int
		ds      []time.Duration
		first   error
		wg      sync.WaitGroup
	)
	start := time.Now()
	// take reserves one call of the budget, or reports it spent.
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if first != nil || ctx.Err() != nil || started >= b.Max || time.Since(start) >= b.For {
			return false
		}
		started++
		return true
	}
	for i := range n {
		wg.Go(func() {
			for take() {
				t := time.Now()
				err := f(ctx, i)
				d := time.Since(t)
				mu.Lock()
				if err != nil && first == nil {
					first = err
					cancel()
				}
				if err == nil {
					ds = append(ds, d)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return ds, time.Since(start), first
}
