package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

func TestUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("connect: %w", syscall.ECONNREFUSED)}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"admin shutdown", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{"starting up", fmt.Errorf("store: queue: %w", &pgconn.PgError{Code: "57P03", Message: "the database system is starting up"}), true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"connection refused", fmt.Errorf("triage: ingest: %w", refused), true},
		{"connection dropped", fmt.Errorf("store: reply: %w", io.ErrUnexpectedEOF), true},
		{"unique violation", &pgconn.PgError{Code: "23505", Message: "duplicate key value violates unique constraint"}, false},
		{"not found", fmt.Errorf("store: reply 7: %w", triage.ErrNotFound), false},
		{"cancelled by the client", context.Canceled, false},
		{"bad input", errors.New("triage: ingest: a reply needs a text"), false},
	} {
		if got := store.Unavailable(tt.err); got != tt.want {
			t.Errorf("%s: Unavailable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
