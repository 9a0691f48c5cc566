package pagopa

import (
	"errors"
	"testing"
	"time"
)

func TestTransitions(t *testing.T) {
	all := []Status{Draft, Published, Valid, Invalid, Expired, PartiallyPaid, Paid, Reported}
	// The allowed changes, written out independently of the table in
	// status.go.
	allowed := map[[2]Status]bool{
		{Draft, Published}: true, {Draft, Valid}: true,
		{Published, Valid}: true, {Published, Invalid}: true,
		{Valid, Invalid}: true, {Valid, Expired}: true, {Valid, PartiallyPaid}: true, {Valid, Paid}: true,
		{PartiallyPaid, PartiallyPaid}: true, {PartiallyPaid, Paid}: true,
		{Paid, Reported}: true,
	}
	for _, from := range all {
		for _, to := range all {
			if got := CanTransition(from, to); got != allowed[[2]Status{from, to}] {
				t.Errorf("CanTransition(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func TestPublishInvalidate(t *testing.T) {
	now := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	p := &Position{IUPD: "X", Status: Draft}
	if err := p.Publish(now); err != nil || p.Status != Valid {
		t.Fatalf("Publish without validity date: %v, status %s; want VALID", err, p.Status)
	}
	err := p.Publish(now)
	var te *TransitionError
	if !errors.Is(err, ErrTransition) || !errors.As(err, &te) || te.From != Valid || te.To != Valid {
		t.Errorf("Publish of a VALID position = %v, want a *TransitionError VALID → VALID", err)
	}

	later := now.Add(48 * time.Hour)
	q := &Position{IUPD: "Y", Status: Draft, ValidityDate: &later}
	if err := q.Publish(now); err != nil || q.Status != Published {
		t.Fatalf("Publish with a future validity date: %v, status %s; want PUBLISHED", err, q.Status)
	}
	if q.Refresh(now) {
		t.Error("Refresh before the validity date changed the state")
	}
	if !q.Refresh(later) || q.Status != Valid {
		t.Errorf("Refresh at the validity date: status %s, want VALID", q.Status)
	}
	if err := q.Invalidate(); err != nil || q.Status != Invalid {
		t.Errorf("Invalidate: %v, status %s", err, q.Status)
	}
	if err := q.Invalidate(); !errors.Is(err, ErrTransition) {
		t.Errorf("Invalidate twice = %v, want ErrTransition", err)
	}
	if q.Updatable() {
		t.Error("an INVALID position is updatable")
	}
}

func TestRefreshExpiry(t *testing.T) {
	due := time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	mk := func(switchToExpired bool) *Position {
		return &Position{Status: Valid, SwitchToExpired: switchToExpired,
			Options: []Option{{DueDate: due.Add(-24 * time.Hour)}, {DueDate: due}}}
	}
	after := due.Add(time.Second)
	if p := mk(false); p.Refresh(after) || p.Status != Valid {
		t.Errorf("without switchToExpired the position expired: %s", p.Status)
	}
	if p := mk(true); p.Refresh(due) || p.Status != Valid {
		t.Errorf("expired at the last due date itself: %s", p.Status)
	}
	if p := mk(true); !p.Refresh(after) || p.Status != Expired {
		t.Errorf("after the last due date: %s, want EXPIRED", p.Status)
	}
}
