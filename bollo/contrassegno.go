package bollo

import (
	"context"
	"errors"
	"time"
)

// ErrContrassegnoUsed reports that a contrassegno telematico was already used for
// another document. It comes wrapped in a *ContrassegnoUsedError.
var ErrContrassegnoUsed = errors.New("bollo: contrassegno telematico already used")

// ContrassegnoLen is the number of digits of the identifier of a
// contrassegno telematico.
const ContrassegnoLen = 14

// A Contrassegno is a contrassegno telematico: the paper revenue stamp
// printed by an authorised dealer (tabaccaio), which a citizen applying
// online declares by its 14-digit identifier and its date and time of
// issue, annulling it and keeping it for three years (DM 10 November
// 2011, art. 3; art. 37 DPR 642/1972). The ente must make sure the same
// stamp is not declared twice: see ContrassegnoRegistry.
//
// The 14-digit format is the one printed on the stamps and asked by
// public bodies' forms; no official specification of it was found.
type Contrassegno struct {
	// ID is the identifier, 14 digits.
	ID string
	// IssuedAt is the date and time of issue printed on the stamp.
	IssuedAt time.Time
}

// ValidContrassegnoID reports whether id has the form of the identifier
// of a contrassegno telematico: 14 digits 0 to 9.
func ValidContrassegnoID(id string) bool {
	if len(id) != ContrassegnoLen {
		return false
	}
	for i := range len(id) {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// Validate checks the identifier (ValidContrassegnoID) and that IssuedAt
// is set. It returns a *RuleError (ErrInvalid) naming the field.
func (c Contrassegno) Validate() error {
	if !ValidContrassegnoID(c.ID) {
		return &RuleError{Err: ErrInvalid, Field: "id", Detail: "want 14 digits, got " + truncate(c.ID)}
	}
	if c.IssuedAt.IsZero() {
		return &RuleError{Err: ErrInvalid, Field: "issuedAt", Detail: "the date and time of issue are required"}
	}
	return nil
}

// A ContrassegnoRegistry records which contrassegni telematici have been
// used. UseContrassegno validates c, then marks its identifier as used by
// use (the ente's reference of the document, such as a protocol number)
// atomically: the first use succeeds, any later one of the same
// identifier, whatever the time of issue given, returns a
// *ContrassegnoUsedError (ErrContrassegnoUsed) naming the first use.
// Implementations are safe for concurrent use.
type ContrassegnoRegistry interface {
	UseContrassegno(ctx context.Context, c Contrassegno, use string) error
}

// A ContrassegnoUsedError reports a contrassegno telematico declared a
// second time. IssuedAt and Use are those of the first use. It wraps
// ErrContrassegnoUsed.
type ContrassegnoUsedError struct {
	ID       string
	IssuedAt time.Time
	Use      string
}

// Error describes the failure.
func (e *ContrassegnoUsedError) Error() string {
	return ErrContrassegnoUsed.Error() + ": " + e.ID + " (issued " + e.IssuedAt.Format(time.RFC3339) + ") already used by " + e.Use
}

// Unwrap returns ErrContrassegnoUsed.
func (e *ContrassegnoUsedError) Unwrap() error { return ErrContrassegnoUsed }
