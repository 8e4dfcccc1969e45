package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/triage-ar/triage/letters"
	"github.com/triage-ar/triage/letters/postal"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// LetterSender hands queued letters to the postal provider (send_letter
// jobs) and, periodically, queues the automatic letters due and brings
// back the proofs of sending.
type LetterSender struct {
	DB      *store.DB
	Letters *triage.Letters
	// Provider posts the letters; nil when postal sending is off, which
	// leaves send_letter jobs failing, visibly, until one is configured.
	Provider postal.Provider
	Log      *slog.Logger
}

// errPostalOff fails the sending of a letter when no provider is configured.
var errPostalOff = errors.New("jobs: postal sending is off (TRIAGE_POSTAL=off): print the letter from the agenda instead")

// Send posts the letter of a queued action. Its PDF is rendered once and
// kept, so that every retry posts the same document under the same key.
func (s *LetterSender) Send(ctx context.Context, tenantID, actionID int64) error {
	if s == nil {
		return errPostalOff
	}
	if s.Provider == nil { // shown on the letter too, where collectors look
		if err := s.DB.LetterAttemptFailed(ctx, tenantID, actionID, errPostalOff, false); err != nil {
			return err
		}
		return errPostalOff
	}
	d, x, err := s.Letters.DraftForSending(ctx, tenantID, actionID)
	if err != nil {
		return fmt.Errorf("jobs: letter %d: %w", actionID, err)
	}
	if x.Letter == nil {
		return fmt.Errorf("jobs: letter %d was never queued", actionID)
	}
	if x.Letter.Status != triage.LetterQueued && x.Letter.Status != triage.LetterFailed {
		s.Log.InfoContext(ctx, "letter already sent", "tenant", tenantID, "action", actionID, "status", x.Letter.Status)
		return nil
	}
	l := ComposeLetter(d)
	pdf, err := s.DB.LetterPDF(ctx, tenantID, actionID)
	if err != nil {
		return fmt.Errorf("jobs: letter %d: %w", actionID, err)
	}
	pages := x.Letter.Pages // of the document kept by an earlier attempt
	if len(pdf) == 0 {
		var buf bytes.Buffer
		if pages, err = letters.RenderPages(&buf, l); err != nil {
			return fmt.Errorf("jobs: render letter %d: %w", actionID, err)
		}
		pdf = buf.Bytes()
		sum := sha256.Sum256(pdf)
		if err := s.DB.SaveLetterPDF(ctx, tenantID, actionID, pdf, hex.EncodeToString(sum[:]), pages); err != nil {
			return fmt.Errorf("jobs: letter %d: %w", actionID, err)
		}
	}
	rc, err := s.Provider.Send(ctx, postal.Mail{ID: MailID(tenantID, actionID), Kind: l.Kind, PDF: pdf, To: l.To, From: l.Head,
		Pages: pages})
	if err != nil {
		final := !errors.Is(err, postal.ErrTemporary)
		if ferr := s.DB.LetterAttemptFailed(ctx, tenantID, actionID, err, final); ferr != nil {
			s.Log.ErrorContext(ctx, "letter failure not recorded", "action", actionID, "err", ferr)
		}
		return fmt.Errorf("jobs: post letter %d: %w", actionID, err)
	}
	status, at := triage.LetterStatus(rc.Status), rc.At
	if status == "" || status == triage.LetterQueued {
		status = triage.LetterSent // the provider has it: it is out of our hands
	}
	if at.IsZero() {
		at = time.Now()
	}
	provider := rc.Provider
	if provider == "" {
		provider = s.Provider.Name()
	}
	if err := s.DB.LetterSent(ctx, tenantID, actionID, provider, rc.Ref, triage.LetterEvent{Status: status, At: at}); err != nil {
		return fmt.Errorf("jobs: letter %d: %w", actionID, err)
	}
	s.Log.InfoContext(ctx, "letter posted", "tenant", tenantID, "action", actionID, "provider", provider, "ref", rc.Ref)
	return nil
}

// Track asks the provider for news of the letters it has and records the
// proofs of sending (delivered, returned, acknowledged).
func (s *LetterSender) Track(ctx context.Context) error {
	if s == nil || s.Provider == nil {
		return nil
	}
	ls, err := s.DB.TrackedLetters(ctx, s.Provider.Name())
	if err != nil || len(ls) == 0 {
		return err
	}
	byRef := make(map[string]triage.Letter, len(ls))
	refs := make([]string, 0, len(ls))
	for _, l := range ls {
		byRef[l.ProviderRef] = l
		refs = append(refs, l.ProviderRef)
	}
	// A provider that could not read some letters still reports the others.
	evs, trackErr := s.Provider.Track(ctx, refs)
	news := make(map[string][]triage.LetterEvent)
	for _, e := range evs {
		if _, ok := byRef[e.Ref]; ok && e.Status != "" {
			news[e.Ref] = append(news[e.Ref], triage.LetterEvent{Status: triage.LetterStatus(e.Status), Detail: e.Detail, At: e.At})
		}
	}
	for ref, es := range news {
		l := byRef[ref]
		if err := s.DB.RecordLetterEvents(ctx, l.TenantID, l.ActionID, es); err != nil {
			return fmt.Errorf("jobs: track letters: %w", err)
		}
	}
	if trackErr != nil {
		return fmt.Errorf("jobs: track letters: %w", trackErr)
	}
	return nil
}

// Run queues the automatic letters due and tracks the letters sent, every
// interval, until ctx ends. A failed pass is logged and tried again next time.
func (s *LetterSender) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Letters.SweepAutomatic(ctx); err != nil && ctx.Err() == nil {
			s.Log.ErrorContext(ctx, "automatic letters not queued", "err", err)
		}
		if err := s.Track(ctx); err != nil && ctx.Err() == nil {
			s.Log.WarnContext(ctx, "letters not tracked", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
