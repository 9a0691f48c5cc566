package xmldsig

import (
	"errors"
	"strings"
)

// Errors reported by Verify and Sign, matched with errors.Is. Every error
// returned is an *Error that wraps exactly one of them.
var (
	// ErrPolicy: the Policy itself is unusable (no expected root).
	ErrPolicy = errors.New("xmldsig: invalid policy")
	// ErrMalformed: not well-formed XML, a DTD or entity declaration, a
	// processing instruction, more than one root, undeclared namespace
	// prefixes, duplicate attributes, or a Signature element that does not
	// have the XML-DSig shape.
	ErrMalformed = errors.New("xmldsig: malformed document")
	// ErrTooLarge: the input is over Limits.MaxBytes, nests deeper than
	// Limits.MaxDepth or has more than Limits.MaxElements elements.
	ErrTooLarge = errors.New("xmldsig: document too large")
	// ErrWrongRoot: the root element's local name or namespace URI is not
	// the one the Policy expects.
	ErrWrongRoot = errors.New("xmldsig: unexpected root element")
	// ErrNoSignature: the document holds no ds:Signature element.
	ErrNoSignature = errors.New("xmldsig: no signature")
	// ErrMultipleSignatures: the document holds more than one ds:Signature
	// element, wherever they are.
	ErrMultipleSignatures = errors.New("xmldsig: more than one signature")
	// ErrSignatureNotLast: the ds:Signature is not the last child element
	// of the root, as an enveloped signature must be; moving it is how
	// signature-wrapping attacks start.
	ErrSignatureNotLast = errors.New("xmldsig: signature is not the last child element of the root")
	// ErrBadReference: not exactly one Reference, or a Reference that does
	// not designate the whole document (URI "" or the root's ID).
	ErrBadReference = errors.New("xmldsig: reference does not designate the root element")
	// ErrUnsupportedTransform: a transform or canonicalization method
	// other than enveloped-signature followed by at most one C14N 1.0
	// (inclusive or exclusive, with or without comments).
	ErrUnsupportedTransform = errors.New("xmldsig: unsupported transform")
	// ErrWeakAlgorithm: a SHA-1 digest or signature method without
	// Policy.AllowSHA1, or an MD5 one (never accepted).
	ErrWeakAlgorithm = errors.New("xmldsig: weak algorithm")
	// ErrUnsupportedAlgorithm: a signature or digest method that is
	// neither RSA nor ECDSA with SHA-2 (for example HMAC or RSA-PSS).
	ErrUnsupportedAlgorithm = errors.New("xmldsig: unsupported algorithm")
	// ErrUnsupportedProfile: not a plain enveloped XML-DSig signature:
	// XAdES (QualifyingProperties, a SignedProperties reference), a
	// ds:Object, or a CAdES/PKCS#7 (CMS) signature instead of XML.
	ErrUnsupportedProfile = errors.New("xmldsig: unsupported signature profile")
	// ErrSignatureInvalid: the digest or the signature value does not
	// match: the signed content or SignedInfo was changed.
	ErrSignatureInvalid = errors.New("xmldsig: signature invalid")
	// ErrCertificate: the signer certificate is missing or cannot be
	// parsed, or its key cannot sign.
	ErrCertificate = errors.New("xmldsig: bad signer certificate")
	// ErrUntrusted: the signer certificate is neither pinned nor chains to
	// Policy.Roots at the policy time.
	ErrUntrusted = errors.New("xmldsig: signer not trusted")
	// ErrExpired: the signer certificate had expired at the policy time.
	ErrExpired = errors.New("xmldsig: certificate expired at the verification time")
	// ErrNotYetValid: the signer certificate was not yet valid at the
	// policy time.
	ErrNotYetValid = errors.New("xmldsig: certificate not yet valid at the verification time")
)

// An Error gives the detail of a failure: which rule (Err, one of the
// sentinels above), where (Path, the element path such as
// "/marcaDaBollo/Signature/SignedInfo/Reference"), what was found
// (Detail) and the underlying error of the XML parser, crypto/x509 or
// goxmldsig, if any (Cause). errors.Is matches both Err and Cause.
type Error struct {
	Err    error
	Path   string
	Detail string
	Cause  error
}

// Error describes the failure.
func (e *Error) Error() string {
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
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

func newError(sentinel error, path, detail string) *Error {
	return &Error{Err: sentinel, Path: path, Detail: detail}
}

func wrapError(sentinel error, path, detail string, cause error) *Error {
	return &Error{Err: sentinel, Path: path, Detail: detail, Cause: cause}
}
