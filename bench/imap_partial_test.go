package bench

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/triage-ar/triage/inbox/dovecottest"
	"github.com/triage-ar/triage/store/storetest"
)

// TestPollBacklogPartial checks what a run whose budget ends before the
// backlog is stored reports: the messages stored so far, marked partial,
// none counted lost. The mailbox holds 20 messages where the run expects
// 30, so the budget always ends first, whatever the machine's speed.
func TestPollBacklogPartial(t *testing.T) {
	admin := os.Getenv(storetest.EnvURL)
	if admin == "" {
		t.Skipf("%s is not set: run `make test`, which starts the local Postgres", storetest.EnvURL)
	}
	srv := dovecottest.Start(t)
	msgs, _ := backlogMessages(20)
	srv.Append(t, msgs)
	ctx := context.Background()
	sc, err := newScratch(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sc.Drop(ctx); err != nil {
			t.Error(err)
		}
	})
	res := IMAPResult{Messages: 30, BudgetSeconds: 3}
	bctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := pollBacklog(bctx, sc, srv, &res); err != nil {
		t.Fatal(err)
	}
	if !res.Partial || res.Stored != 20 || res.Triage.Messages != 20 || res.Lost != 0 || res.Duplicated != 0 || res.CheckpointUID != 20 {
		t.Errorf("partial run = %+v; want partial, 20 stored, none lost or duplicated, checkpoint UID 20", res)
	}
	if res.Triage.PerSec <= 0 {
		t.Errorf("partial rate = %+v, want the rate of the 20 stored", res.Triage)
	}
}
