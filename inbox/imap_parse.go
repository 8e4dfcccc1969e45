package inbox

import "github.com/triage-ar/triage/triage"

// parseReply converts a raw message read from a mailbox with the MIME
// parser; the caller sets the mailbox position and the tenant.
func parseReply(raw []byte, lim Limits) (triage.NewReply, error) {
	m, err := ParseMessage(raw, lim)
	if err != nil {
		return triage.NewReply{}, err
	}
	return m.NewReply(0, triage.SourceIMAP, raw), nil
}
