package xmldsig

import (
	"crypto/x509"
	"strconv"
	"time"

	"github.com/beevik/etree"
)

// Limits bound what Verify and Sign read. A zero field takes its value
// from DefaultLimits.
type Limits struct {
	MaxBytes    int64 // whole input
	MaxDepth    int   // element nesting, the root being at depth 1
	MaxElements int   // elements in all, the Signature's included
}

// DefaultLimits are used for the zero fields of a Limits.
//
// MaxElements stays below the traversal budget of goxmldsig (1000 element
// visits per namespace-aware walk, not configurable): a document of 950
// elements, Signature included, is the largest this package accepts by
// default; a larger MaxElements lets goxmldsig itself refuse the document,
// which Verify also reports as ErrTooLarge.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxElements: 950}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultLimits.MaxElements
	}
	return l
}

// A Policy says which documents Verify accepts: the expected root
// element, whom to trust, at what time, and with which algorithms.
//
// The signer is trusted when its certificate (the first X509Certificate
// of KeyInfo, or the pinned certificate when KeyInfo carries none) is
// byte-for-byte one of Certificates, or when it chains to Roots (through
// Intermediates and the other certificates of KeyInfo) at the policy
// time. With neither Certificates nor Roots nothing is trusted. A signer
// certificate whose KeyUsage extension allows neither digitalSignature nor
// nonRepudiation is refused (ErrCertificate).
type Policy struct {
	// RootLocal and RootNamespace are the local name and namespace URI
	// of the expected root element (RootNamespace "" means no
	// namespace). The prefix is irrelevant. RootLocal is required.
	RootLocal, RootNamespace string

	// RootIDAttr, when set, is the name of an unprefixed attribute of the
	// root (such as "ID" or "Id") whose value a Reference may designate
	// with URI="#value". When empty only URI="" is accepted.
	RootIDAttr string

	// Certificates are pinned signer certificates, compared by DER.
	Certificates []*x509.Certificate
	// Roots and Intermediates verify the signer's chain with crypto/x509
	// at the policy time. A nil Roots disables chain verification (the
	// system roots are never used).
	Roots, Intermediates *x509.CertPool

	// At is the time at which the signer certificate (and its chain) must
	// be valid, for example the purchase time written in the document.
	// When At is zero Clock is called; when Clock is nil too, time.Now.
	At    time.Time
	Clock func() time.Time
	// TimeOf, used when At is zero, reads the time from the document
	// itself, such as a purchase time: it gets the unverified root
	// element and must only use it to pick the clock. An error it
	// returns is Verify's.
	TimeOf func(root *etree.Element) (time.Time, error)

	// AllowSHA1 accepts SHA-1 digests and the RSA-SHA1 and ECDSA-SHA1
	// signature methods. MD5 is never accepted.
	AllowSHA1 bool

	// AllowUntrusted verifies a signature whose signer is not trusted
	// with the certificate found in KeyInfo, and reports it with
	// Result.Trusted false instead of failing with ErrUntrusted. It proves
	// only that the document was not changed since someone signed it.
	AllowUntrusted bool

	// Limits bound the input; zero fields take DefaultLimits.
	Limits Limits
}

// time returns the instant at which certificates must be valid.
func (p *Policy) time() time.Time {
	switch {
	case !p.At.IsZero():
		return p.At
	case p.Clock != nil:
		return p.Clock()
	}
	return time.Now()
}

func (p *Policy) check() error {
	if p.RootLocal == "" {
		return newError(ErrPolicy, "", "RootLocal is empty")
	}
	for i, c := range p.Certificates {
		if c == nil {
			return newError(ErrPolicy, "", "Certificates["+strconv.Itoa(i)+"] is nil")
		}
	}
	return nil
}
