package inbox

import (
	"context"
	"log/slog"
	"time"
)

// RunPollers keeps one Poller running per mailbox that list returns, until
// ctx ends; then it stops them all and returns. It calls list again every
// refresh, so a mailbox added, changed, disabled or removed is taken into
// account without a restart (a changed mailbox gets a new poller). Which
// replica actually polls a mailbox is decided by the pollers' lock.
func RunPollers(ctx context.Context, list func(context.Context) ([]Mailbox, error), newPoller func(Mailbox) *Poller,
	refresh time.Duration, log *slog.Logger) {
	type running struct {
		mb     Mailbox
		cancel context.CancelFunc
		done   chan struct{}
	}
	pollers := make(map[int64]*running)
	stop := func(r *running) {
		r.cancel()
		<-r.done
	}
	defer func() {
		for _, r := range pollers {
			r.cancel()
		}
		for _, r := range pollers {
			<-r.done
		}
	}()
	for {
		mbs, err := list(ctx)
		if err != nil && ctx.Err() == nil {
			log.WarnContext(ctx, "cannot list the mailboxes to poll", "err", err)
		}
		if err == nil {
			seen := make(map[int64]bool, len(mbs))
			for _, mb := range mbs {
				seen[mb.ID] = true
				r := pollers[mb.ID]
				if r != nil && r.mb == mb {
					continue
				}
				if r != nil {
					log.InfoContext(ctx, "mailbox changed: restarting its poller", "mailbox", mb.Name, "tenant", mb.TenantID)
					stop(r)
				}
				pctx, cancel := context.WithCancel(ctx)
				r = &running{mb: mb, cancel: cancel, done: make(chan struct{})}
				pollers[mb.ID] = r
				p := newPoller(mb)
				go func() {
					defer close(r.done)
					p.Run(pctx)
				}()
			}
			for id, r := range pollers {
				if !seen[id] {
					log.InfoContext(ctx, "mailbox removed or disabled: stopping its poller", "mailbox", r.mb.Name, "tenant", r.mb.TenantID)
					stop(r)
					delete(pollers, id)
				}
			}
		}
		if !sleep(ctx, refresh) {
			return
		}
	}
}
