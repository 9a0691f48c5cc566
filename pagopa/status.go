package pagopa

import (
	"errors"
	"fmt"
	"time"
)

// Status is the state of a debt position, with GPD's names.
type Status string

// The position states. A position is created as a Draft, published
// (Published until its validity date, then Valid), paid (PartiallyPaid,
// Paid), reconciled with the payment flows (Reported), or ends Invalid
// (cancelled by the ente) or Expired.
const (
	Draft         Status = "DRAFT"
	Published     Status = "PUBLISHED"
	Valid         Status = "VALID"
	Invalid       Status = "INVALID"
	Expired       Status = "EXPIRED"
	PartiallyPaid Status = "PARTIALLY_PAID"
	Paid          Status = "PAID"
	Reported      Status = "REPORTED"
)

// ErrTransition is wrapped by every *TransitionError.
var ErrTransition = errors.New("pagopa: illegal state transition")

// TransitionError reports a state change the position's state does not
// allow.
type TransitionError struct {
	IUPD     string
	From, To Status
}

// Error names the position and the refused transition.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("pagopa: position %s: illegal state transition %s → %s", e.IUPD, e.From, e.To)
}

// Unwrap returns ErrTransition.
func (e *TransitionError) Unwrap() error { return ErrTransition }

// transitions lists the allowed state changes (GPD's rules: publish only
// from Draft, invalidate only from Published or Valid, payments only on
// payable positions, reporting only after payment).
var transitions = map[Status][]Status{
	Draft:         {Published, Valid},
	Published:     {Valid, Invalid},
	Valid:         {Invalid, Expired, PartiallyPaid, Paid},
	PartiallyPaid: {PartiallyPaid, Paid},
	Paid:          {Reported},
	Expired:       {},
	Invalid:       {},
	Reported:      {},
}

// CanTransition reports whether a position may go from one state to
// another.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// transition changes the state; a position without state is a Draft.
func (p *Position) transition(to Status) error {
	from := p.Status
	if from == "" {
		from = Draft
	}
	if !CanTransition(from, to) {
		return &TransitionError{IUPD: p.IUPD, From: from, To: to}
	}
	p.Status = to
	return nil
}

// Updatable reports whether the position's content may still change:
// not once it is Invalid, (partially) paid or reported.
func (p *Position) Updatable() bool {
	switch p.Status {
	case Invalid, PartiallyPaid, Paid, Reported:
		return false
	}
	return true
}

// Payable reports whether the Nodo may collect the position now: Valid or
// PartiallyPaid.
func (p *Position) Payable() bool { return p.Status == Valid || p.Status == PartiallyPaid }

// Publish moves a Draft to Valid, or to Published when its validity date
// is after now.
func (p *Position) Publish(now time.Time) error {
	to := Valid
	if p.ValidityDate != nil && p.ValidityDate.After(now) {
		to = Published
	}
	return p.transition(to)
}

// Invalidate cancels a Published or Valid position.
func (p *Position) Invalidate() error { return p.transition(Invalid) }

// Refresh applies the passing of time: a Published position whose validity
// date has come becomes Valid, and a Valid one with SwitchToExpired whose
// due dates have all passed becomes Expired. It reports whether the state
// changed.
func (p *Position) Refresh(now time.Time) bool {
	switch p.Status {
	case Published:
		if p.ValidityDate == nil || !p.ValidityDate.After(now) {
			p.Status = Valid
			p.Refresh(now)
			return true
		}
	case Valid:
		if !p.SwitchToExpired || len(p.Options) == 0 {
			return false
		}
		for i := range p.Options {
			if !p.Options[i].DueDate.Before(now) {
				return false
			}
		}
		p.Status = Expired
		return true
	}
	return false
}

// MarkReported records that the payment flows (FdR) reported the position.
func (p *Position) MarkReported() error { return p.transition(Reported) }
