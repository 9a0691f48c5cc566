package xmldsig

import (
	"crypto/x509"
	"time"
)

// A signer is a certificate to verify the signature with, and how far it
// is trusted.
type signer struct {
	cert    *x509.Certificate
	chain   []*x509.Certificate // from the leaf to a root of Policy.Roots
	trusted bool
}

// signers returns the certificates to try, in order. With a certificate
// in KeyInfo that is the only one; without, each pinned certificate.
func (p *Policy) signers(prof *profile, when time.Time) ([]signer, error) {
	if len(prof.certs) == 0 {
		if len(p.Certificates) == 0 {
			return nil, newError(ErrCertificate, path(prof.sig), "no X509Certificate in KeyInfo and no pinned certificate")
		}
		var out []signer
		var first error
		for _, c := range p.Certificates {
			if err := validAt(c, when, ""); err != nil {
				if first == nil {
					first = err
				}
				continue
			}
			out = append(out, signer{cert: c, trusted: true})
		}
		if len(out) == 0 {
			return nil, first
		}
		return out, nil
	}

	where := path(prof.keyInfo)
	leaf := prof.certs[0]
	if err := validAt(leaf, when, where); err != nil {
		return nil, err
	}
	const signing = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	if leaf.KeyUsage != 0 && leaf.KeyUsage&signing == 0 {
		return nil, newError(ErrCertificate, where, "key usage allows neither digitalSignature nor nonRepudiation")
	}
	for _, c := range p.Certificates {
		if c.Equal(leaf) {
			return []signer{{cert: leaf, trusted: true}}, nil
		}
	}
	var cause error
	if p.Roots != nil {
		inter := x509.NewCertPool()
		if p.Intermediates != nil {
			inter = p.Intermediates.Clone()
		}
		for _, c := range prof.certs[1:] {
			inter.AddCert(c)
		}
		chains, err := leaf.Verify(x509.VerifyOptions{
			Roots:         p.Roots,
			Intermediates: inter,
			CurrentTime:   when,
			KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return []signer{{cert: leaf, chain: chains[0], trusted: true}}, nil
		}
		cause = err
	}
	if p.AllowUntrusted {
		return []signer{{cert: leaf}}, nil
	}
	detail := "certificate " + leaf.Subject.String() + " is not pinned"
	if p.Roots != nil {
		detail += " and does not chain to the trusted roots"
	}
	return nil, wrapError(ErrUntrusted, where, detail, cause)
}

// validAt checks the validity window of c at when.
func validAt(c *x509.Certificate, when time.Time, where string) error {
	const layout = time.RFC3339
	switch {
	case when.Before(c.NotBefore):
		return newError(ErrNotYetValid, where, c.Subject.String()+" valid from "+c.NotBefore.UTC().Format(layout)+", verification time "+when.UTC().Format(layout))
	case when.After(c.NotAfter):
		return newError(ErrExpired, where, c.Subject.String()+" valid until "+c.NotAfter.UTC().Format(layout)+", verification time "+when.UTC().Format(layout))
	}
	return nil
}
