package triage

import (
	"context"
	"encoding/json"
	"time"
)

// Store is the persistence the workflow needs. Every method is scoped to a
// tenant, and a row of another tenant is reported as ErrNotFound.
type Store interface {
	// InsertReply stores a reply and enqueues its suggestion job atomically.
	// A reply whose (tenant, message id) is already stored is returned as is,
	// with created false, so ingestion paths can retry safely.
	InsertReply(ctx context.Context, r NewReply) (reply Reply, created bool, err error)
	Reply(ctx context.Context, tenantID, id int64) (Reply, error)
	Customer(ctx context.Context, tenantID, id int64) (Customer, error)
	OpenItems(ctx context.Context, tenantID, customerID int64) ([]Item, error)
	Catalog(ctx context.Context, tenantID int64) (Catalog, error)
	Settings(ctx context.Context, tenantID int64) (Settings, error)
	SaveSuggestion(ctx context.Context, s Suggestion) (Suggestion, error)
	LatestSuggestion(ctx context.Context, tenantID, replyID int64) (Suggestion, error)
	// SaveQualification writes the qualification, the items' new status, the
	// reply's state, the follow-up action and the audit entry in one transaction.
	SaveQualification(ctx context.Context, rec QualifyRecord) (Qualification, error)
	// SetReplyState moves a reply from one of the states in from to state to,
	// with its audit entry, or returns ErrConflict when it is in none of them.
	SetReplyState(ctx context.Context, tenantID, replyID int64, from []ReplyState, to ReplyState, audit Audit) error
	// AssignReply routes a pending reply to a user of the tenant (nil: to
	// nobody), with its audit entry; ErrConflict when it is not pending,
	// a ValidationError when the user is not one of the tenant's.
	AssignReply(ctx context.Context, tenantID, replyID int64, assignee *int64, audit Audit) error
	// CompleteAction marks an open action done and resolves the disputes of
	// its items; PostponeAction moves it. ErrConflict when it is done already.
	CompleteAction(ctx context.Context, tenantID, actionID int64, audit Audit) error
	Tenant(ctx context.Context, id int64) (Tenant, error)
	// Letterhead is the tenant's company block, its name alone when never saved.
	Letterhead(ctx context.Context, tenantID int64) (Letterhead, error)
	ActionTemplates(ctx context.Context, tenantID int64) ([]ActionTemplate, error)
	Users(ctx context.Context, tenantID int64) ([]User, error)
	CurrentQualification(ctx context.Context, tenantID, replyID int64) (Qualification, error)
	// QueueEmail stores an email in the outbox and enqueues its sending.
	QueueEmail(ctx context.Context, e Email, audit Audit) (Email, error)
	// AssignCustomers sets the collector of customers, moving their pending
	// replies and open actions, with one audit entry per customer changed.
	AssignCustomers(ctx context.Context, tenantID int64, ids []int64, collector *int64, audit func(customerID int64) Audit) (int, error)
	PostponeAction(ctx context.Context, tenantID, actionID int64, due time.Time, audit Audit) error
}

// Suggester proposes a qualification for a reply.
type Suggester interface {
	Suggest(ctx context.Context, in SuggestInput) (Suggestion, error)
}

// Embedder turns a reply's text into the vector stored with its qualification.
type Embedder interface {
	Embed(ctx context.Context, text string) ([]float32, error)
}

// QualifyRecord is what SaveQualification persists.
type QualifyRecord struct {
	Qualification Qualification
	// PrevState is the state the reply must still be in (optimistic check).
	PrevStates []ReplyState
	Action     *Action
	Audit      Audit
}

// Audit is one line of the audit log: who did what to which row.
type Audit struct {
	TenantID int64
	UserID   *int64
	Action   string
	Entity   string
	EntityID int64
	Before   json.RawMessage
	After    json.RawMessage
}
