package pagopa

import (
	"errors"
	"strings"
)

// Rule errors wrapped by the Problems of a *ValidationError.
var (
	ErrMissing      = errors.New("pagopa: required")
	ErrTooLong      = errors.New("pagopa: too long")
	ErrFormat       = errors.New("pagopa: invalid format")
	ErrFiscalCode   = errors.New("pagopa: invalid fiscal code")
	ErrIBAN         = errors.New("pagopa: invalid IBAN")
	ErrAmount       = errors.New("pagopa: invalid amount")
	ErrInconsistent = errors.New("pagopa: inconsistent")
	ErrCount        = errors.New("pagopa: wrong number of items")
	ErrNoticeNumber = errors.New("pagopa: invalid notice number or IUV")
	// ErrStampNeedsV2: an option with a @e.bollo stamp transfer was asked
	// for with paGetPayment (version 1), which cannot carry a stamp
	// request, or belongs to an ente served only by version 1 stations.
	// The Handler answers the Nodo PAA_SEMANTICA.
	ErrStampNeedsV2 = errors.New("pagopa: a @e.bollo stamp needs the version 2 primitives")
)

// Store errors.
var (
	// ErrNotFound: no such position or receipt.
	ErrNotFound = errors.New("pagopa: not found")
	// ErrExists: a position with the same IUPD, or an option with the
	// same IUV, already exists for the ente.
	ErrExists = errors.New("pagopa: already exists")
	// ErrNotUpdatable: the position's state forbids changes.
	ErrNotUpdatable = errors.New("pagopa: position not updatable in its state")
)

// A Problem is one validation failure: the field, by its JSON path, and
// the rule it breaks.
type Problem struct {
	Path string
	Err  error
}

// Error returns "path: rule".
func (p Problem) Error() string {
	if p.Path == "" {
		return p.Err.Error()
	}
	return p.Path + ": " + p.Err.Error()
}

// Unwrap returns the rule error.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists every problem found, so a caller can fix them all
// at once. errors.Is matches any problem's rule.
type ValidationError struct {
	Problems []Problem
}

// Error lists every problem.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return "pagopa: invalid: " + strings.Join(parts, "; ")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

type problems struct{ list []Problem }

func (ps *problems) add(path string, err error) { ps.list = append(ps.list, Problem{path, err}) }

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}
