package bench

import (
	"fmt"
	"time"
)

// writeRows adds the imap section's lines to the table: the raw floor,
// then triage's rate with its ratio and its exactly-once count.
func (g *IMAPResult) writeRows(row func(cols ...string)) {
	if g.Skipped != "" {
		row("imap: backlog from Dovecot", "skipped: "+g.Skipped, "", "")
		return
	}
	n := humanSize(g.Messages)
	size := humanBytes(g.Bytes)
	if g.Bytes < 1e6 {
		size = fmt.Sprintf("%.0f kB", float64(g.Bytes)/1e3)
	}
	row(fmt.Sprintf("imap: raw UID FETCH, %s msgs (%s, %d with attachment)", n, size, g.WithAttachment),
		fmt.Sprintf("%.0f msgs/s, %.1f MB/s", g.Raw.PerSec, g.Raw.MBPerSec),
		fmt.Sprintf("floor: best of %d passes, batches of %d", g.RawPasses, g.BatchSize), "")
	value := fmt.Sprintf("%.0f msgs/s, %.1f MB/s", g.Triage.PerSec, g.Triage.MBPerSec)
	count := fmt.Sprintf("%d/%d stored in %.1f s, %d lost, %d duplicated", g.Stored, g.Messages, g.Triage.Seconds, g.Lost, g.Duplicated)
	if g.Unreadable > 0 {
		count += fmt.Sprintf(", %d unreadable", g.Unreadable)
	}
	if g.Partial {
		value = "PARTIAL " + value
		count = fmt.Sprintf("budget of %s spent: only %d/%d stored", time.Duration(g.BudgetSeconds*float64(time.Second)), g.Stored, g.Messages)
	}
	row(fmt.Sprintf("imap: triage poller backlog, %s msgs into Postgres", n), value,
		fmt.Sprintf("%.2f× raw UID FETCH; %s", g.Ratio, count), "")
}
