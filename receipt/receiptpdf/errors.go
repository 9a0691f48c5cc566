package receiptpdf

import (
	"errors"
	"strconv"
	"strings"
)

// Rules a receipt can break. Each Problem wraps one of them: test with
// errors.Is on the *ValidationError or on a single Problem.
var (
	// ErrMissing reports a required value that is empty or blank, a nil
	// receipt, or a zero payment amount on a receipt whose outcome is not
	// KO.
	ErrMissing = errors.New("required")
	// ErrTooLong reports a text longer than MaxText characters.
	ErrTooLong = errors.New("too long")
	// ErrCharset reports invalid UTF-8, a control character other than
	// white space, or a character the renderer's fonts cannot draw.
	ErrCharset = errors.New("unsupported character")
	// ErrAmount reports an amount that is negative or above
	// 999.999.999,99 euro (money.MaxPagoPA cents).
	ErrAmount = errors.New("amount out of range")
	// ErrFormat reports a value with the wrong shape: a calendar date
	// that does not exist, a year outside 1 to 9999.
	ErrFormat = errors.New("invalid format")
	// ErrCount reports more than MaxTransfers transfers.
	ErrCount = errors.New("wrong number of items")
	// ErrLogo reports a logo that cannot be decoded (WithLogo).
	ErrLogo = errors.New("invalid logo")
	// ErrLang reports an unsupported language (WithLang).
	ErrLang = errors.New("unsupported language")
)

// Problem is one reason why a receipt cannot be rendered.
type Problem struct {
	// Path locates the value by the JSON names of receipt.Receipt, e.g.
	// "creditor_reference_id" or "transfers[1].remittance_information";
	// "receipt" for a nil receipt.
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

// ValidationError lists every problem found in a receipt. Texts of the
// receipt never appear in it (names and fiscal codes of the debtor stay
// out of logs); characters the fonts lack are named by code point.
type ValidationError struct {
	// Problems are the problems, in the order of the receipt's fields.
	Problems []Problem
}

// Error implements error: one problem per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("receiptpdf: invalid receipt (")
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

// Unwrap returns the problems, so errors.Is(err, ErrAmount) reports
// whether any problem breaks that rule.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// problems collects problems, one per path.
type problems struct {
	list []Problem
}

func (ps *problems) add(path string, err error) {
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

var errNoFont = errors.New("receiptpdf: no font")
