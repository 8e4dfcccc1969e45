package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/triage-ar/triage/suggest/cues"
	"github.com/triage-ar/triage/triage"
)

// CuePhrase is a tenant's own cue phrase.
type CuePhrase struct {
	ID int64
	cues.Phrase
}

// TenantCuePhrases lists a tenant's phrases with their ids.
func (db *DB) TenantCuePhrases(ctx context.Context, tenantID int64) ([]CuePhrase, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, lang, cue, pattern FROM cue_phrase WHERE tenant_id = $1 ORDER BY cue, lang, id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: cue phrases: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (CuePhrase, error) {
		var p CuePhrase
		err := r.Scan(&p.ID, &p.Lang, &p.Cue, &p.Pattern)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: cue phrases: %w", err)
	}
	return out, nil
}

// CuePhrases implements suggest.PhraseSource.
func (db *DB) CuePhrases(ctx context.Context, tenantID int64) ([]cues.Phrase, error) {
	rows, err := db.TenantCuePhrases(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	out := make([]cues.Phrase, len(rows))
	for i, r := range rows {
		out[i] = r.Phrase
	}
	return out, nil
}

// AddCuePhrase stores a phrase the caller checked (cues.Lexicon.With).
func (db *DB) AddCuePhrase(ctx context.Context, tenantID int64, p cues.Phrase) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO cue_phrase (tenant_id, lang, cue, pattern) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, tenantID, p.Lang, p.Cue, p.Pattern)
	if err != nil {
		return fmt.Errorf("store: add cue phrase: %w", err)
	}
	return nil
}

// DeleteCuePhrase removes a phrase of the tenant.
func (db *DB) DeleteCuePhrase(ctx context.Context, tenantID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM cue_phrase WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return fmt.Errorf("store: delete cue phrase: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: cue phrase %d: %w", id, triage.ErrNotFound)
	}
	return nil
}
