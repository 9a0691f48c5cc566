package noticepdf

import (
	"errors"
	"strconv"
	"strings"
)

// Rules a notice can break. Each Problem wraps one of them: test with
// errors.Is on the *ValidationError or on a single Problem.
var (
	// ErrMissing reports a required value that is empty.
	ErrMissing = errors.New("required")
	// ErrTooLong reports a text longer than the graphic specification allows.
	ErrTooLong = errors.New("too long")
	// ErrCharset reports a control character, or a character the notice's
	// fonts cannot draw.
	ErrCharset = errors.New("unsupported character")
	// ErrFormat reports a value with the wrong shape: a date that is not
	// YYYY-MM-DD, a CBILL code that is not 5 letters or digits, a JSON value
	// of the wrong type.
	ErrFormat = errors.New("invalid format")
	// ErrNoticeNumber reports an invalid notice number: wrong length, not
	// digits, or a wrong check digit. The *notice.FieldError is wrapped too.
	ErrNoticeNumber = errors.New("invalid notice number")
	// ErrFiscalCode reports an invalid fiscal code: the ente's must be 11
	// digits, the debtor's a valid codice fiscale.
	ErrFiscalCode = errors.New("invalid fiscal code")
	// ErrAmount reports an amount that is not positive or too large to be
	// carried by the QR code (notice.MaxQRAmountCents).
	ErrAmount = errors.New("amount out of range")
	// ErrInconsistent reports values that contradict each other: instalments
	// that do not add up to the total, repeated notice numbers, notice
	// numbers of different aux digits or segregation codes.
	ErrInconsistent = errors.New("inconsistent")
	// ErrCount reports a list with too few or too many items.
	ErrCount = errors.New("wrong number of items")
	// ErrTemplate reports an unknown or unsupported templateId, or missing
	// postal data for a …Poste template.
	ErrTemplate = errors.New("unsupported template")
	// ErrLogo reports a logo that cannot be loaded or decoded.
	ErrLogo = errors.New("invalid logo")
	// ErrLang reports an unsupported language.
	ErrLang = errors.New("unsupported language")
)

// Problem is one reason why a notice cannot be rendered.
type Problem struct {
	// Path locates the value in the JSON request, e.g.
	// "data.notice.installments[1].code" ("notice.…" without the "data."
	// prefix for a Notice built in Go).
	Path string
	// Err is the rule, wrapping one of the Err… variables.
	Err error
}

// Error implements error.
func (p Problem) Error() string {
	if p.Path == "" {
		return p.Err.Error()
	}
	return p.Path + ": " + p.Err.Error()
}

// Unwrap returns the rule.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists every problem found in a notice. Texts of the
// debtor never appear in it: it can be logged.
type ValidationError struct {
	// Problems are the problems, in the order of the input fields.
	Problems []Problem
}

// Error implements error: one problem per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("noticepdf: invalid notice (")
	b.WriteString(strconv.Itoa(len(e.Problems)))
	if len(e.Problems) == 1 {
		b.WriteString(" problem)")
	} else {
		b.WriteString(" problems)")
	}
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems, so errors.Is(err, ErrAmount) reports whether
// any problem breaks that rule.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// problems collects problems under a path prefix.
type problems struct {
	prefix string
	list   []Problem
}

// add records a problem, unless the same path already has one: a code that
// failed to parse is not reported again as missing.
func (ps *problems) add(path string, err error) {
	path = ps.prefix + path
	for _, p := range ps.list {
		if p.Path == path {
			return
		}
	}
	ps.list = append(ps.list, Problem{Path: path, Err: err})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}

func itoa(n int) string { return strconv.Itoa(n) }
