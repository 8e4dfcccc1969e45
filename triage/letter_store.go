package triage

import (
	"context"
	"time"
)

// LetterStore is the persistence of letters (seed 004). Every method is
// scoped to a tenant, except the automatic sweep and the tracking pass,
// which look at every tenant.
type LetterStore interface {
	Letterhead(ctx context.Context, tenantID int64) (Letterhead, error)
	SaveLetterhead(ctx context.Context, h Letterhead, audit Audit) error
	LetterTemplates(ctx context.Context, tenantID int64) ([]LetterTemplate, error)
	LetterTemplate(ctx context.Context, tenantID, id int64) (LetterTemplate, error)
	// SaveLetterTemplate creates (ID 0) or updates a template and returns
	// its id; ErrConflict when its code is taken.
	SaveLetterTemplate(ctx context.Context, t LetterTemplate, audit Audit) (int64, error)
	// LetterAction is an action whose template is a letter, ErrNotFound otherwise.
	LetterAction(ctx context.Context, tenantID, actionID int64) (LetterAction, error)
	// QueueLetters marks open letter actions queued and enqueues their
	// sending; ErrConflict when one was queued or printed already.
	QueueLetters(ctx context.Context, tenantID int64, ids []int64, by *int64, audit func(actionID int64) Audit) error
	// DueAutomaticLetters lists, across tenants, the automatic letters due
	// on or before day and not queued yet (ID and TenantID set).
	DueAutomaticLetters(ctx context.Context, day time.Time) ([]Action, error)
	SaveLetterPDF(ctx context.Context, tenantID, actionID int64, pdf []byte, sha256 string, pages int) error
	LetterPDF(ctx context.Context, tenantID, actionID int64) ([]byte, error)
	// LetterSent records the provider's receipt and completes the action.
	LetterSent(ctx context.Context, tenantID, actionID int64, provider, ref string, ev LetterEvent) error
	LetterAttemptFailed(ctx context.Context, tenantID, actionID int64, cause error, final bool) error
	// TrackedLetters lists the letters of a provider whose proof may still change.
	TrackedLetters(ctx context.Context, provider string) ([]Letter, error)
	RecordLetterEvents(ctx context.Context, tenantID, actionID int64, evs []LetterEvent) error
	RecordLetterPrinted(ctx context.Context, tenantID, actionID int64, by *int64, kind string, at time.Time) error
	OpenItems(ctx context.Context, tenantID, customerID int64) ([]Item, error)
	Customer(ctx context.Context, tenantID, id int64) (Customer, error)
}
