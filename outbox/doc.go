// Package outbox sends the email triage writes (confirmations to
// customers, internal emails to dispute resolvers) through each tenant's
// SMTP server, with github.com/emersion/go-smtp. Emails wait in the
// outbox table and are sent by send_email jobs: a failed attempt is retried
// with backoff, a sent email is never sent again by a retried job, and every
// email carries a stable Message-ID, so a receiver can tell the rare resend
// after a crash between the server's acceptance and the outbox update.
//
// Delivery is at least once: an email counts as sent when the server
// answers 250 to its DATA, whatever happens to the connection after (a
// failed QUIT is ignored). When the connection drops after the message
// was transmitted but before that 250 arrives, triage cannot know whether
// the server kept it, and sends it again on the retry, with the same
// Message-ID; losing a confirmation to a customer is the worse outcome.
package outbox
