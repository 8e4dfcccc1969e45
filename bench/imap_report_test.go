package bench

import (
	"strings"
	"testing"
)

// TestIMAPRows checks the imap lines of the table: a skipped section gives
// no figure, a partial run says so, a complete one gives the ratio and the
// exactly-once count.
func TestIMAPRows(t *testing.T) {
	complete := IMAPResult{Messages: 10000, Bytes: 85203237, WithAttachment: 1649, RawPasses: 2, BatchSize: 100,
		Raw:    Rate{Messages: 10000, PerSec: 4210, MBPerSec: 35.9},
		Triage: Rate{Messages: 10000, PerSec: 512, MBPerSec: 4.4, Seconds: 19.5}, Ratio: 0.1216, Stored: 10000, BudgetSeconds: 1200}
	partial := complete
	partial.Stored, partial.Triage.Messages, partial.Partial = 6123, 6123, true
	unreadable := complete
	unreadable.Unreadable = 2
	tests := []struct {
		name   string
		g      IMAPResult
		want   []string
		absent []string
	}{
		{"skipped", IMAPResult{Skipped: IMAPSkipped},
			[]string{"imap: backlog from Dovecot", "skipped: Dovecot not installed (bash scripts/dovecot.sh install)"},
			[]string{"msgs/s", "×"}},
		{"complete", complete,
			[]string{"imap: raw UID FETCH, 10k msgs (85 MB, 1649 with attachment)", "4210 msgs/s, 35.9 MB/s", "best of 2 passes, batches of 100",
				"imap: triage poller backlog, 10k msgs", "512 msgs/s, 4.4 MB/s", "0.12× raw UID FETCH; 10000/10000 stored in 19.5 s, 0 lost, 0 duplicated"},
			[]string{"PARTIAL", "skipped", "unreadable"}},
		{"partial", partial,
			[]string{"PARTIAL 512 msgs/s", "budget of 20m0s spent: only 6123/10000 stored"},
			[]string{"0 lost"}},
		{"unreadable", unreadable, []string{"0 lost, 0 duplicated, 2 unreadable"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if err := (Report{IMAP: &tt.g}).WriteTable(&out); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("the table lacks %q:\n%s", w, out.String())
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(out.String(), a) {
					t.Errorf("the table has %q:\n%s", a, out.String())
				}
			}
		})
	}
}
