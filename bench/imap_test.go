package bench_test

import (
	"strings"
	"testing"

	"github.com/triage-ar/triage/bench"
	"github.com/triage-ar/triage/inbox/dovecottest"
)

// checkIMAP checks the imap section of TestRunTiny's report: with Dovecot,
// the whole backlog read raw and stored by triage exactly once; without,
// the section says it was skipped and gives no figure.
func checkIMAP(t *testing.T, g *bench.IMAPResult, backlog int) {
	t.Helper()
	if g == nil {
		t.Fatal("the report has no imap section")
	}
	var table strings.Builder
	if err := (bench.Report{IMAP: g}).WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if !dovecottest.Installed() {
		if g.Skipped != bench.IMAPSkipped || g.Messages != 0 || g.Raw.PerSec != 0 || g.Triage.PerSec != 0 {
			t.Errorf("imap without Dovecot = %+v, want only skipped", g)
		}
		if !strings.Contains(table.String(), "skipped: Dovecot not installed (bash scripts/dovecot.sh install)") {
			t.Errorf("the table does not say the imap section was skipped:\n%s", table.String())
		}
		t.Logf("Dovecot is not installed: the imap section was skipped (run `%s`)", dovecottest.InstallHint)
		return
	}
	if g.Skipped != "" || g.Partial {
		t.Fatalf("imap with Dovecot installed: skipped %q, partial %v", g.Skipped, g.Partial)
	}
	if g.Messages != backlog || g.DovecotMessages != backlog || g.Raw.Messages != backlog || g.Stored != backlog ||
		g.Triage.Messages != backlog || int(g.CheckpointUID) != backlog {
		t.Errorf("imap counts: %d appended, %d in Dovecot, %d read raw, %d stored (%d in the rate), checkpoint UID %d; want %d each",
			g.Messages, g.DovecotMessages, g.Raw.Messages, g.Stored, g.Triage.Messages, g.CheckpointUID, backlog)
	}
	if g.Lost != 0 || g.Duplicated != 0 || g.Unreadable != 0 {
		t.Errorf("imap: %d lost, %d duplicated, %d unreadable; want none", g.Lost, g.Duplicated, g.Unreadable)
	}
	if g.WithAttachment == 0 || g.Raw.Bytes != g.Bytes || g.Triage.Bytes != g.Bytes {
		t.Errorf("imap bytes: %d appended, %d read raw, %d stored, %d with attachment", g.Bytes, g.Raw.Bytes, g.Triage.Bytes, g.WithAttachment)
	}
	if g.Raw.PerSec <= 0 || g.Raw.MBPerSec <= 0 || g.Triage.PerSec <= 0 || g.Ratio <= 0 {
		t.Errorf("imap rates: raw %+v, triage %+v, ratio %v", g.Raw, g.Triage, g.Ratio)
	}
	t.Logf("imap section:\n%s", table.String())
	for _, want := range []string{"imap: raw UID FETCH, 50 msgs", "× raw UID FETCH; 50/50 stored", "0 lost, 0 duplicated"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}
