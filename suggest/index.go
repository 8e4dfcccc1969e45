package suggest

import (
	"context"
	"sync"

	"github.com/triage-ar/triage/triage"
)

// Index finds the past qualifications nearest to a vector in a tenant's
// history. store.DB implements it with pgvector; MemIndex exactly, in memory.
type Index interface {
	Nearest(ctx context.Context, tenantID int64, vec []float32, k int) ([]triage.Neighbour, error)
}

// MemIndex is an exact in-memory Index for evals and tests. It is safe for
// concurrent use. Hashed embeddings are mostly zeros, so it keeps an
// inverted list per dimension: a query only visits the rows that share one
// of its non-zero dimensions, and 10 000 rows take well under a millisecond.
type MemIndex struct {
	mu      sync.RWMutex
	tenants map[int64]*memTenant
}

// memTenant is the index of one tenant: its rows and, per dimension, the
// rows that have a non-zero value there, in insertion order.
type memTenant struct {
	rows     []triage.Neighbour
	postings [][]posting
}

type posting struct {
	row int32
	val float32
}

// Add records a qualification of a tenant with its vector.
func (m *MemIndex) Add(tenantID int64, n triage.Neighbour, vec []float32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tenants == nil {
		m.tenants = make(map[int64]*memTenant)
	}
	t := m.tenants[tenantID]
	if t == nil {
		t = &memTenant{}
		m.tenants[tenantID] = t
	}
	if len(vec) > len(t.postings) {
		t.postings = append(t.postings, make([][]posting, len(vec)-len(t.postings))...)
	}
	row := int32(len(t.rows))
	t.rows = append(t.rows, n)
	for d, x := range vec {
		if x != 0 {
			t.postings[d] = append(t.postings[d], posting{row: row, val: x})
		}
	}
}

// Len returns the number of qualifications of a tenant.
func (m *MemIndex) Len(tenantID int64) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if t := m.tenants[tenantID]; t != nil {
		return len(t.rows)
	}
	return 0
}

// Nearest implements Index by an exact search: the k rows of highest cosine
// with vec (unit vectors), the earlier added first among equals.
func (m *MemIndex) Nearest(_ context.Context, tenantID int64, vec []float32, k int) ([]triage.Neighbour, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	t := m.tenants[tenantID]
	if k <= 0 || t == nil {
		return nil, nil
	}
	// Dimensions are visited in order, so each row's sum adds its terms in
	// the order of a plain dot product, in float32 like the vectors: half
	// the memory traffic of float64 for the scatter that dominates a query.
	scores := make([]float32, len(t.rows))
	for d, x := range vec[:min(len(vec), len(t.postings))] {
		if x == 0 {
			continue
		}
		for _, p := range t.postings[d] {
			scores[p.row] += x * p.val
		}
	}
	top := make([]triage.Neighbour, 0, min(k, len(t.rows)))
	for row, s32 := range scores {
		s := float64(s32)
		if len(top) == k && s <= top[k-1].Similarity {
			continue
		}
		// Insert after every kept row at least as similar: ties stay in insertion order.
		at := len(top)
		for at > 0 && top[at-1].Similarity < s {
			at--
		}
		if len(top) < k {
			top = append(top, triage.Neighbour{})
		}
		copy(top[at+1:], top[at:len(top)-1])
		n := t.rows[row]
		n.Similarity = s
		top[at] = n
	}
	return top, nil
}
