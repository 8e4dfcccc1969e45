package jobs

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/triage-ar/triage/config"
	"github.com/triage-ar/triage/letters/postal"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// LetterPass is how often the automatic letters due are queued and the
// proofs of sending brought back.
const LetterPass = 5 * time.Minute

// postalTimeout bounds one call to a postal provider's API.
const postalTimeout = 30 * time.Second

// NewLetterSender builds the letter sender on the configured provider
// (TRIAGE_POSTAL); with "off" it has none and letters are printed by hand.
func NewLetterSender(cfg config.Postal, db *store.DB, svc *triage.Service, log *slog.Logger) (*LetterSender, error) {
	s := &LetterSender{DB: db, Letters: triage.NewLetters(svc, db), Log: log}
	switch cfg.Provider {
	case config.PostalDrop:
		p, err := postal.NewDropDir(cfg.Dir)
		if err != nil {
			return nil, fmt.Errorf("jobs: postal drop directory: %w", err)
		}
		s.Provider = p
	case config.PostalHTTP:
		p, err := postal.NewHTTP(cfg.URL, cfg.Token, &http.Client{Timeout: postalTimeout})
		if err != nil {
			return nil, fmt.Errorf("jobs: postal provider: %w", err)
		}
		s.Provider = p
	}
	return s, nil
}
