// Package outbox sends the email triage writes (confirmations to
// customers, internal emails to dispute resolvers) through each tenant's
// SMTP server, with github.com/emersion/go-smtp. Emails wait in the
// outbox table and are sent by send_email jobs: a failed attempt is retried
// with backoff, a sent email is never sent again by a retried job, and every
// email carries a stable Message-ID, so a receiver can tell the rare resend
// after a crash between the server's acceptance and the outbox update.
package outbox
