package store

import "time"

// SetMailboxLockCheck shortens how often a mailbox lock's connection is
// checked, for tests; it returns the function restoring the default.
func SetMailboxLockCheck(d time.Duration) (restore func()) {
	old := mailboxLockCheck
	mailboxLockCheck = d
	return func() { mailboxLockCheck = old }
}
