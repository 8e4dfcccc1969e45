package suggest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/triage-ar/triage/suggest/cues"
)

// ModelsOptions tune when Models retrains. The zero value means the defaults.
type ModelsOptions struct {
	// RetrainAfter is how many new (or removed) qualifications make a model
	// stale (default 20). Small histories retrain sooner: after a tenth of
	// their size, at least one.
	RetrainAfter int
	// MaxAge retrains a model this old if its history changed at all, e.g.
	// by requalifications, which leave the count as it was (default 6h).
	MaxAge time.Duration
	// CheckEvery is how often a tenant's history is looked at, in the
	// background, when suggestions ask for its model (default 30s).
	CheckEvery time.Duration
	// TrainTimeout bounds one training (default 5 min).
	TrainTimeout time.Duration
	Model        ModelOptions
	Log          *slog.Logger // default slog.Default()
	Now          func() time.Time
}

// Models trains, caches and refreshes the status model of each tenant from
// its history. The first suggestion of a tenant waits for its training;
// later ones get the cached model at once while a stale one is retrained in
// the background, then swapped in. It is safe for concurrent use and
// implements ModelSource.
type Models struct {
	history History
	emb     Embedder
	opts    ModelsOptions

	bg      context.Context // background trainings; cancelled by Close
	stop    context.CancelFunc
	wg      sync.WaitGroup
	retrain chan struct{} // one background retraining at a time: requests keep the other cores
	mu      sync.Mutex
	closed  bool // no background work may start
	tenants map[int64]*tenantModel
}

// tenantModel is the cache entry of one tenant.
type tenantModel struct {
	ready     chan struct{} // closed when the first training ended
	model     *Model
	err       error // of the first training
	checkedAt time.Time
	busy      bool // a background check or retraining is running
}

// NewModels returns a cache of models trained from history; emb must be the
// embedder of the index the suggestions' neighbours come from.
func NewModels(history History, emb Embedder, opts ModelsOptions) *Models {
	if opts.RetrainAfter <= 0 {
		opts.RetrainAfter = 20
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = 6 * time.Hour
	}
	if opts.CheckEvery <= 0 {
		opts.CheckEvery = 30 * time.Second
	}
	if opts.TrainTimeout <= 0 {
		opts.TrainTimeout = 5 * time.Minute
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Model.Now == nil {
		opts.Model.Now = opts.Now
	}
	bg, stop := context.WithCancel(context.Background())
	return &Models{history: history, emb: emb, opts: opts, bg: bg, stop: stop,
		retrain: make(chan struct{}, 1), tenants: make(map[int64]*tenantModel)}
}

// Model implements ModelSource: the tenant's current model, trained now if
// it has none yet. A failed first training is returned as an error and
// tried again by the next call.
func (ms *Models) Model(ctx context.Context, tenantID int64) (*Model, error) {
	ms.mu.Lock()
	t, ok := ms.tenants[tenantID]
	if !ok {
		t = &tenantModel{ready: make(chan struct{})}
		ms.tenants[tenantID] = t
		ms.mu.Unlock()
		m, err := ms.train(ctx, tenantID)
		ms.mu.Lock()
		t.model, t.err, t.checkedAt = m, err, ms.opts.Now()
		if err != nil {
			delete(ms.tenants, tenantID)
		}
		close(t.ready)
		ms.mu.Unlock()
		return m, err
	}
	ms.mu.Unlock()
	select {
	case <-t.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("suggest: wait for the model of tenant %d: %w", tenantID, ctx.Err())
	}
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if t.err != nil {
		return nil, t.err
	}
	if now := ms.opts.Now(); !t.busy && now.Sub(t.checkedAt) >= ms.opts.CheckEvery && !ms.closed {
		t.busy, t.checkedAt = true, now
		ms.wg.Go(func() { ms.refresh(tenantID, t) })
	}
	return t.model, nil
}

// refresh retrains the tenant's model when its history moved on enough.
func (ms *Models) refresh(tenantID int64, t *tenantModel) {
	defer func() {
		ms.mu.Lock()
		t.busy = false
		ms.mu.Unlock()
	}()
	ms.mu.Lock()
	cur := t.model
	ms.mu.Unlock()
	count, lastID, err := ms.history.QualifiedCount(ms.bg, tenantID)
	if err != nil {
		if ms.bg.Err() == nil {
			ms.opts.Log.Warn("status model: history check failed", "tenant", tenantID, "err", err)
		}
		return
	}
	if !ms.stale(cur, count, lastID) {
		return
	}
	select {
	case ms.retrain <- struct{}{}:
		defer func() { <-ms.retrain }()
	case <-ms.bg.Done():
		return
	}
	m, err := ms.train(ms.bg, tenantID)
	if err != nil {
		if ms.bg.Err() == nil {
			ms.opts.Log.Warn("status model: retraining failed", "tenant", tenantID, "err", err)
		}
		return
	}
	ms.mu.Lock()
	t.model = m
	ms.mu.Unlock()
}

// stale reports whether a model trained on cur's history should be
// retrained for a history of count cases up to lastID.
func (ms *Models) stale(cur *Model, count int, lastID int64) bool {
	if count == cur.read && lastID == cur.LastID {
		return false // retraining on the same history gives the same model
	}
	grown := count - cur.read
	if grown < 0 {
		grown = -grown
	}
	threshold := min(ms.opts.RetrainAfter, max(1, cur.read/10))
	return grown >= threshold || ms.opts.Now().Sub(cur.TrainedAt) >= ms.opts.MaxAge
}

// train reads the tenant's history and trains its model.
func (ms *Models) train(ctx context.Context, tenantID int64) (*Model, error) {
	ctx, cancel := context.WithTimeout(ctx, ms.opts.TrainTimeout)
	defer cancel()
	start := time.Now()
	hist, err := ms.history.QualifiedTexts(ctx, tenantID)
	if err != nil {
		return nil, fmt.Errorf("suggest: history of tenant %d: %w", tenantID, err)
	}
	opts := ms.opts.Model
	if ps, ok := ms.history.(PhraseSource); ok {
		phrases, err := ps.CuePhrases(ctx, tenantID)
		if err != nil {
			return nil, fmt.Errorf("suggest: cue phrases of tenant %d: %w", tenantID, err)
		}
		if len(phrases) > 0 {
			// Phrases were checked when saved; one that fails now (a
			// lexicon change) must not stop suggestions: log and go on.
			if lex, err := cues.Default().With(phrases); err == nil {
				opts.Train.Lexicon = lex
			} else {
				ms.opts.Log.Warn("tenant cue phrases ignored", "tenant", tenantID, "err", err)
			}
		}
	}
	m, err := TrainModel(ctx, hist, ms.emb, opts)
	if err != nil {
		return nil, fmt.Errorf("suggest: train tenant %d: %w", tenantID, err)
	}
	ms.opts.Log.Info("status model trained", "tenant", tenantID, "examples", m.Examples,
		"alpha", m.Blend.Alpha, "temperature", m.Blend.Temperature, "held_out", m.HeldOut, "took", time.Since(start))
	return m, nil
}

// Close stops background trainings and waits for them to end.
func (ms *Models) Close() {
	ms.mu.Lock()
	ms.closed = true
	ms.mu.Unlock()
	ms.stop()
	ms.wg.Wait()
}
