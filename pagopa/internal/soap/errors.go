package soap

import (
	"errors"
	"fmt"
	"strings"
)

// Fault codes set in Error.Fault. The first two are the paForNode fault
// codes an EC answers with when a request cannot be accepted.
const (
	// FaultXSD: the message is well formed but violates the XSD (a
	// missing element, a value of the wrong form).
	FaultXSD = "PAA_SINTASSI_XSD"
	// FaultExtraXSD: the message is not a paForNode SOAP message (not
	// well formed, no Envelope or Body, over the Limits, unknown
	// operation).
	FaultExtraXSD = "PAA_SINTASSI_EXTRAXSD"
	// FaultSystem: the message could not be read, or a value to be
	// written cannot be represented on the wire.
	FaultSystem = "PAA_SYSTEM_ERROR"
	// FaultSOAP: DecodeResponse received a SOAP Fault; Err is a
	// *ServerFault.
	FaultSOAP = "SOAP_FAULT"
)

// Sentinel errors, wrapped (possibly with a more precise reason) in an
// *Error; test them with errors.Is.
var (
	// ErrTooLarge: the message exceeds Limits.MaxBytes.
	ErrTooLarge = errors.New("soap: message too large")
	// ErrTooDeep: elements are nested deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("soap: elements nested too deeply")
	// ErrTooManyElements: the message has more than Limits.MaxElements
	// elements.
	ErrTooManyElements = errors.New("soap: too many elements")
	// ErrMalformed: the message is not well-formed XML, declares a DTD,
	// or is not a SOAP Envelope with a Body.
	ErrMalformed = errors.New("soap: malformed message")
	// ErrUnknownOperation: the Body is empty or its element is not the
	// wrapper of a known operation (nor is the SOAPAction); when
	// encoding, the operation is unknown or its body is not set.
	ErrUnknownOperation = errors.New("soap: unknown operation")
	// ErrInvalid: an element is missing, repeated or has a value outside
	// its XSD type.
	ErrInvalid = errors.New("soap: invalid value")
	// ErrServerFault is wrapped by a *ServerFault.
	ErrServerFault = errors.New("soap: SOAP fault")
)

// Reasons, wrapping ErrMalformed or ErrInvalid. They never carry values
// from the message.
var (
	errDTD         = fmt.Errorf("%w: document type declaration not allowed", ErrMalformed)
	errNoEnvelope  = fmt.Errorf("%w: no SOAP Envelope", ErrMalformed)
	errNoBody      = fmt.Errorf("%w: no SOAP Body", ErrMalformed)
	errAfterRoot   = fmt.Errorf("%w: content after the Envelope", ErrMalformed)
	errMissing     = fmt.Errorf("%w: required element missing", ErrInvalid)
	errDuplicate   = fmt.Errorf("%w: element repeated", ErrInvalid)
	errTooMany     = fmt.Errorf("%w: too many occurrences", ErrInvalid)
	errChoice      = fmt.Errorf("%w: both alternatives of a choice", ErrInvalid)
	errNotSimple   = fmt.Errorf("%w: element inside a simple value", ErrInvalid)
	errLength      = fmt.Errorf("%w: length out of range", ErrInvalid)
	errPattern     = fmt.Errorf("%w: does not match the pattern", ErrInvalid)
	errEnum        = fmt.Errorf("%w: not an allowed value", ErrInvalid)
	errAmount      = fmt.Errorf("%w: not an amount of the form 123.45", ErrInvalid)
	errAmountRange = fmt.Errorf("%w: amount out of range", ErrInvalid)
	errIDTransfer  = fmt.Errorf("%w: not a transfer id 1..5", ErrInvalid)
	errBool        = fmt.Errorf("%w: not a boolean", ErrInvalid)
	errBase64      = fmt.Errorf("%w: not base64", ErrInvalid)
	errDate        = fmt.Errorf("%w: not a date YYYY-MM-DD", ErrInvalid)
	errDateTime    = fmt.Errorf("%w: not a date-time YYYY-MM-DDThh:mm:ss", ErrInvalid)
	errV2Only      = fmt.Errorf("%w: element exists only in the V2 operation", ErrInvalid)
	errNoResponse  = fmt.Errorf("%w: unsupported response value", ErrInvalid)
)

// An Error reports a message that could not be decoded, or a value that
// could not be encoded. Its message names the operation, the element and
// the rule broken, never a value from the message, so it can be logged
// without personal data.
type Error struct {
	// Fault is the fault code to answer with: FaultXSD, FaultExtraXSD,
	// FaultSystem, or FaultSOAP (DecodeResponse only).
	Fault string
	// Op is the operation, when known.
	Op Operation
	// Header holds the request header fields read before the error.
	Header Header
	// Field is the path of the offending element below the wrapper, e.g.
	// "receipt/transferList/transfer[2]/transferAmount", or "" when the
	// error is not about one element.
	Field string
	// Err is the reason; it wraps one of the sentinel errors.
	Err error
}

// Error returns a message such as
// "soap: paSendRT: receipt/fiscalCode: invalid value: does not match the pattern".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("soap: ")
	if e.Op != "" {
		b.WriteString(string(e.Op))
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "soap: "))
	} else {
		b.WriteString(e.Fault)
	}
	return b.String()
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// A ServerFault is a SOAP 1.1 Fault element that DecodeResponse received
// instead of a response. It is the Err of an *Error with Fault FaultSOAP.
type ServerFault struct {
	Code   string // faultcode, e.g. "soap:Server"
	String string // faultstring
	Actor  string // faultactor
}

// Error returns "soap: SOAP fault: " followed by the code and the string.
func (f *ServerFault) Error() string {
	return ErrServerFault.Error() + ": " + f.Code + ": " + f.String
}

// Unwrap returns ErrServerFault.
func (f *ServerFault) Unwrap() error { return ErrServerFault }

// fieldError is an error tied to an element path, turned into an *Error
// by the caller that knows the operation and header.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// newError classifies err (from decoding) into an *Error.
func newError(err error, op Operation, h Header) *Error {
	e := &Error{Op: op, Header: h, Err: err}
	var fe *fieldError
	if errors.As(err, &fe) {
		e.Field, e.Err = fe.field, fe.err
	}
	var sf *ServerFault
	switch {
	case errors.As(e.Err, &sf):
		e.Fault = FaultSOAP
	case errors.Is(e.Err, ErrInvalid):
		e.Fault = FaultXSD
	case errors.Is(e.Err, ErrTooLarge), errors.Is(e.Err, ErrTooDeep), errors.Is(e.Err, ErrTooManyElements),
		errors.Is(e.Err, ErrMalformed), errors.Is(e.Err, ErrUnknownOperation):
		e.Fault = FaultExtraXSD
	default:
		e.Fault = FaultSystem
	}
	return e
}
