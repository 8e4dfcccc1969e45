package inbox

import (
	"context"
	"slices"
	"sync"
)

// senderMemo remembers, for the messages of one fetch, the customers the
// directory gave for each sender address and domain: the same customers
// write many of a backlog's messages, and each lookup is a round trip to
// the store. It lives as long as one batch, so a customer added meanwhile
// is seen by the next one. The thread and invoice lookups, different for
// each message, go to the directory as they are (when it has them).
type senderMemo struct {
	dir CustomerDirectory

	mu      sync.Mutex
	emails  map[memoKey][]int64
	domains map[memoKey][]int64
}

type memoKey struct {
	tenantID int64
	key      string
}

func newSenderMemo(dir CustomerDirectory) *senderMemo {
	return &senderMemo{dir: dir, emails: map[memoKey][]int64{}, domains: map[memoKey][]int64{}}
}

func (m *senderMemo) CustomersByEmail(ctx context.Context, tenantID int64, addr string) ([]int64, error) {
	return m.lookup(ctx, m.emails, memoKey{tenantID, addr}, m.dir.CustomersByEmail)
}

func (m *senderMemo) CustomersByEmailDomain(ctx context.Context, tenantID int64, domain string) ([]int64, error) {
	return m.lookup(ctx, m.domains, memoKey{tenantID, domain}, m.dir.CustomersByEmailDomain)
}

// CustomerByThread asks the directory when it can; a directory without
// threads matches none, as ResolveCustomer does without the method.
func (m *senderMemo) CustomerByThread(ctx context.Context, tenantID int64, ids []string) (*int64, error) {
	if td, ok := m.dir.(ThreadDirectory); ok {
		return td.CustomerByThread(ctx, tenantID, ids)
	}
	return nil, nil
}

// CustomersByItemRefs asks the directory when it can, like CustomerByThread.
func (m *senderMemo) CustomersByItemRefs(ctx context.Context, tenantID int64, refs []string) ([]int64, error) {
	if id, ok := m.dir.(ItemDirectory); ok {
		return id.CustomersByItemRefs(ctx, tenantID, refs)
	}
	return nil, nil
}

func (m *senderMemo) lookup(ctx context.Context, cache map[memoKey][]int64, k memoKey,
	ask func(context.Context, int64, string) ([]int64, error)) ([]int64, error) {
	m.mu.Lock()
	ids, ok := cache[k]
	m.mu.Unlock()
	if ok {
		return slices.Clone(ids), nil // the caller may keep a pointer into it
	}
	ids, err := ask(ctx, k.tenantID, k.key)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	cache[k] = slices.Clone(ids)
	m.mu.Unlock()
	return ids, nil
}
