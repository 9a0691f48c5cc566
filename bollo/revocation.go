package bollo

import (
	"bytes"
	"crypto/x509"
	"time"
)

// revocation checks the signer certificate of a verified MBD against the
// usable CRLs at the verification time. It returns whether a CRL of the
// certificate's issuer was consulted, and a *VerifyError (ErrRevoked)
// when the certificate was revoked at or before at.
//
// A CRL is usable when it is issued by the certificate's issuer and, for
// the CRLs of KeyInfo (which the signature does not cover), its own
// signature verifies with the issuer's key. The issuer's key is the one
// of the verified chain or, for a pinned certificate, of a certificate
// (of the policy or of KeyInfo) whose key verifies the signer
// certificate's signature: the key that signed the certificate is the
// one entitled to revoke it. The caller's CRLs are checked the same way
// when the issuer is known, and taken as given otherwise.
func revocation(p *Policy, leaf *x509.Certificate, chain, keyInfo []*x509.Certificate, keyInfoCRLs [][]byte, at time.Time) (checked bool, err *VerifyError) {
	issuer := issuerOf(leaf, chain, p.Certificates, keyInfo)
	var lists []*x509.RevocationList
	for _, l := range p.CRLs {
		if l == nil || !bytes.Equal(l.RawIssuer, leaf.RawIssuer) {
			continue
		}
		if issuer != nil && l.CheckSignatureFrom(issuer) != nil {
			continue
		}
		lists = append(lists, l)
	}
	if p.KeyInfoCRL && issuer != nil {
		for _, der := range keyInfoCRLs {
			l, err := x509.ParseRevocationList(der)
			if err != nil || !bytes.Equal(l.RawIssuer, leaf.RawIssuer) || l.CheckSignatureFrom(issuer) != nil {
				continue
			}
			lists = append(lists, l)
		}
	}
	for _, l := range lists {
		for _, e := range l.RevokedCertificateEntries {
			if e.SerialNumber != nil && e.SerialNumber.Cmp(leaf.SerialNumber) == 0 && !e.RevocationTime.After(at) {
				return true, &VerifyError{Err: ErrRevoked, Detail: "certificate " + leaf.Subject.String() + " serial " +
					leaf.SerialNumber.String() + " revoked on " + e.RevocationTime.UTC().Format(time.RFC3339) +
					", before " + at.UTC().Format(time.RFC3339)}
			}
		}
	}
	return len(lists) > 0, nil
}

// issuerOf returns the certificate whose key signed leaf: the next in a
// verified chain, or a candidate with leaf's issuer name that verifies
// leaf's signature; nil when none is known.
func issuerOf(leaf *x509.Certificate, chain []*x509.Certificate, candidates ...[]*x509.Certificate) *x509.Certificate {
	if len(chain) > 1 {
		return chain[1]
	}
	for _, cs := range candidates {
		for _, c := range cs {
			if c != nil && !c.Equal(leaf) && bytes.Equal(c.RawSubject, leaf.RawIssuer) && leaf.CheckSignatureFrom(c) == nil {
				return c
			}
		}
	}
	return nil
}
