package inbox

import (
	"context"
	"fmt"

	"github.com/triage-ar/triage/triage"
)

// ThreadDirectory finds the customer of a reminder we sent among the
// message ids a reply answers. store.DB implements it.
type ThreadDirectory interface {
	CustomerByThread(ctx context.Context, tenantID int64, ids []string) (*int64, error)
}

// ItemDirectory finds the customers owning the items invoice references
// designate; at most two (one is a match, two are ambiguous). store.DB
// implements it.
type ItemDirectory interface {
	CustomersByItemRefs(ctx context.Context, tenantID int64, refs []string) ([]int64, error)
}

// BounceRecorder records addresses that delivery failure reports declared
// dead. store.DB implements it.
type BounceRecorder interface {
	MarkEmailsInvalid(ctx context.Context, tenantID int64, addrs []string) (int, error)
}

// ResolveCustomer links a reply to its customer when its source did not:
// first the reminder it answers (In-Reply-To/References), then the sender's
// address or domain — for a bounce, the dead address it reports — then the
// invoice numbers it quotes, when they are one customer's. It reports how
// it matched ("thread", "sender", "bounce", "items"), "" when it could not:
// the reply then waits in the queue as "customer unknown". dir may
// implement ThreadDirectory and ItemDirectory; the steps it lacks are skipped.
func ResolveCustomer(ctx context.Context, dir CustomerDirectory, r *triage.NewReply) (string, error) {
	if r.CustomerID != nil || dir == nil {
		return "", nil
	}
	if td, ok := dir.(ThreadDirectory); ok && len(r.Thread) > 0 {
		id, err := td.CustomerByThread(ctx, r.TenantID, r.Thread)
		if err != nil {
			return "", fmt.Errorf("inbox: match by thread: %w", err)
		}
		if id != nil {
			r.CustomerID = id
			return "thread", nil
		}
	}
	for _, addr := range r.BounceTo {
		id, err := MatchSender(ctx, dir, r.TenantID, addr)
		if err != nil {
			return "", err
		}
		if id != nil {
			r.CustomerID = id
			return "bounce", nil
		}
	}
	id, err := MatchSender(ctx, dir, r.TenantID, r.From)
	if err != nil || id != nil {
		r.CustomerID = id
		return "sender", err
	}
	if idir, ok := dir.(ItemDirectory); ok && len(r.Refs) > 0 {
		ids, err := idir.CustomersByItemRefs(ctx, r.TenantID, r.Refs)
		if err != nil {
			return "", fmt.Errorf("inbox: match by items: %w", err)
		}
		if len(ids) == 1 {
			r.CustomerID = &ids[0]
			return "items", nil
		}
	}
	return "", nil
}

// RecordBounce marks the addresses a bounce reports as dead, when dir can.
func RecordBounce(ctx context.Context, dir CustomerDirectory, r triage.NewReply) error {
	br, ok := dir.(BounceRecorder)
	if !ok || len(r.BounceTo) == 0 {
		return nil
	}
	if _, err := br.MarkEmailsInvalid(ctx, r.TenantID, r.BounceTo); err != nil {
		return fmt.Errorf("inbox: record bounce: %w", err)
	}
	return nil
}
