package inbox

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
)

// CustomerDirectory finds customers by the email addresses on file. Both
// methods compare case-insensitively and need return at most two ids: one
// is a match, two are ambiguous.
type CustomerDirectory interface {
	CustomersByEmail(ctx context.Context, tenantID int64, addr string) ([]int64, error)
	CustomersByEmailDomain(ctx context.Context, tenantID int64, domain string) ([]int64, error)
}

// MatchSender returns the customer a sender belongs to, or nil when it
// cannot tell: the one customer with this exact address, else the one
// customer with an address at the sender's domain (never a free-mail
// domain, which many unrelated customers share). An ambiguous sender stays
// unmatched: the queue shows "customer unknown" and the collector picks.
// from may be a bare address or a header value ("Name <addr>"). Unlike
// MatchCustomer, which weighs threads and invoice references against
// candidates in memory, it asks the store, so it scales with the tenant.
func MatchSender(ctx context.Context, dir CustomerDirectory, tenantID int64, from string) (*int64, error) {
	addr := senderAddress(from)
	if addr == "" {
		return nil, nil
	}
	ids, err := dir.CustomersByEmail(ctx, tenantID, addr)
	if err != nil {
		return nil, fmt.Errorf("inbox: match customer: %w", err)
	}
	if len(ids) == 1 {
		return &ids[0], nil
	}
	if len(ids) > 1 {
		return nil, nil
	}
	domain := addr[strings.LastIndexByte(addr, '@')+1:]
	if freeMailDomains[domain] {
		return nil, nil
	}
	if ids, err = dir.CustomersByEmailDomain(ctx, tenantID, domain); err != nil {
		return nil, fmt.Errorf("inbox: match customer: %w", err)
	}
	if len(ids) == 1 {
		return &ids[0], nil
	}
	return nil, nil
}

// senderAddress extracts the lower-cased address of a From value, or "".
func senderAddress(from string) string {
	from = strings.TrimSpace(from)
	if from == "" {
		return ""
	}
	addr := ""
	if a, err := mail.ParseAddress(from); err == nil {
		addr = a.Address
	} else if i, j := strings.LastIndexByte(from, '<'), strings.LastIndexByte(from, '>'); i >= 0 && j > i {
		addr = from[i+1 : j]
	} else {
		addr = from
	}
	addr = strings.ToLower(strings.TrimSpace(addr))
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 || strings.ContainsAny(addr, " \t<>,;") {
		return ""
	}
	return strings.TrimSuffix(addr, ".")
}
