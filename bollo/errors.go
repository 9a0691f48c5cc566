package bollo

import (
	"errors"
	"strings"
)

// Errors reported by ParseMBD, Verify and Registry implementations,
// matched with errors.Is. Parsing errors are *ParseError values,
// verification errors *VerifyError values and a repeated IUBD a
// *UsedError; each wraps exactly one of these sentinels.
var (
	// ErrMalformed: not well-formed XML, a DTD or entity declaration, a
	// processing instruction, an unexpected, repeated or misplaced
	// element, or a root other than MarcaDaBollo's marcaDaBollo.
	ErrMalformed = errors.New("bollo: malformed MBD")
	// ErrMissing: a mandatory element is absent.
	ErrMissing = errors.New("bollo: missing element")
	// ErrInvalid: an element or argument has a value its type does not
	// allow (an amount with three decimals, a time without zone, bad
	// base64, an empty value).
	ErrInvalid = errors.New("bollo: invalid value")
	// ErrTooLarge: the input is over MaxMBDSize, nests deeper or holds
	// more elements than an MBD can.
	ErrTooLarge = errors.New("bollo: MBD too large")
	// ErrSignature: the XML-DSig signature is invalid, missing, wrapped,
	// made with a weak or unsupported algorithm or profile, or its signer
	// certificate is unusable.
	ErrSignature = errors.New("bollo: MBD signature not valid")
	// ErrUntrusted: the signer certificate is neither pinned nor chains to
	// the trusted roots, or it was expired or not yet valid at the
	// verification time.
	ErrUntrusted = errors.New("bollo: MBD signer not trusted")
	// ErrRevoked: a usable CRL lists the signer certificate as revoked
	// at or before the verification time, or Policy.RequireCRL is set and
	// no usable CRL was found.
	ErrRevoked = errors.New("bollo: MBD signer certificate revoked or revocation unknown")
	// ErrDigestMismatch: the MBD's ImprontaDocumento is not the expected
	// document hash, or is not a SHA-256 digest.
	ErrDigestMismatch = errors.New("bollo: MBD document digest does not match")
	// ErrAmountMismatch: the MBD's Importo is not the expected amount.
	ErrAmountMismatch = errors.New("bollo: MBD amount does not match")
	// ErrTypeMismatch: the MBD's TipoBollo is not the expected type.
	ErrTypeMismatch = errors.New("bollo: MBD stamp type does not match")
	// ErrIUBDUsed: the IUBD was already used for another document.
	ErrIUBDUsed = errors.New("bollo: IUBD already used")
)

// A ParseError tells which rule (Err, one of the sentinels above) an MBD
// broke, where (Path, the element path such as "/marcaDaBollo/Importo")
// and what was found (Detail).
type ParseError struct {
	Err    error
	Path   string
	Detail string
}

// Error describes the failure.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

func parseErr(sentinel error, path, detail string) *ParseError {
	return &ParseError{Err: sentinel, Path: path, Detail: detail}
}

// A VerifyError tells which check of Verify failed (Err, one of the
// sentinels above) and why (Detail). Cause is the underlying error of the
// signature verifier, if any; errors.Is matches both Err and Cause.
type VerifyError struct {
	Err    error
	Detail string
	Cause  error
}

// Error describes the failure.
func (e *VerifyError) Error() string {
	s := e.Err.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the sentinel and the cause.
func (e *VerifyError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// A UsedError reports an IUBD used a second time; ReceiptID names the
// first use. It wraps ErrIUBDUsed.
type UsedError struct {
	IUBD      string
	ReceiptID string
}

// Error describes the failure.
func (e *UsedError) Error() string {
	return ErrIUBDUsed.Error() + ": IUBD " + e.IUBD + " already used by receipt " + e.ReceiptID
}

// Unwrap returns ErrIUBDUsed.
func (e *UsedError) Unwrap() error { return ErrIUBDUsed }
