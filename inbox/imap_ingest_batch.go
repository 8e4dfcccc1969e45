package inbox

import (
	"context"
	"runtime"
	"sync"

	"github.com/triage-ar/triage/triage"
)

// BatchIngester is the part of triage.Service that stores many replies in
// one transaction (Service.IngestBatch).
type BatchIngester interface {
	IngestBatch(ctx context.Context, in []triage.NewReply) ([]triage.Reply, error)
}

// IngestBatch stores messages fetched together, in UID order, and returns
// how many of them, from the first, are stored: all of them when it
// returns nil. It has the signature NewBatchPoller wants. The messages are
// parsed in parallel, then stored in one transaction with their mailbox's
// checkpoint when the service can (BatchIngester). If that transaction is
// refused (a message the store will not take as parsed), the messages are
// stored one by one as Ingest stores them, so that one bad message is
// kept raw instead of blocking the others; nothing of the refused
// transaction was committed.
func (in *Ingester) IngestBatch(ctx context.Context, fs []Fetched) (int, error) {
	ms := in.readAll(fs)
	if err := in.matchAll(ctx, ms); err != nil {
		return 0, err
	}
	if bs, ok := in.Service.(BatchIngester); ok && len(ms) > 1 {
		rs := make([]triage.NewReply, len(ms))
		for i, m := range ms {
			rs[i] = m.reply
		}
		_, err := bs.IngestBatch(ctx, rs)
		if err == nil {
			for _, m := range ms {
				in.noteUnreadable(ctx, m)
				in.recordBounce(ctx, m)
			}
			return len(ms), nil
		}
		if ctx.Err() != nil {
			return 0, err
		}
		in.log().WarnContext(ctx, "batch refused by the store: storing its messages one by one",
			"mailbox", ms[0].f.Mailbox.Name, "first_uid", ms[0].f.UID, "count", len(ms), "err", err)
	}
	for i, m := range ms {
		if err := in.storeOne(ctx, m); err != nil {
			return i, err
		}
	}
	return len(ms), nil
}

// readAll reads the messages, in the order of fs, on as many goroutines
// as there are CPUs: parsing is the CPU-bound part of ingestion.
func (in *Ingester) readAll(fs []Fetched) []readMessage {
	ms := make([]readMessage, len(fs))
	parallel(len(fs), runtime.GOMAXPROCS(0), func(i int) { ms[i] = in.read(fs[i]) })
	return ms
}

// matchWorkers is how many messages of a batch look for their customer at
// once: each lookup mostly waits for the store.
const matchWorkers = 4

// matchAll finds the customers of the messages (ResolveCustomer), a few
// at once, remembering the senders' lookups for the batch (senderMemo).
// It returns the first error, once every lookup under way has ended.
func (in *Ingester) matchAll(ctx context.Context, ms []readMessage) error {
	if in.Customers == nil {
		return nil
	}
	memo := newSenderMemo(in.Customers)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	parallel(len(ms), matchWorkers, func(i int) {
		if ctx.Err() != nil {
			return
		}
		if _, err := ResolveCustomer(ctx, memo, &ms[i].reply); err != nil {
			cancel(err)
		}
	})
	return context.Cause(ctx)
}

// parallel calls fn for every i in [0, n) on at most workers goroutines,
// and returns when all calls have.
func parallel(n, workers int, fn func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
