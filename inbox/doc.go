// Package inbox turns what customers send into triage.NewReply values: the
// interactive web form reached through a signed per-customer link, and (as
// ingestion grows) IMAP mailboxes and raw MIME messages.
package inbox
