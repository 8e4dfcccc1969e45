package triage

import (
	"slices"
	"time"
)

// Source tells how a reply reached triage.
type Source string

// Reply sources.
const (
	SourceIMAP    Source = "imap"
	SourceWebForm Source = "webform"
	SourceAPI     Source = "api"
)

// ReplyState is where a reply stands in the review queue.
type ReplyState string

// Reply states: pending replies are in the queue; the others were handled.
const (
	StatePending   ReplyState = "pending"
	StateValidated ReplyState = "validated"
	StateQualified ReplyState = "qualified"
	StateDeleted   ReplyState = "deleted"
)

// Reply is one customer answer to a reminder, whatever its source.
type Reply struct {
	ID         int64
	TenantID   int64
	Source     Source
	MessageID  string
	InReplyTo  string
	From       string
	Subject    string
	ReceivedAt time.Time
	Text       string // the whole readable text, quotes included
	BodyClean  string // the customer's new words only, what suggestions read
	Lang       string
	AutoReply  bool
	CustomerID *int64
	ItemRefs   []string // item numbers the customer pointed at (web form ticks)
	State      ReplyState
	AssigneeID *int64
	CreatedAt  time.Time
	// Flags mark the reply for the collector's attention (FlagUnreadable).
	Flags []string
}

// Unreadable reports whether the reply's message could not be parsed: its
// Text is then the parser's reason, not the customer's words, and only the
// raw message tells what the customer sent.
func (r Reply) Unreadable() bool { return slices.Contains(r.Flags, FlagUnreadable) }

// Attachment is a file that came with a reply.
type Attachment struct {
	ID          int64
	Name        string
	ContentType string
	Size        int
	Data        []byte // nil when listed without content
	// Remittance flags a possible remittance advice or proof of payment.
	Remittance bool
	// Inline marks a part shown inside the body (a pasted picture, a logo).
	Inline bool
}

// NewReply is what an ingestion path hands to Ingest.
type NewReply struct {
	TenantID   int64
	Source     Source
	MessageID  string
	InReplyTo  string
	From       string
	Subject    string
	ReceivedAt time.Time
	Raw        []byte
	Text       string
	BodyClean  string
	Lang       string
	AutoReply  bool
	CustomerID *int64
	ItemRefs   []string // items the customer ticked (web form) or named (API)

	// What ingestion matches the customer with when the source does not
	// say it; not stored. Thread are the message ids the reply answers,
	// nearest first; Refs the invoice-like references found in it;
	// BounceTo the addresses a delivery failure report says are dead.
	Thread   []string
	Refs     []string
	BounceTo []string

	// Attachments are the files that came with the reply, stored with it.
	Attachments []Attachment
	// ContentHash identifies what the message held (e.g. a SHA-256 of its
	// raw bytes): a Message-ID already stored with another hash is another
	// message, stored beside it rather than taken for a retry.
	ContentHash string

	// MailboxID, UIDValidity and UID locate a message in the IMAP mailbox it
	// was read from (zero for other sources). The store advances the
	// mailbox's checkpoint in the transaction that stores the reply, so a
	// crash never loses nor duplicates a message.
	MailboxID   int64
	UIDValidity uint32
	UID         uint32
	// Flags mark a reply for the collector's attention, e.g. FlagUnreadable.
	Flags []string
}

// FlagUnreadable marks a reply whose message could not be parsed: it is
// stored anyway, with its raw bytes and, as its text, the parser's reason.
const FlagUnreadable = "unreadable"
