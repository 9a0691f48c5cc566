package xmldsig

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// A Result is a verified document. Read the document's content only from
// Element (or Canonical): they are rebuilt from the bytes whose digest the
// signature covers, never from the input, so nothing the signature does
// not cover can reach the caller.
type Result struct {
	// Element is the verified root element, without its Signature,
	// parsed by goxmldsig from the canonical bytes it digested. With a
	// canonicalization without comments it holds no comment, so a text
	// value split by an injected comment reads whole.
	Element *etree.Element
	// Canonical is Element written by etree's Element.WriteTo with the
	// canonical write settings (CanonicalEndTags, CanonicalText,
	// CanonicalAttrVal). Verify checks that its digest is the signed
	// DigestValue, so these are the exact bytes the signature covers.
	Canonical []byte
	// Certificate is the certificate the signature was verified with.
	Certificate *x509.Certificate
	// Chain is the verified chain from Certificate to a root of
	// Policy.Roots; nil when the signer was pinned or is untrusted.
	Chain []*x509.Certificate
	// Trusted is false only when Policy.AllowUntrusted let an untrusted
	// signer through: the document is intact, but anyone may have signed
	// it.
	Trusted bool
	// Algorithm and DigestAlgorithm are the SignatureMethod and
	// DigestMethod URIs (such as RSASHA256 and DigestSHA256).
	Algorithm, DigestAlgorithm string
	// Time is the instant at which the certificates were checked.
	Time time.Time
	// KeyInfoCertificates are the certificates of KeyInfo/X509Data, the
	// signer's first, and KeyInfoCRLs the decoded X509CRL values. KeyInfo
	// is not covered by the signature: they are unverified.
	KeyInfoCertificates []*x509.Certificate
	KeyInfoCRLs         [][]byte
}

// canonicalSettings are the etree write settings of Result.Canonical,
// the same goxmldsig uses to serialise canonical XML.
var canonicalSettings = etree.WriteSettings{CanonicalEndTags: true, CanonicalText: true, CanonicalAttrVal: true}

// Verify checks the enveloped XML-DSig signature of doc under p and
// returns the verified content.
//
// The checks, in order: the size (Limits.MaxBytes) before anything else;
// CAdES/PKCS#7 input (ErrUnsupportedProfile); a token pre-scan that
// refuses DTDs, entity declarations, processing instructions and inputs
// too deep or with too many elements; parsing with etree and namespace
// resolution; the root's local name and namespace URI; exactly one
// ds:Signature in the whole document, last child element of the root;
// the shape of the signature: one Reference designating the root,
// enveloped-signature optionally followed by one C14N 1.0 transform,
// SHA-2 digest and RSA or ECDSA signature methods (SHA-1 only with
// AllowSHA1), no ds:Object and no XAdES; then the signer certificate:
// validity at the policy time, pinned or chain-verified, and only then
// the cryptographic check by goxmldsig with a certificate store that
// holds only that certificate and a clock set to the policy time.
//
// goxmldsig walks the document with a budget of 1000 element visits, so
// only small documents (see DefaultLimits) can be verified. Verify keeps
// no state: it is safe for concurrent use, with the same Policy too.
func Verify(doc []byte, p Policy) (*Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	lim := p.Limits.withDefaults()
	if err := checkSize(doc, lim); err != nil {
		return nil, err
	}
	if Sniff(doc) == FormatCMS {
		return nil, newError(ErrUnsupportedProfile, "", "CAdES/PKCS#7 (CMS) signature, not XML")
	}
	unverified, err := parse(doc, lim)
	if err != nil {
		return nil, err
	}
	root := unverified.root
	if root.Tag != p.RootLocal || unverified.space(root) != p.RootNamespace {
		return nil, newError(ErrWrongRoot, path(root),
			"{"+unverified.space(root)+"}"+root.Tag+", want {"+p.RootNamespace+"}"+p.RootLocal)
	}
	sig, err := unverified.signature()
	if err != nil {
		return nil, err
	}
	prof, err := unverified.checkSignature(sig, &p)
	if err != nil {
		return nil, err
	}
	when := p.time()
	if p.At.IsZero() && p.TimeOf != nil {
		if when, err = p.TimeOf(root); err != nil {
			return nil, err
		}
	}
	signers, err := p.signers(prof, when)
	if err != nil {
		return nil, err
	}
	normalize(root, map[string]string{"xml": xmlNamespace}, "")
	if prof.keyInfo != nil {
		// The signer is chosen: goxmldsig gets it as its only
		// certificate, and without KeyInfo it uses that one instead of
		// decoding and parsing KeyInfo's again (a third of its work on
		// an MBD). KeyInfo is not signed: dropping it changes nothing
		// verified.
		sig.RemoveChild(prof.keyInfo)
	}
	for _, s := range signers {
		res, err := verifyWith(unverified, prof, s, when, &p)
		if err == nil || !errors.Is(err, ErrSignatureInvalid) {
			return res, err
		}
		if len(signers) == 1 {
			return nil, err
		}
	}
	return nil, newError(ErrSignatureInvalid, path(sig), "no pinned certificate verifies the signature")
}

// verifyWith runs goxmldsig with s as the only certificate.
func verifyWith(unverified *tree, prof *profile, s signer, when time.Time, p *Policy) (*Result, error) {
	where := path(prof.sigValueEl)
	value := prof.signatureValue
	switch pub := s.cert.PublicKey.(type) {
	case *rsa.PublicKey:
		if prof.method.key != x509.RSA {
			return nil, newError(ErrSignatureInvalid, where, prof.signatureMethod+" with an RSA key")
		}
	case *ecdsa.PublicKey:
		if prof.method.key != x509.ECDSA {
			return nil, newError(ErrSignatureInvalid, where, prof.signatureMethod+" with an ECDSA key")
		}
		der, err := rawToDER(value, ecdsaSize(pub))
		if err != nil {
			return nil, wrapError(ErrSignatureInvalid, where, "", err)
		}
		value = der
	default:
		return nil, newError(ErrCertificate, where, "public key neither RSA nor ECDSA")
	}
	// The SignatureValue is not covered by any digest: writing it back
	// without white space (which goxmldsig cannot decode) or as DER
	// changes nothing that is verified.
	prof.sigValueEl.SetText(base64.StdEncoding.EncodeToString(value))

	vctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{s.cert}})
	if p.RootIDAttr != "" {
		vctx.IdAttribute = p.RootIDAttr
	}
	vctx.Clock = dsig.NewFakeClockAt(when)
	verified, err := vctx.Validate(unverified.root)
	if err != nil {
		if errors.Is(err, etreeutils.ErrTraversalLimit) {
			return nil, wrapError(ErrTooLarge, path(unverified.root), "over the goxmldsig traversal budget", err)
		}
		return nil, wrapError(ErrSignatureInvalid, path(prof.sig), "", err)
	}
	if verified.Tag != p.RootLocal || verified.NamespaceURI() != p.RootNamespace {
		return nil, newError(ErrSignatureInvalid, path(unverified.root), "verified element is not the expected root")
	}
	var buf bytes.Buffer
	verified.WriteTo(&buf, &canonicalSettings)
	h := prof.digestHash.New()
	h.Write(buf.Bytes())
	if !bytes.Equal(h.Sum(nil), prof.digestValue) {
		return nil, newError(ErrSignatureInvalid, path(unverified.root), "the verified element does not serialise to the digested bytes")
	}
	return &Result{
		Element:             verified,
		Canonical:           buf.Bytes(),
		Certificate:         s.cert,
		Chain:               s.chain,
		Trusted:             s.trusted,
		Algorithm:           prof.signatureMethod,
		DigestAlgorithm:     prof.digestMethod,
		Time:                when,
		KeyInfoCertificates: prof.certs,
		KeyInfoCRLs:         prof.crls,
	}, nil
}
