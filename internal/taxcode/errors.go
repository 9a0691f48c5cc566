package taxcode

import (
	"errors"
	"strconv"
)

// Errors reported by this package, always wrapped in an *Error.
var (
	// ErrLength reports an input of the wrong length.
	ErrLength = errors.New("taxcode: invalid length")
	// ErrSyntax reports a character not allowed at its position.
	ErrSyntax = errors.New("taxcode: invalid character")
	// ErrMonth reports that the ninth character of a personal code is
	// not one of the month letters ABCDEHLMPRST.
	ErrMonth = errors.New("taxcode: invalid month")
	// ErrDay reports that the day of birth of a personal code (the
	// tenth and eleventh characters, after undoing omocodia) is not in
	// 01-31 or 41-71.
	ErrDay = errors.New("taxcode: invalid day")
	// ErrCheck reports that the last character does not match the check
	// character or digit computed from the others.
	ErrCheck = errors.New("taxcode: check character mismatch")
)

// An Error describes why an input is not a valid tax code.
//
// It deliberately does not contain the input, which is personal data:
// only the rule that failed and where.
type Error struct {
	// Pos is the 1-based byte position, in the string passed to the
	// function, of the offending character: the first character of the
	// day for ErrDay, the last character for ErrCheck. It is 0 for
	// ErrLength.
	Pos int
	// Err is the rule that failed: ErrLength, ErrSyntax, ErrMonth,
	// ErrDay or ErrCheck.
	Err error
}

// Error returns a message such as "taxcode: invalid month at position 9".
func (e *Error) Error() string {
	msg := "taxcode: <nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Pos > 0 {
		msg += " at position " + strconv.Itoa(e.Pos)
	}
	return msg
}

// Unwrap returns the failed rule, so that errors.Is works with the
// sentinel errors.
func (e *Error) Unwrap() error { return e.Err }

func errAt(pos int, err error) error { return &Error{Pos: pos, Err: err} }
