package triage

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Service runs the review workflow. It is safe for concurrent use.
type Service struct {
	store     Store
	suggester Suggester
	embedder  Embedder
	now       func() time.Time
	log       *slog.Logger
	obs       Observer
}

// NewService builds the workflow on its store, suggestion strategy and embedder.
func NewService(store Store, suggester Suggester, embedder Embedder, log *slog.Logger) *Service {
	return &Service{store: store, suggester: suggester, embedder: embedder, now: time.Now, log: log, obs: noObserver{}}
}

// WithClock replaces the clock, for tests and evals that replay the past.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Ingest stores a reply from any source and enqueues its suggestion. Ingesting
// the same message twice returns the stored reply: nothing is duplicated.
func (s *Service) Ingest(ctx context.Context, in NewReply) (Reply, error) {
	r, _, err := s.IngestReply(ctx, in)
	return r, err
}

// IngestReply is Ingest that also tells whether the reply is new (false when
// the same message was stored before), for callers that answer retries.
func (s *Service) IngestReply(ctx context.Context, in NewReply) (Reply, bool, error) {
	in, err := s.prepareReply(in)
	if err != nil {
		return Reply{}, false, err
	}
	r, created, err := s.store.InsertReply(ctx, in)
	if err != nil {
		return Reply{}, false, fmt.Errorf("triage: ingest: %w", err)
	}
	s.ingested(ctx, r, created)
	return r, created, nil
}

// prepareReply checks a reply to ingest and fills in its defaults.
func (s *Service) prepareReply(in NewReply) (NewReply, error) {
	if in.TenantID == 0 {
		return in, Invalid("tenant", CodeRequired)
	}
	switch in.Source {
	case SourceIMAP, SourceWebForm, SourceAPI:
	default:
		return in, Invalid("source", CodeUnknownSource, string(in.Source))
	}
	if in.Text == "" && len(in.Raw) == 0 {
		return in, Invalid("text", CodeReplyEmpty)
	}
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = s.now()
	}
	if in.BodyClean == "" {
		in.BodyClean = in.Text
	}
	return in, nil
}

// ingested tells the observer and the log of a reply stored or found.
func (s *Service) ingested(ctx context.Context, r Reply, created bool) {
	s.obs.Ingested(string(r.Source), created)
	if created {
		s.log.InfoContext(ctx, "reply ingested", "tenant", r.TenantID, "reply", r.ID, "source", r.Source)
	} else {
		s.log.InfoContext(ctx, "reply already ingested", "tenant", r.TenantID, "reply", r.ID, "message_id", r.MessageID)
	}
}

// Suggest computes and stores the suggestion of a pending reply.
func (s *Service) Suggest(ctx context.Context, tenantID, replyID int64) (Suggestion, error) {
	in, err := s.suggestInput(ctx, tenantID, replyID)
	if err != nil {
		return Suggestion{}, err
	}
	start := time.Now()
	sg := unreadableSuggestion(in.Catalog)
	if !in.Reply.Unreadable() {
		if sg, err = s.suggester.Suggest(ctx, in); err != nil {
			return Suggestion{}, fmt.Errorf("triage: suggest reply %d: %w", replyID, err)
		}
	}
	if sg.Latency == 0 {
		sg.Latency = time.Since(start)
	}
	sg.TenantID, sg.ReplyID = tenantID, replyID
	sg, err = s.store.SaveSuggestion(ctx, sg)
	if err != nil {
		return Suggestion{}, fmt.Errorf("triage: save suggestion: %w", err)
	}
	s.obs.Suggested(sg.Strategy, sg.Latency)
	return sg, nil
}

func (s *Service) suggestInput(ctx context.Context, tenantID, replyID int64) (SuggestInput, error) {
	r, err := s.store.Reply(ctx, tenantID, replyID)
	if err != nil {
		return SuggestInput{}, fmt.Errorf("triage: reply %d: %w", replyID, err)
	}
	cat, err := s.store.Catalog(ctx, tenantID)
	if err != nil {
		return SuggestInput{}, fmt.Errorf("triage: catalog: %w", err)
	}
	set, err := s.store.Settings(ctx, tenantID)
	if err != nil {
		return SuggestInput{}, fmt.Errorf("triage: settings: %w", err)
	}
	in := SuggestInput{TenantID: tenantID, Reply: r, Catalog: cat, Settings: set, Now: s.now()}
	if r.CustomerID != nil {
		c, err := s.store.Customer(ctx, tenantID, *r.CustomerID)
		if err != nil {
			return SuggestInput{}, fmt.Errorf("triage: customer %d: %w", *r.CustomerID, err)
		}
		in.Customer = &c
		if in.Items, err = s.store.OpenItems(ctx, tenantID, c.ID); err != nil {
			return SuggestInput{}, fmt.Errorf("triage: items of customer %d: %w", c.ID, err)
		}
	}
	return in, nil
}

// Validate marks a pending reply handled without changing any item.
func (s *Service) Validate(ctx context.Context, a Actor, replyID int64) error {
	return s.move(ctx, a, replyID, "validate", StateValidated)
}

// Delete discards a pending reply (spam, duplicate); it stays in the audit log.
func (s *Service) Delete(ctx context.Context, a Actor, replyID int64) error {
	return s.move(ctx, a, replyID, "delete", StateDeleted)
}

func (s *Service) move(ctx context.Context, a Actor, replyID int64, verb string, to ReplyState) error {
	if !a.Role.Valid() {
		return ErrForbidden
	}
	audit := Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: verb, Entity: "reply", EntityID: replyID,
		Before: jsonState(StatePending), After: jsonState(to)}
	if err := s.store.SetReplyState(ctx, a.TenantID, replyID, []ReplyState{StatePending}, to, audit); err != nil {
		return fmt.Errorf("triage: %s reply %d: %w", verb, replyID, err)
	}
	s.log.InfoContext(ctx, "reply "+verb+"d", "tenant", a.TenantID, "reply", replyID, "user", a.UserID)
	return nil
}

func jsonState(st ReplyState) []byte { return []byte(`{"state":"` + string(st) + `"}`) }

// Input returns what a suggestion strategy reads about a reply, for the
// admins' prompt preview.
func (s *Service) Input(ctx context.Context, a Actor, replyID int64) (SuggestInput, error) {
	if !a.Role.Valid() {
		return SuggestInput{}, ErrForbidden
	}
	return s.suggestInput(ctx, a.TenantID, replyID)
}
