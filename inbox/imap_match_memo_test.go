package inbox

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// countingDirectory is a fakeDirectory that counts its lookups and fails
// the addresses listed in fail.
type countingDirectory struct {
	fakeDirectory
	fail map[string]bool

	mu    sync.Mutex
	calls map[string]int
}

func (d *countingDirectory) count(key string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls[key]++
	if d.fail[key] {
		return errors.New("connection reset by peer")
	}
	return nil
}

func (d *countingDirectory) CustomersByEmail(ctx context.Context, tenantID int64, addr string) ([]int64, error) {
	if err := d.count("email " + addr); err != nil {
		return nil, err
	}
	return d.fakeDirectory.CustomersByEmail(ctx, tenantID, addr)
}

func (d *countingDirectory) CustomersByEmailDomain(ctx context.Context, tenantID int64, domain string) ([]int64, error) {
	if err := d.count("domain " + domain); err != nil {
		return nil, err
	}
	return d.fakeDirectory.CustomersByEmailDomain(ctx, tenantID, domain)
}

// TestSenderMemo: within a batch, each sender and domain is looked up once
// per tenant, every message gets its own customer id, a failed lookup is
// not remembered, and a directory without threads or invoices matches
// none by them.
func TestSenderMemo(t *testing.T) {
	dir := &countingDirectory{
		fakeDirectory: fakeDirectory{1: {"compta@boulangerie-martin.fr"}, 2: {"ap@smith.co.uk"}},
		fail:          map[string]bool{"email panne@boulangerie-martin.fr": true},
		calls:         map[string]int{},
	}
	memo := newSenderMemo(dir)
	ctx := context.Background()
	tests := []struct {
		tenant  int64
		from    string
		want    int64 // 0: unmatched
		wantErr bool
	}{
		{1, "Compta Martin <compta@boulangerie-martin.fr>", 1, false},
		{1, "compta@boulangerie-martin.fr", 1, false},
		{1, "Accounts Payable <ap@smith.co.uk>", 2, false},
		{1, "jane@smith.co.uk", 2, false}, // by domain
		{1, "john@smith.co.uk", 2, false}, // by domain, remembered
		{2, "ap@smith.co.uk", 2, false},   // another tenant: asked again
		{1, "inconnu@gmail.com", 0, false},
		{1, "panne@boulangerie-martin.fr", 0, true},
		{1, "panne@boulangerie-martin.fr", 0, true},
	}
	var ids []*int64
	for _, tc := range tests {
		id, err := MatchSender(ctx, memo, tc.tenant, tc.from)
		if (err != nil) != tc.wantErr {
			t.Fatalf("MatchSender(%q) error %v, want error %v", tc.from, err, tc.wantErr)
		}
		got := int64(0)
		if id != nil {
			got = *id
			ids = append(ids, id)
		}
		if got != tc.want {
			t.Errorf("MatchSender(%d, %q) = %d, want %d", tc.tenant, tc.from, got, tc.want)
		}
	}
	for key, want := range map[string]int{
		"email compta@boulangerie-martin.fr": 1, "email ap@smith.co.uk": 2, "email jane@smith.co.uk": 1,
		"domain smith.co.uk": 1, "email panne@boulangerie-martin.fr": 2,
	} {
		if dir.calls[key] != want {
			t.Errorf("%s looked up %d times, want %d (all: %v)", key, dir.calls[key], want, dir.calls)
		}
	}
	*ids[0] = 99 // a reply's customer id is its own
	if *ids[1] != 1 {
		t.Errorf("two replies share one customer id: %d", *ids[1])
	}
	if id, err := memo.CustomerByThread(ctx, 1, []string{"relance.F-2026-0042@acme-distribution.fr"}); id != nil || err != nil {
		t.Errorf("thread lookup without a ThreadDirectory = %v, %v", id, err)
	}
	if ids, err := memo.CustomersByItemRefs(ctx, 1, []string{"F-2026-0042"}); ids != nil || err != nil {
		t.Errorf("invoice lookup without an ItemDirectory = %v, %v", ids, err)
	}
}
