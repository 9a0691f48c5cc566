package archive

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pagokit/pagokit/receipt"
)

// Errors of Build, matched with errors.Is; a *PeriodError, *OptionError
// or *ReceiptError wraps them with what they are about.
var (
	// ErrInvalidDate: From or To is not a calendar date.
	ErrInvalidDate = errors.New("archive: invalid date")
	// ErrPeriodReversed: To is before From.
	ErrPeriodReversed = errors.New("archive: period ends before it starts")
	// ErrPeriodTooLong: From and To are not in the same calendar month.
	ErrPeriodTooLong = errors.New("archive: period longer than one calendar month")

	// ErrMissingOption: a mandatory option is not set.
	ErrMissingOption = errors.New("archive: option not set")
	// ErrInvalidFiscalCode: the ente's fiscal code is not 11 digits.
	ErrInvalidFiscalCode = errors.New("archive: ente fiscal code is not 11 digits")
	// ErrUnsupportedKey: the signing key is not an RSA key.
	ErrUnsupportedKey = errors.New("archive: signing key is not RSA")
	// ErrCertificateValidity: the certificate is not valid at the
	// package's creation time, so the package could not be verified.
	ErrCertificateValidity = errors.New("archive: certificate not valid at the creation time")
	// ErrKeyMismatch: the signer's public key is not the certificate's.
	ErrKeyMismatch = errors.New("archive: signing key does not match the certificate")

	// ErrNilReceipt: the iterator yielded a nil receipt.
	ErrNilReceipt = errors.New("archive: nil receipt")
	// ErrMissingField: a receipt lacks its receipt id or its raw bytes.
	ErrMissingField = errors.New("archive: receipt field missing")
	// ErrOtherEnte: a receipt's fiscal code is not the ente's.
	ErrOtherEnte = errors.New("archive: receipt of another ente")
	// ErrOutsidePeriod: a receipt's date is outside the period.
	ErrOutsidePeriod = errors.New("archive: receipt outside the period")
	// ErrNoDate: a receipt has neither a payment date-time nor an
	// application date, so its period cannot be told.
	ErrNoDate = errors.New("archive: receipt has no date")
	// ErrDuplicateReceipt: two receipts have the same receipt id.
	ErrDuplicateReceipt = errors.New("archive: duplicate receipt id")
	// ErrReceiptTooLarge: a receipt's Raw or RPT is over MaxFileSize, or
	// its index row is over MaxRowSize.
	ErrReceiptTooLarge = errors.New("archive: receipt too large")
	// ErrTooManyReceipts: more than MaxReceipts receipts.
	ErrTooManyReceipts = errors.New("archive: too many receipts")
	// ErrTotalOverflow: the sum of the amounts does not fit in an int64.
	ErrTotalOverflow = errors.New("archive: total amount overflows")

	// ErrInvalidPackage: Report.Err's error for a package with problems.
	ErrInvalidPackage = errors.New("archive: invalid package")
)

// A PeriodError reports a period that Build refuses.
type PeriodError struct {
	From, To receipt.Date
	Err      error // ErrInvalidDate, ErrPeriodReversed or ErrPeriodTooLong
}

// Error names the period and the rule.
func (e *PeriodError) Error() string {
	return fmt.Sprintf("%v: %s to %s", e.Err, e.From, e.To)
}

// Unwrap returns the rule broken.
func (e *PeriodError) Unwrap() error { return e.Err }

// An OptionError reports a missing or wrong option of Build.
type OptionError struct {
	Option string // the field of Options, e.g. "Certificate"
	Err    error
}

// Error names the option and the rule.
func (e *OptionError) Error() string { return fmt.Sprintf("%v: Options.%s", e.Err, e.Option) }

// Unwrap returns the rule broken.
func (e *OptionError) Unwrap() error { return e.Err }

// A ReceiptError reports a receipt that Build refuses, or an error
// yielded by the iterator in its place.
type ReceiptError struct {
	// Index counts the receipts yielded before this one (from 0).
	Index int
	// ReceiptID is the receipt's id, empty if it has none.
	ReceiptID string
	// Field is the Receipt field at fault (e.g. "FiscalCode"), empty
	// for an error of the iterator.
	Field string
	Err   error
}

// Error names the receipt, the field and the rule.
func (e *ReceiptError) Error() string {
	s := fmt.Sprintf("receipt %d", e.Index)
	if e.ReceiptID != "" {
		s += " " + strconv.Quote(e.ReceiptID)
	}
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the rule broken or the iterator's error.
func (e *ReceiptError) Unwrap() error { return e.Err }
