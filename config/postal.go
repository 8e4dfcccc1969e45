package config

// Postal providers (TRIAGE_POSTAL) letters are sent through (seed 004):
//
//	TRIAGE_POSTAL        drop (default: PDF + manifest files in a directory an
//	                     external mailing tool picks up), http (a provider's
//	                     API) or off (letters are only printed by hand)
//	TRIAGE_POSTAL_DIR    the drop directory (default .data/postal)
//	TRIAGE_POSTAL_URL    the provider API root (required by http)
//	TRIAGE_POSTAL_TOKEN  its bearer token, secret (_FILE accepted; required by http)
const (
	PostalDrop = "drop"
	PostalHTTP = "http"
	PostalOff  = "off"
)

// Postal is where letters go once approved.
type Postal struct {
	Provider string // PostalDrop, PostalHTTP or PostalOff
	Dir      string
	URL      string
	Token    string
}

func (l *loader) postal() Postal {
	p := Postal{
		Provider: l.str("TRIAGE_POSTAL", PostalDrop),
		Dir:      l.str("TRIAGE_POSTAL_DIR", ".data/postal"),
		URL:      l.apiURL("TRIAGE_POSTAL_URL"),
		Token:    l.secret("TRIAGE_POSTAL_TOKEN"),
	}
	switch p.Provider {
	case PostalHTTP:
		if p.URL == "" {
			l.fail("TRIAGE_POSTAL_URL", "is required when TRIAGE_POSTAL is http")
		}
		if p.Token == "" {
			l.fail("TRIAGE_POSTAL_TOKEN", "is required when TRIAGE_POSTAL is http")
		}
	case PostalDrop, PostalOff:
	default:
		l.fail("TRIAGE_POSTAL", "must be drop, http or off, not %q", p.Provider)
	}
	return p
}
