package bollo

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

// A Policy says which MBDs Verify accepts.
//
// The signer is trusted when its certificate (the first X509Certificate
// of KeyInfo) is byte-for-byte one of Certificates, or chains to Roots
// (through Intermediates and the other certificates of KeyInfo), at the
// time At. The Agenzia delle Entrate CA that issues PSP certificates is
// not published: ask AdE for it, or pin the certificates of the PSPs.
type Policy struct {
	Certificates         []*x509.Certificate
	Roots, Intermediates *x509.CertPool

	// At is when the signer certificate must be valid. When zero, the
	// MBD's own OraAcquisto: it is read from the unverified document only
	// to set the clock, then read again from the signed content and the
	// two compared.
	At time.Time

	// CRLs are revocation lists of the CAs that issue PSP certificates,
	// such as the ones downloaded from a CA's distribution point. A CRL
	// counts for the signer when it names the signer's issuer and, if
	// the issuer certificate is known (chain, pinned certificates or
	// KeyInfo), its signature verifies with it.
	CRLs []*x509.RevocationList
	// KeyInfoCRL also uses the CRLs an MBD carries in KeyInfo
	// (X509CRL), which are not covered by the signature: only when the
	// issuer certificate is known and verifies the CRL's signature.
	KeyInfoCRL bool
	// RequireCRL fails verification with ErrRevoked when no usable CRL
	// of the signer's issuer was found. Without it a missing CRL is
	// reported by Result.RevocationChecked only.
	RequireCRL bool

	// AllowSHA1 accepts an MBD signed with a SHA-1 digest or
	// signature method (RSA-SHA1), which the MBD profile does not use and
	// which is refused by default (ErrSignature). MD5 is never accepted.
	AllowSHA1 bool

	// AllowUntrusted accepts a valid signature by an untrusted signer
	// (Result.SignerTrusted false). It proves only that the MBD was not
	// changed since someone signed it.
	AllowUntrusted bool

	// ExpectedHash, when not empty, is the base64 hashDocumento the MBD
	// must carry as ImprontaDocumento: the hash of the stamped document
	// (see Hash) or the one sent in richiestaMarcaDaBollo. The decoded
	// bytes are compared, and the DigestMethod must be SHA-256.
	ExpectedHash string
	// ExpectedAmountCents, when not zero, is the Importo the MBD must
	// carry, in cents.
	ExpectedAmountCents int64
	// ExpectedType, when not empty, is the TipoBollo the MBD must carry
	// (TypeStamp).
	ExpectedType string
}

// A Result is what Verify found. When Verify returns an error with a
// non-nil Result, the Result says how far verification went.
type Result struct {
	// MBD is read from the signed content only; nil when the signature
	// was not verified or that content is not a valid MBD.
	MBD *MBD
	// SignatureValid: the XML-DSig signature verifies with Certificate.
	SignatureValid bool
	// SignerTrusted: Certificate is pinned or chains to Policy.Roots.
	SignerTrusted bool
	// DigestMatches is nil when Policy.ExpectedHash is empty, otherwise
	// whether ImprontaDocumento is that hash, with SHA-256.
	DigestMatches *bool
	// Certificate is the certificate the signature was verified with.
	Certificate *x509.Certificate
	// RevocationChecked: a usable CRL of the signer's issuer was
	// consulted (see Policy.CRLs and Policy.KeyInfoCRL).
	RevocationChecked bool
	// Problems describes each failed check, in order; empty when Verify
	// returns no error.
	Problems []string
}

// Verify checks an MBD, given as the exact bytes received (the decoded
// MBDAttachment), and returns its signed content.
//
// The checks, in order: the input bounds; the time (Policy.At, or the
// OraAcquisto read from the unverified document); the XML-DSig enveloped
// signature of the root marcaDaBollo under a strict profile
// (internal/xmldsig: one signature, one reference to the whole document,
// SHA-2, no wrapping), with the signer certificate valid at that time;
// the trust in the signer; the revocation of its certificate (Policy.CRLs,
// Policy.KeyInfoCRL, Policy.RequireCRL); the MBD read again from the
// signed content only, its OraAcquisto compared with the one used for
// the clock; then ExpectedHash, ExpectedAmountCents and ExpectedType.
//
// The error is a *ParseError (the document or its signed content is not
// an MBD) or a *VerifyError wrapping ErrSignature, ErrUntrusted,
// ErrRevoked, ErrDigestMismatch, ErrAmountMismatch or ErrTypeMismatch: the first
// failed check; Result.Problems lists them all. Without Certificates and
// Roots nothing is trusted: the signature is checked with the KeyInfo
// certificate, and Verify fails with ErrUntrusted unless AllowUntrusted.
// Verify does not check IUBD uniqueness: see Registry.
func Verify(mbd []byte, p Policy) (*Result, error) {
	var want []byte
	if p.ExpectedHash != "" {
		var err error
		want, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(p.ExpectedHash), ""))
		if err != nil {
			return nil, &VerifyError{Err: ErrInvalid, Detail: "Policy.ExpectedHash is not base64"}
		}
	}
	if len(mbd) > MaxMBDSize {
		return nil, parseErr(ErrTooLarge, "", strconv.Itoa(len(mbd))+" bytes, at most "+strconv.Itoa(MaxMBDSize))
	}
	// The clock: Policy.At, or the OraAcquisto of the unverified root,
	// read from the tree the verifier parsed.
	at := p.At
	clockFromDoc := at.IsZero()
	var timeErr error
	xp := xmldsig.Policy{
		RootLocal:      "marcaDaBollo",
		RootNamespace:  Namespace,
		Certificates:   p.Certificates,
		Roots:          p.Roots,
		Intermediates:  p.Intermediates,
		At:             at,
		AllowSHA1:      p.AllowSHA1,
		AllowUntrusted: true, // trust is decided below, with the Result filled
		Limits:         xmldsig.Limits{MaxBytes: MaxMBDSize, MaxDepth: maxDepth, MaxElements: maxElems},
	}
	if clockFromDoc {
		xp.TimeOf = func(root *etree.Element) (time.Time, error) {
			at, timeErr = unverifiedPurchaseTime(root)
			return at, timeErr
		}
	}
	xr, err := xmldsig.Verify(mbd, xp)
	if timeErr != nil {
		return nil, timeErr
	}
	if err != nil {
		return nil, signatureError(err)
	}
	res := &Result{SignatureValid: true, SignerTrusted: xr.Trusted, Certificate: xr.Certificate}
	var first error
	fail := func(e *VerifyError) {
		if first == nil {
			first = e
		}
		res.Problems = append(res.Problems, e.Error())
	}
	checked, rerr := revocation(&p, xr.Certificate, xr.Chain, xr.KeyInfoCertificates, xr.KeyInfoCRLs, xr.Time)
	res.RevocationChecked = checked
	revoked := rerr
	if revoked == nil && !checked && p.RequireCRL {
		revoked = &VerifyError{Err: ErrRevoked, Detail: "no usable CRL of the signer's issuer " + xr.Certificate.Issuer.String()}
	}
	if !xr.Trusted && !p.AllowUntrusted {
		detail := "certificate " + xr.Certificate.Subject.String() + " is not pinned"
		switch {
		case p.Roots != nil:
			detail += " and does not chain to the trusted roots"
		case len(p.Certificates) == 0:
			detail = "no trusted certificate or root configured; " + detail
		}
		fail(&VerifyError{Err: ErrUntrusted, Detail: detail})
	}
	if revoked != nil {
		fail(revoked)
	}
	// The MBD is read from the element the verifier returns, the
	// signed content, and from nothing else.
	m, err := fromTree(nodeOf(xr.Element, ""), false)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
		if first != nil {
			return res, first
		}
		return res, err
	}
	m.Raw = append([]byte(nil), mbd...)
	if clockFromDoc && !m.PurchasedAt.Equal(at) {
		// Both reads are of the same root: only a parser disagreement
		// can bring this here.
		res.Problems = append(res.Problems, "OraAcquisto differs between the document and its signed content")
		return res, &VerifyError{Err: ErrSignature, Detail: "OraAcquisto read before verification (" +
			at.Format(time.RFC3339Nano) + ") differs from the signed one (" + m.PurchasedAt.Format(time.RFC3339Nano) + ")"}
	}
	res.MBD = m
	if want != nil {
		got, _ := base64.StdEncoding.DecodeString(m.DocumentDigest) // checked by fromTree
		ok := m.DigestMethod == DigestSHA256 && bytes.Equal(got, want)
		res.DigestMatches = &ok
		switch {
		case m.DigestMethod != DigestSHA256:
			fail(&VerifyError{Err: ErrDigestMismatch, Detail: "DigestMethod " + m.DigestMethod + ", want SHA-256"})
		case !ok:
			fail(&VerifyError{Err: ErrDigestMismatch, Detail: "ImprontaDocumento " + m.DocumentDigest + ", want " + p.ExpectedHash})
		}
	}
	if p.ExpectedAmountCents != 0 && m.AmountCents != p.ExpectedAmountCents {
		fail(&VerifyError{Err: ErrAmountMismatch, Detail: "Importo " + strconv.FormatInt(m.AmountCents, 10) +
			" cents, want " + strconv.FormatInt(p.ExpectedAmountCents, 10)})
	}
	if p.ExpectedType != "" && m.Type != p.ExpectedType {
		fail(&VerifyError{Err: ErrTypeMismatch, Detail: "TipoBollo " + strconv.Quote(m.Type) + ", want " + strconv.Quote(p.ExpectedType)})
	}
	return res, first
}

// unverifiedPurchaseTime reads OraAcquisto, the first of that name under
// the unverified root, only to set the clock.
func unverifiedPurchaseTime(root *etree.Element) (time.Time, error) {
	for _, c := range root.ChildElements() {
		if c.Tag == "OraAcquisto" && c.NamespaceURI() == Namespace {
			return purchaseTime(nodeOf(c, "/"+root.Tag))
		}
	}
	return time.Time{}, parseErr(ErrMissing, "/"+root.Tag+"/OraAcquisto", "")
}

// signatureError maps an error of xmldsig.Verify to this package's
// sentinels, keeping it as the cause.
func signatureError(err error) error {
	var sentinel error
	switch {
	case errors.Is(err, xmldsig.ErrTooLarge):
		sentinel = ErrTooLarge
	case errors.Is(err, xmldsig.ErrMalformed), errors.Is(err, xmldsig.ErrWrongRoot):
		sentinel = ErrMalformed
	case errors.Is(err, xmldsig.ErrUntrusted), errors.Is(err, xmldsig.ErrExpired), errors.Is(err, xmldsig.ErrNotYetValid):
		sentinel = ErrUntrusted
	default:
		sentinel = ErrSignature
	}
	return &VerifyError{Err: sentinel, Cause: err}
}
