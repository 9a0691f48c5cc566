package receipt

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

// Errors of VerifyRT, matched with errors.Is; a *SignatureError carries
// the detail.
var (
	// ErrNotSigned: the RT carries no XML signature.
	ErrNotSigned = errors.New("receipt: the RT is not signed")
	// ErrUnsupportedSignature: the RT is signed in a profile VerifyRT
	// does not verify: CAdES/PKCS #7 (a .p7m envelope instead of XML),
	// XAdES (qualifying properties, a second reference), or a plain
	// XML-DSig with other transforms or algorithms. This is not a claim
	// that the signature is invalid.
	ErrUnsupportedSignature = errors.New("receipt: unsupported signature profile")
	// ErrSignatureInvalid: the signature does not match the RT (it was
	// changed after signing, or the signature was moved, wrapped or
	// duplicated), or it does not sign the RT element itself.
	ErrSignatureInvalid = errors.New("receipt: invalid signature")
	// ErrUntrusted: the signature is intact but its signer is neither
	// pinned nor certified by a trusted CA, or its certificate was not
	// valid at the verification time.
	ErrUntrusted = errors.New("receipt: signer not trusted")
)

// The namespace of PagInf_RPT_RT_6_2_0 (RPT and RT).
const rtNamespace = "http://www.digitpa.gov.it/schemas/2011/Pagamenti/"

// Trust says whose signatures on legacy RTs are accepted: pinned
// certificates (compared byte for byte) and/or a pool of CA roots (with
// intermediates) that the signer's certificate must chain to. The
// certificate must be valid at At; when At is zero, at the RT's own
// dataOraMessaggioRicevuta, so that an RT signed with a certificate
// that has since expired still verifies.
type Trust struct {
	Certificates  []*x509.Certificate
	Roots         *x509.CertPool
	Intermediates *x509.CertPool
	At            time.Time
}

// A Signature describes a verified RT signature.
type Signature struct {
	Certificate *x509.Certificate // the signer
	Algorithm   string            // the signature method URI
	At          time.Time         // when the certificate was checked to be valid
}

// A SignatureError is a failed verification: Err is one of the errors
// above (or ErrMalformed, ErrTooLarge), Detail says what was found.
type SignatureError struct {
	Err    error
	Detail string
}

// Error names the problem.
func (e *SignatureError) Error() string { return e.Err.Error() + ": " + e.Detail }

// Unwrap returns the sentinel.
func (e *SignatureError) Unwrap() error { return e.Err }

// VerifyRT verifies the XML signature of a legacy RT — bare, or base64
// in a paaInviaRT request — against trust, then reads the receipt from
// the verified RT element only: the values of the returned Receipt come
// from what the signature covers, never from the rest of the input.
// Receipt.Raw is the input, byte for byte.
//
// The signature must be an enveloped XML-DSig signature, the last child
// of the RT root (namespace of PagInf_RPT_RT_6_2_0), with one reference
// to the whole RT, the enveloped-signature transform and a canonical
// form, RSA or ECDSA with SHA-256 or stronger. Signed RTs are a legacy
// of the old model (firmaRicevuta 1 CAdES, 3 XAdES, since deprecated);
// a CAdES envelope or a XAdES signature gives ErrUnsupportedSignature,
// so that an operator can tell "cannot check here" from "forged".
func VerifyRT(data []byte, trust Trust) (*Receipt, *Signature, error) {
	return DefaultLimits.VerifyRT(data, trust)
}

// VerifyRT is VerifyRT within the limits l.
func (l Limits) VerifyRT(data []byte, trust Trust) (*Receipt, *Signature, error) {
	l = l.orDefault()
	if int64(len(data)) > l.MaxBytes {
		return nil, nil, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, len(data), l.MaxBytes)
	}
	rt, err := l.extractRT(data)
	if err != nil {
		return nil, nil, err
	}
	if xmldsig.Sniff(rt) == xmldsig.FormatCMS {
		return nil, nil, &SignatureError{Err: ErrUnsupportedSignature, Detail: "a CAdES/PKCS #7 envelope, not an XML signature"}
	}
	at := trust.At
	if at.IsZero() {
		// The RT's time, read before verification to pick the time at
		// which the certificate must be valid: a forged time only
		// changes which certificates are accepted, and the time is
		// then read again from the verified element.
		unverified, err := l.parseDoc(rt)
		if err != nil {
			return nil, nil, err
		}
		if unverified.Legacy == nil || unverified.Legacy.MessageDateTime == nil {
			return nil, nil, &SignatureError{Err: ErrUntrusted, Detail: "no dataOraMessaggioRicevuta to check the certificate at; set Trust.At"}
		}
		at = *unverified.Legacy.MessageDateTime
	}
	res, err := xmldsig.Verify(rt, xmldsig.Policy{
		RootLocal: "RT", RootNamespace: rtNamespace,
		Certificates: trust.Certificates, Roots: trust.Roots, Intermediates: trust.Intermediates,
		At:     at,
		Limits: xmldsig.Limits{MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxElements: min(l.MaxElements, xmldsig.DefaultLimits.MaxElements)},
	})
	if err != nil {
		return nil, nil, signatureError(err)
	}
	r, err := l.parseDoc(res.Canonical)
	if err != nil {
		return nil, nil, err
	}
	if r.Format != FormatRT {
		return nil, nil, &SignatureError{Err: ErrSignatureInvalid, Detail: "the verified element is not an RT"}
	}
	r.Raw = bytes.Clone(data)
	return r, &Signature{Certificate: res.Certificate, Algorithm: res.Algorithm, At: at}, nil
}

// extractRT returns the RT document of data: data itself, or the
// decoded RT of a paaInviaRT request.
func (l Limits) extractRT(data []byte) ([]byte, error) {
	doc := bytes.TrimPrefix(data, bom)
	if xmldsig.Sniff(doc) == xmldsig.FormatCMS {
		return doc, nil
	}
	t, err := readTree(doc, l)
	if err != nil {
		return nil, err
	}
	defer t.release()
	if t.is(0, "RT") {
		return doc, nil
	}
	op := int32(none)
	if t.is(0, "Envelope") {
		if body := t.child(0, "Body"); body != none {
			op = t.child(body, "paaInviaRT")
		}
	} else if t.is(0, "paaInviaRT") {
		op = 0
	}
	if op == none {
		return nil, fmt.Errorf("%w: <%s> is neither an RT nor a paaInviaRT request", ErrUnknownFormat, clip(t.local(0)))
	}
	rt := t.child(op, "rt")
	if rt == none || t.text(rt) == "" {
		return nil, &FieldError{Path: rtPath, Err: ErrEmptyRT}
	}
	b, ok := decodeBase64(t.text(rt))
	if !ok {
		return nil, fieldErr(rtPath, ErrMalformed, "the RT is not base64")
	}
	return bytes.TrimPrefix(b, bom), nil
}

// signatureError turns an error of the internal verifier into one of
// this package's.
func signatureError(err error) error {
	kind := ErrSignatureInvalid
	switch {
	case errors.Is(err, xmldsig.ErrTooLarge):
		kind = ErrTooLarge
	case errors.Is(err, xmldsig.ErrMalformed):
		kind = ErrMalformed
	case errors.Is(err, xmldsig.ErrWrongRoot):
		kind = ErrUnknownFormat
	case errors.Is(err, xmldsig.ErrNoSignature):
		kind = ErrNotSigned
	case errors.Is(err, xmldsig.ErrUnsupportedProfile), errors.Is(err, xmldsig.ErrUnsupportedTransform),
		errors.Is(err, xmldsig.ErrUnsupportedAlgorithm), errors.Is(err, xmldsig.ErrWeakAlgorithm):
		kind = ErrUnsupportedSignature
	case errors.Is(err, xmldsig.ErrUntrusted), errors.Is(err, xmldsig.ErrExpired),
		errors.Is(err, xmldsig.ErrNotYetValid), errors.Is(err, xmldsig.ErrCertificate), errors.Is(err, xmldsig.ErrPolicy):
		kind = ErrUntrusted
	}
	return &SignatureError{Err: kind, Detail: err.Error()}
}
