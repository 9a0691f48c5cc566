package money

import (
	"errors"
	"strconv"
	"strings"
)

// Errors reported by this package, always wrapped in an *Error.
var (
	// ErrSyntax reports that the input does not have the required form.
	ErrSyntax = errors.New("money: invalid syntax")
	// ErrRange reports that the input is well formed but its value does
	// not fit in an int64 number of cents.
	ErrRange = errors.New("money: value out of range")
	// ErrNotPositive reports an amount that is zero or negative.
	ErrNotPositive = errors.New("money: amount not positive")
	// ErrTooLarge reports an amount greater than MaxPagoPA.
	ErrTooLarge = errors.New("money: amount exceeds pagoPA maximum")
)

// An Error records a failed conversion or check.
//
// Use errors.Is with one of the sentinel errors above to test the
// reason, or errors.As to obtain the details.
type Error struct {
	Func  string // the failing function, e.g. "ParseDecimal"
	Input string // the input; for CheckPagoPA, the amount in decimal form
	Err   error  // the reason, one of ErrSyntax, ErrRange, ErrNotPositive, ErrTooLarge
}

// Error returns a message such as
// `money.ParseDecimal: invalid syntax: "16.0"`.
func (e *Error) Error() string {
	reason := "<nil>"
	if e.Err != nil {
		reason = strings.TrimPrefix(e.Err.Error(), "money: ")
	}
	prefix := "money"
	if e.Func != "" {
		prefix += "." + e.Func
	}
	return prefix + ": " + reason + ": " + strconv.Quote(e.Input)
}

// Unwrap returns the underlying reason, so that errors.Is works with the
// sentinel errors.
func (e *Error) Unwrap() error { return e.Err }
