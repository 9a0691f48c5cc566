package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"errors"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// A Canonicalization is the C14N method Sign applies, as transform and
// for SignedInfo.
type Canonicalization int

// The canonicalizations Sign offers.
const (
	ExclusiveC14N Canonicalization = iota // exclusive C14N 1.0 without comments (the default)
	InclusiveC14N                         // inclusive C14N 1.0 without comments
)

// SignOptions tune Sign. The zero value signs with SHA-256 and exclusive
// C14N 1.0.
type SignOptions struct {
	Canonicalization Canonicalization
	// Hash is crypto.SHA256 (the default when zero), crypto.SHA384 or
	// crypto.SHA512; it is both the digest and the signature hash.
	Hash crypto.Hash
	// Chain are certificates written in KeyInfo after the signer's, such
	// as intermediates.
	Chain []*x509.Certificate
	// Limits bound the input; zero fields take DefaultLimits.
	Limits Limits
}

// Sign adds an enveloped XML-DSig signature to the root element of doc
// and returns the signed document. The Signature (prefix "ds") is
// appended as the last child of the root, with one Reference URI=""
// carrying the enveloped-signature transform and the chosen C14N 1.0,
// and KeyInfo/X509Data with cert (then opts.Chain).
//
// key must be an RSA key (RSA-SHA256, or SHA-384/512 by opts.Hash) or an
// ECDSA key (ECDSA-SHA256…); cert must hold its public key. ECDSA values
// are written as r||s, as XML-DSig requires (goxmldsig alone would write
// DER, which other verifiers refuse).
//
// doc is read under the same rules as Verify (no DTD, limits) and must
// not be signed already. goxmldsig walks the document with a budget of
// 1000 element visits when verifying, so only small documents (see
// DefaultLimits) should be signed. The output is the input as etree
// writes it back with canonical escaping: attribute order and namespace
// declarations are kept, CDATA sections become escaped text, an empty
// element may become <a/>, which C14N does not distinguish. Do not
// reformat it afterwards: a change of white space in the root breaks the
// signature.
func Sign(doc []byte, key crypto.Signer, cert *x509.Certificate, opts SignOptions) ([]byte, error) {
	if key == nil || cert == nil {
		return nil, newError(ErrCertificate, "", "nil key or certificate")
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return nil, newError(ErrCertificate, "", "the certificate does not hold the key's public key")
	}
	signer := key
	switch k := key.Public().(type) {
	case *rsa.PublicKey:
	case *ecdsa.PublicKey:
		signer = rawECDSASigner{Signer: key, size: ecdsaSize(k)}
	default:
		return nil, newError(ErrUnsupportedAlgorithm, "", "key neither RSA nor ECDSA")
	}
	h := opts.Hash
	if h == 0 {
		h = crypto.SHA256
	}
	if h != crypto.SHA256 && h != crypto.SHA384 && h != crypto.SHA512 {
		return nil, newError(ErrUnsupportedAlgorithm, "", "hash "+h.String()+", want SHA-256, SHA-384 or SHA-512")
	}

	t, err := parse(doc, opts.Limits.withDefaults())
	if err != nil {
		return nil, err
	}
	if _, err := t.signature(); err == nil || !errors.Is(err, ErrNoSignature) {
		return nil, newError(ErrMultipleSignatures, path(t.root), "the document is already signed")
	}

	certs := [][]byte{cert.Raw}
	for _, c := range opts.Chain {
		if c == nil {
			return nil, newError(ErrCertificate, "", "nil certificate in SignOptions.Chain")
		}
		certs = append(certs, c.Raw)
	}
	ctx, err := dsig.NewSigningContext(signer, certs)
	if err != nil {
		return nil, wrapError(ErrCertificate, "", "", err)
	}
	ctx.Hash = h
	// No ID attribute is looked up: the Reference is always URI="".
	ctx.IdAttribute = ""
	switch opts.Canonicalization {
	case ExclusiveC14N:
		ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	case InclusiveC14N:
		ctx.Canonicalizer = dsig.MakeC14N10RecCanonicalizer()
	default:
		return nil, newError(ErrUnsupportedTransform, "", "unknown Canonicalization")
	}
	// goxmldsig's exclusive canonicalizer rewrites the element it digests
	// (sorted attributes, moved namespace declarations): give it a copy
	// and append the Signature to the untouched root.
	sig, err := ctx.ConstructSignature(t.root.Copy(), true)
	if err != nil {
		if errors.Is(err, etreeutils.ErrTraversalLimit) {
			return nil, wrapError(ErrTooLarge, path(t.root), "over the goxmldsig traversal budget", err)
		}
		return nil, wrapError(ErrCertificate, path(t.root), "signing failed", err)
	}
	t.root.AddChild(sig)
	// The canonical escapes keep carriage returns and tabs or newlines in
	// attribute values, which a plain write-back would let the next
	// parser normalise, breaking the digest.
	t.doc.WriteSettings = etree.WriteSettings{CanonicalText: true, CanonicalAttrVal: true}
	return t.doc.WriteToBytes()
}
