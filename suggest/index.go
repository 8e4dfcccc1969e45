package suggest

import (
	"context"
	"slices"
	"sync"

	"github.com/triage-ar/triage/triage"
)

// Index finds the past qualifications nearest to a vector in a tenant's
// history. store.DB implements it with pgvector; MemIndex exactly, in memory.
type Index interface {
	Nearest(ctx context.Context, tenantID int64, vec []float32, k int) ([]triage.Neighbour, error)
}

// MemIndex is an exact in-memory Index for evals and tests. It is safe for
// concurrent use.
type MemIndex struct {
	mu   sync.RWMutex
	rows map[int64][]memRow
}

type memRow struct {
	n   triage.Neighbour
	vec []float32
}

// Add records a qualification of a tenant with its vector.
func (m *MemIndex) Add(tenantID int64, n triage.Neighbour, vec []float32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rows == nil {
		m.rows = make(map[int64][]memRow)
	}
	m.rows[tenantID] = append(m.rows[tenantID], memRow{n: n, vec: vec})
}

// Len returns the number of qualifications of a tenant.
func (m *MemIndex) Len(tenantID int64) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.rows[tenantID])
}

// Nearest implements Index by an exact scan.
func (m *MemIndex) Nearest(_ context.Context, tenantID int64, vec []float32, k int) ([]triage.Neighbour, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	rows := m.rows[tenantID]
	out := make([]triage.Neighbour, 0, len(rows))
	for _, r := range rows {
		n := r.n
		n.Similarity = Cosine(vec, r.vec)
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b triage.Neighbour) int {
		switch {
		case a.Similarity > b.Similarity:
			return -1
		case a.Similarity < b.Similarity:
			return 1
		}
		return 0
	})
	if len(out) > k {
		out = out[:k]
	}
	return out, nil
}
