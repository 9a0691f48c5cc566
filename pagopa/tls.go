package pagopa

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// ErrClientCertificate is returned by the TLS handshake of a
// MutualTLSConfig when the client's certificate is not a pinned one or is
// not valid now.
var ErrClientCertificate = errors.New("pagopa: client certificate not accepted")

// MutualTLSConfig returns a server tls.Config (TLS 1.2 or newer) that
// requires the client to present one of the certificates in pinnedPEM —
// the pagoPA platform's client certificate, published by pagoPA
// (forwarder.platform.pagopa.it.pem for production, the uat one for
// tests) — within its validity period according to now (nil: time.Now).
// The certificate is pinned, not chain-verified: a new platform
// certificate must be added to pinnedPEM before it is used, as pagoPA
// announces. serverCert is the ente's own certificate.
func MutualTLSConfig(pinnedPEM []byte, serverCert tls.Certificate, now func() time.Time) (*tls.Config, error) {
	var pinned []*x509.Certificate
	rest := pinnedPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("pagopa: pinned certificate: %w", err)
		}
		pinned = append(pinned, c)
	}
	if len(pinned) == 0 {
		return nil, errors.New("pagopa: no CERTIFICATE block in the pinned PEM")
	}
	if now == nil {
		now = time.Now
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{serverCert},
		ClientAuth:   tls.RequireAnyClientCert,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 {
				return ErrClientCertificate
			}
			t := now()
			for _, c := range pinned {
				if bytes.Equal(raw[0], c.Raw) {
					if t.Before(c.NotBefore) || t.After(c.NotAfter) {
						return fmt.Errorf("%w: outside its validity period", ErrClientCertificate)
					}
					return nil
				}
			}
			return ErrClientCertificate
		},
	}, nil
}
