package store

import (
	"context"
	"fmt"
	"time"

	"github.com/triage-ar/triage/triage"
)

// Settings returns a tenant's suggestion and queue settings.
func (db *DB) Settings(ctx context.Context, tenantID int64) (triage.Settings, error) {
	var s triage.Settings
	var closed []time.Time
	err := db.pool.QueryRow(ctx, `SELECT confidence_threshold, holiday_country, closed_days
		FROM tenant WHERE id = $1`, tenantID).Scan(&s.ConfidenceThreshold, &s.Calendar.Country, &closed)
	if err != nil {
		return s, fmt.Errorf("store: settings of tenant %d: %w", tenantID, notFound(err))
	}
	s.Calendar.Closed = closed
	return s, nil
}

// SaveSettings updates a tenant's settings, after checking them.
func (db *DB) SaveSettings(ctx context.Context, tenantID int64, s triage.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	closed := s.Calendar.Closed
	if closed == nil {
		closed = []time.Time{}
	}
	tag, err := db.pool.Exec(ctx, `UPDATE tenant SET confidence_threshold = $2, holiday_country = $3,
		closed_days = $4 WHERE id = $1`, tenantID, s.ConfidenceThreshold, s.Calendar.Country, closed)
	if err != nil {
		return fmt.Errorf("store: save settings of tenant %d: %w", tenantID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: settings of tenant %d: %w", tenantID, triage.ErrNotFound)
	}
	return nil
}
