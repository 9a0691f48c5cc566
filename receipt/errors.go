package receipt

import "errors"

// Errors of parsing, matched with errors.Is; a *FieldError wraps them
// with the element path.
var (
	// ErrTooLarge: the input is over Limits.MaxBytes (or a base64 RT
	// decodes to more).
	ErrTooLarge = errors.New("receipt: input too large")
	// ErrTooDeep: elements nested deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("receipt: elements nested too deep")
	// ErrTooManyElements: more than Limits.MaxElements elements.
	ErrTooManyElements = errors.New("receipt: too many elements")
	// ErrMalformed: not well-formed XML, a DTD or entity declaration, or
	// bad base64 where the receipt itself is encoded.
	ErrMalformed = errors.New("receipt: malformed input")
	// ErrUnknownFormat: the input is none of the messages Parse reads.
	ErrUnknownFormat = errors.New("receipt: not a receipt")
	// ErrMissing: a mandatory element is missing or empty.
	ErrMissing = errors.New("receipt: mandatory element missing")
	// ErrInvalid: a value cannot be read (an amount, a date, a number).
	ErrInvalid = errors.New("receipt: invalid value")
	// ErrEmptyRT: a paaInviaRT request whose <rt> is empty.
	ErrEmptyRT = errors.New("receipt: paaInviaRT carries no RT")
)

// A FieldError ties an error to the element path where it was found,
// e.g. "receipt/transferList/transfer[2]/transferAmount".
type FieldError struct {
	Path string
	Err  error
}

// Error names the problem and the path.
func (e *FieldError) Error() string { return e.Err.Error() + " at " + e.Path }

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// Limits bound what Parse reads.
type Limits struct {
	MaxBytes    int64 // whole input (default 4 MiB)
	MaxDepth    int   // element nesting (default 32)
	MaxElements int   // elements in all (default 20,000)
}

// DefaultLimits are the limits of Parse.
var DefaultLimits = Limits{MaxBytes: 4 << 20, MaxDepth: 32, MaxElements: 20_000}
