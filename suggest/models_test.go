package suggest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// fakeHistory is a tenant history in memory that counts its reads.
type fakeHistory struct {
	mu            sync.Mutex
	rows          []LabelledText
	texts, counts int
	fail          error // returned once by the next QualifiedTexts
}

func (f *fakeHistory) QualifiedTexts(context.Context, int64) ([]LabelledText, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.texts++
	if err := f.fail; err != nil {
		f.fail = nil
		return nil, err
	}
	return append([]LabelledText(nil), f.rows...), nil
}

func (f *fakeHistory) QualifiedCount(context.Context, int64) (int, int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts++
	var last int64
	for _, r := range f.rows {
		last = max(last, r.ID)
	}
	return len(f.rows), last, nil
}

func (f *fakeHistory) set(rows []LabelledText) {
	f.mu.Lock()
	f.rows = rows
	f.mu.Unlock()
}

func (f *fakeHistory) calls() (texts, counts int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.texts, f.counts
}

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newTestModels(h History, c *clock) *Models {
	return NewModels(h, HashEmbedder{}, ModelsOptions{Now: c.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// get returns the tenant's model after any background refresh it started.
func get(t *testing.T, ms *Models) *Model {
	t.Helper()
	m, err := ms.Model(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	ms.wg.Wait()
	return m
}

func TestModelsFirstTrainingIsShared(t *testing.T) {
	h := &fakeHistory{rows: synthHistory(30, nil, 1)}
	ms := newTestModels(h, &clock{now: time.Unix(1e9, 0)})
	defer ms.Close()
	var wg sync.WaitGroup
	models := make([]*Model, 8)
	for i := range models {
		wg.Go(func() { models[i], _ = ms.Model(context.Background(), 1) })
	}
	wg.Wait()
	for _, m := range models {
		if m == nil || m != models[0] || m.Examples != 30 {
			t.Fatalf("concurrent first calls got %p %+v, want one shared model", m, m)
		}
	}
	if texts, _ := h.calls(); texts != 1 {
		t.Errorf("history read %d times, want once", texts)
	}
}

func TestModelsRetrain(t *testing.T) {
	h := &fakeHistory{}
	c := &clock{now: time.Unix(1e9, 0)}
	ms := newTestModels(h, c)
	defer ms.Close()
	steps := []struct {
		name     string
		rows     []LabelledText
		advance  time.Duration
		examples int // of the model served after the step's refresh
		counts   int // QualifiedCount calls so far
	}{
		{"cold start trains at once", nil, 0, 0, 0},
		{"not looked at before CheckEvery", synthHistory(1, nil, 1), time.Second, 0, 0},
		{"one case is a tenth of nothing", synthHistory(1, nil, 1), 30 * time.Second, 0, 1},
		{"the retrained model is served", synthHistory(1, nil, 1), 0, 1, 1},
		{"100 cases", synthHistory(100, nil, 1), 30 * time.Second, 1, 2},
		{"100 cases served", synthHistory(100, nil, 1), 0, 100, 2},
		{"5 more: under a tenth", synthHistory(105, nil, 1), 30 * time.Second, 100, 3},
		{"10 more: retrained", synthHistory(110, nil, 1), 30 * time.Second, 100, 4},
		{"110 served", synthHistory(110, nil, 1), 0, 110, 4},
	}
	for _, s := range steps {
		h.set(s.rows)
		c.advance(s.advance)
		m := get(t, ms)
		if _, counts := h.calls(); m.Examples != s.examples || counts != s.counts {
			t.Errorf("%s: model of %d examples after %d checks, want %d after %d", s.name, m.Examples, counts, s.examples, s.counts)
		}
	}

	// A requalification keeps the count but changes the last id: retrained
	// once the model is MaxAge old, not before.
	rows := synthHistory(110, nil, 1)
	rows[0].ID, rows[0].Status = 111, "other"
	h.set(rows)
	c.advance(time.Minute)
	get(t, ms)
	if m := get(t, ms); m.LastID != 110 {
		t.Errorf("young model retrained for one requalification: last id %d", m.LastID)
	}
	c.advance(6 * time.Hour)
	get(t, ms)
	if m := get(t, ms); m.LastID != 111 {
		t.Errorf("old model not retrained: last id %d", m.LastID)
	}
	// An unchanged history is never retrained, however old the model.
	texts, _ := h.calls()
	c.advance(24 * time.Hour)
	get(t, ms)
	if again, _ := h.calls(); again != texts {
		t.Errorf("unchanged history read again")
	}
}

func TestModelsFirstFailureIsRetried(t *testing.T) {
	boom := errors.New("database down")
	h := &fakeHistory{fail: boom, rows: synthHistory(2, nil, 1)}
	ms := newTestModels(h, &clock{now: time.Unix(1e9, 0)})
	defer ms.Close()
	if _, err := ms.Model(context.Background(), 1); !errors.Is(err, boom) {
		t.Fatalf("first training error = %v", err)
	}
	if m, err := ms.Model(context.Background(), 1); err != nil || m.Examples != 2 {
		t.Errorf("second call = %+v, %v", m, err)
	}
}

func TestModelsClose(t *testing.T) {
	h := &fakeHistory{}
	c := &clock{now: time.Unix(1e9, 0)}
	ms := newTestModels(h, c)
	get(t, ms)
	ms.Close()
	h.set(synthHistory(5, nil, 1))
	c.advance(time.Hour)
	if m := get(t, ms); m.Examples != 0 {
		t.Errorf("retrained after Close")
	}
	if _, counts := h.calls(); counts != 0 {
		t.Errorf("history checked after Close")
	}
}
