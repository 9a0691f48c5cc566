package notice

import (
	"errors"
	"strconv"
)

// Rule violations. Each is wrapped in a *FieldError that names the field;
// test for the rule with errors.Is and for the field with errors.As.
var (
	// ErrLength reports a value whose length is not the one its field requires.
	ErrLength = errors.New("notice: wrong length")
	// ErrDigits reports a non-digit character where only ASCII digits are allowed.
	ErrDigits = errors.New("notice: not all digits")
	// ErrAuxDigit reports an aux digit other than 0, 1, 2 or 3.
	ErrAuxDigit = errors.New("notice: unknown aux digit")
	// ErrCheckDigit reports a notice number or RF whose check digits do not
	// match the rest of the code.
	ErrCheckDigit = errors.New("notice: wrong check digit")
	// ErrFiscalCode reports a creditor fiscal code that is not 11 digits, or a
	// debtor fiscal code that is not 1 to 16 letters and digits.
	ErrFiscalCode = errors.New("notice: invalid fiscal code")
	// ErrAmount reports an amount that is not positive or exceeds what the
	// field can carry.
	ErrAmount = errors.New("notice: amount out of range")
	// ErrTooLong reports a text longer than its field.
	ErrTooLong = errors.New("notice: text too long")
	// ErrCharset reports a character a field cannot carry.
	ErrCharset = errors.New("notice: unsupported character")
	// ErrSyntax reports a payload that does not have the required structure
	// (prefix, version, separators, fixed literals).
	ErrSyntax = errors.New("notice: invalid syntax")
	// ErrMissing reports a required field that is empty.
	ErrMissing = errors.New("notice: missing value")
	// ErrSequence reports a sequence that failed or ran out of IUV bases.
	ErrSequence = errors.New("notice: sequence exhausted")
)

// FieldError is the error returned for invalid input: Field names the
// input field (snake_case, as in the CLI's JSON output) and Err the rule,
// one of the Err… variables of this package.
//
// Value holds the offending value for codes (notice numbers, fiscal codes
// of enti, amounts); it is left empty for personal data such as a debtor's
// name or fiscal code, so errors can be logged.
type FieldError struct {
	// Field is the name of the invalid field, e.g. "notice_number".
	Field string
	// Value is the invalid value (truncated), or "" for personal data.
	Value string
	// Err is the rule that failed, one of the Err… variables.
	Err error
}

// Error implements error.
func (e *FieldError) Error() string {
	if e.Value == "" {
		return e.Err.Error() + ": " + e.Field
	}
	return e.Err.Error() + ": " + e.Field + " " + strconv.Quote(e.Value)
}

// Unwrap returns the rule, so errors.Is(err, ErrCheckDigit) works.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, value string, err error) error {
	const maxValue = 64
	if len(value) > maxValue {
		value = value[:maxValue] + "…"
	}
	return &FieldError{Field: field, Value: value, Err: err}
}
