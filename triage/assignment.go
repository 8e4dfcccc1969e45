package triage

import (
	"context"
	"fmt"
	"strconv"
)

// AssignCustomers gives customers a collector (nil: none); their pending
// replies and open actions follow. Administrators only (seed 003).
func (s *Service) AssignCustomers(ctx context.Context, a Actor, ids []int64, collector *int64) (int, error) {
	if a.Role != RoleAdmin {
		return 0, ErrForbidden
	}
	if err := checkBulk(a, ids); err != nil {
		return 0, err
	}
	after := []byte(`{"collector":null}`)
	if collector != nil {
		after = []byte(`{"collector":` + strconv.FormatInt(*collector, 10) + `}`)
	}
	n, err := s.store.AssignCustomers(ctx, a.TenantID, ids, collector, func(id int64) Audit {
		return Audit{TenantID: a.TenantID, UserID: a.userRef(), Action: "assign_collector", Entity: "customer", EntityID: id, After: after}
	})
	if err != nil {
		return 0, fmt.Errorf("triage: assign customers: %w", err)
	}
	return n, nil
}
