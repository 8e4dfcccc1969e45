package triage

import (
	"context"
	"fmt"
)

// BatchStore is a Store that can store many replies in one transaction
// (store.DB). Service.IngestBatch uses it when its store has it.
type BatchStore interface {
	// InsertReplies stores replies as InsertReply does, all or none, in a
	// single transaction; created[i] tells whether replies[i] is new.
	InsertReplies(ctx context.Context, rs []NewReply) (replies []Reply, created []bool, err error)
}

// IngestBatch stores replies read together, such as one fetch of a
// mailbox, as Ingest stores each: in one transaction when the store can
// (BatchStore), so that all of them, their jobs and their mailbox's
// checkpoint commit at once, else one after the other. It returns the
// replies stored, in order: all of them, or on error those stored before
// it (none with a BatchStore). A reply that fails the checks stores none.
func (s *Service) IngestBatch(ctx context.Context, ins []NewReply) ([]Reply, error) {
	prepared := make([]NewReply, len(ins))
	for i, in := range ins {
		var err error
		if prepared[i], err = s.prepareReply(in); err != nil {
			return nil, err
		}
	}
	bs, ok := s.store.(BatchStore)
	if !ok {
		out := make([]Reply, 0, len(prepared))
		for _, in := range prepared {
			r, _, err := s.IngestReply(ctx, in)
			if err != nil {
				return out, err
			}
			out = append(out, r)
		}
		return out, nil
	}
	rs, created, err := bs.InsertReplies(ctx, prepared)
	if err != nil {
		return nil, fmt.Errorf("triage: ingest %d replies: %w", len(ins), err)
	}
	for i, r := range rs {
		s.ingested(ctx, r, created[i])
	}
	return rs, nil
}
