package bollo

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"math/big"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

// crl returns a CRL issued by by, listing serial as revoked at revokedAt
// (no entry when serial is nil).
func crl(t *testing.T, by party, serial *big.Int, revokedAt time.Time) *x509.RevocationList {
	t.Helper()
	tmpl := &x509.RevocationList{
		Number:     big.NewInt(7),
		ThisUpdate: time.Date(2025, 6, 23, 0, 0, 0, 0, time.UTC),
		NextUpdate: time.Date(2025, 6, 24, 0, 0, 0, 0, time.UTC),
	}
	if serial != nil {
		tmpl.RevokedCertificateEntries = []x509.RevocationListEntry{{SerialNumber: serial, RevocationTime: revokedAt}}
	}
	der, err := x509.CreateRevocationList(rand.Reader, tmpl, by.cert, by.key)
	if err != nil {
		t.Fatal(err)
	}
	l, err := x509.ParseRevocationList(der)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// forgedCA is a self-signed CA with another key and the test CA's name,
// or cn when not empty.
func forgedCA(t *testing.T, cn string) party {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ca := pki(t).ca.cert
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(666), Subject: ca.Subject, NotBefore: ca.NotBefore, NotAfter: ca.NotAfter,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, BasicConstraintsValid: true, IsCA: true,
	}
	if cn != "" {
		tmpl.Subject.CommonName = cn
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return party{key: key, cert: c}
}

// withKeyInfoCRL adds l to the KeyInfo of a signed MBD, as PSPs do
// (KeyInfo is outside the signature).
func withKeyInfoCRL(t *testing.T, doc string, l *x509.RevocationList) string {
	return replace(t, doc, "</ds:X509Data>", "<ds:X509CRL>"+base64.StdEncoding.EncodeToString(l.Raw)+"</ds:X509CRL></ds:X509Data>")
}

func TestVerifyRevocation(t *testing.T) {
	p := pki(t)
	doc := sign(t, unsignedMBD, p.psp)
	// The same MBD with the CA certificate after the PSP's in KeyInfo.
	withCA, err := xmldsig.Sign([]byte(unsignedMBD), p.psp.key, p.psp.cert,
		xmldsig.SignOptions{Canonicalization: xmldsig.InclusiveC14N, Chain: []*x509.Certificate{p.ca.cert}})
	if err != nil {
		t.Fatal(err)
	}
	before := purchase.Add(-24 * time.Hour)
	after := purchase.Add(24 * time.Hour)
	revokedBefore := crl(t, p.ca, p.psp.cert.SerialNumber, before)
	revokedAfter := crl(t, p.ca, p.psp.cert.SerialNumber, after)
	otherRevoked := crl(t, p.ca, big.NewInt(42), before)
	forged := crl(t, forgedCA(t, ""), p.psp.cert.SerialNumber, before)
	chained := func() Policy {
		pol := Policy{Roots: x509.NewCertPool()}
		pol.Roots.AddCert(p.ca.cert)
		return pol
	}
	tests := []struct {
		name        string
		doc         string
		pol         Policy
		want        error
		wantChecked bool
	}{
		{"no CRL", doc, chained(), nil, false},
		{"no CRL, required", doc, func() Policy { q := chained(); q.RequireCRL = true; return q }(), ErrRevoked, false},
		{"caller CRL, revoked before the purchase", doc, func() Policy { q := chained(); q.CRLs = []*x509.RevocationList{revokedBefore}; return q }(), ErrRevoked, true},
		{"caller CRL, revoked after the purchase", doc, func() Policy { q := chained(); q.CRLs = []*x509.RevocationList{revokedAfter}; return q }(), nil, true},
		{"caller CRL, another certificate revoked", doc, func() Policy { q := chained(); q.CRLs = []*x509.RevocationList{otherRevoked}; return q }(), nil, true},
		{"caller CRL, pinned signer, issuer unknown: taken as given", doc, func() Policy { q := trusted(t); q.CRLs = []*x509.RevocationList{revokedBefore}; return q }(), ErrRevoked, true},
		{"caller CRL forged with the CA's name", doc, func() Policy { q := chained(); q.CRLs = []*x509.RevocationList{forged}; q.RequireCRL = true; return q }(), ErrRevoked, false},
		{"caller CRL of another issuer", doc, func() Policy {
			q := chained()
			q.CRLs = []*x509.RevocationList{crl(t, forgedCA(t, "Another CA"), p.psp.cert.SerialNumber, before)}
			return q
		}(), nil, false},
		{"caller CRL of another issuer, pinned signer", doc, func() Policy {
			q := trusted(t)
			q.CRLs = []*x509.RevocationList{crl(t, forgedCA(t, "Another CA"), p.psp.cert.SerialNumber, before)}
			return q
		}(), nil, false},
		{"KeyInfo CRL, not enabled", withKeyInfoCRL(t, doc, revokedBefore), chained(), nil, false},
		{"KeyInfo CRL, chain verified", withKeyInfoCRL(t, doc, revokedBefore), func() Policy { q := chained(); q.KeyInfoCRL = true; return q }(), ErrRevoked, true},
		{"KeyInfo CRL, revoked after the purchase", withKeyInfoCRL(t, doc, revokedAfter), func() Policy { q := chained(); q.KeyInfoCRL = true; return q }(), nil, true},
		{"KeyInfo CRL, pinned signer, issuer unknown: ignored", withKeyInfoCRL(t, doc, revokedBefore), func() Policy { q := trusted(t); q.KeyInfoCRL = true; return q }(), nil, false},
		{"KeyInfo CRL, pinned signer, CA in KeyInfo verifies the signer", withKeyInfoCRL(t, string(withCA), revokedBefore), func() Policy { q := trusted(t); q.KeyInfoCRL = true; return q }(), ErrRevoked, true},
		{"KeyInfo CRL forged with the CA's name", withKeyInfoCRL(t, doc, forged), func() Policy { q := chained(); q.KeyInfoCRL = true; return q }(), nil, false},
		{"KeyInfo CRL forged, forged CA in KeyInfo", withKeyInfoCRL(t, replace(t, string(withCA),
			base64.StdEncoding.EncodeToString(p.ca.cert.Raw), base64.StdEncoding.EncodeToString(forgedCA(t, "").cert.Raw)), forged),
			func() Policy { q := trusted(t); q.KeyInfoCRL = true; return q }(), nil, false},
		{"KeyInfo CRL not DER", replace(t, doc, "</ds:X509Data>", "<ds:X509CRL>AAAA</ds:X509CRL></ds:X509Data>"), func() Policy { q := chained(); q.KeyInfoCRL = true; return q }(), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Verify([]byte(tt.doc), tt.pol)
			wantErr(t, err, tt.want)
			if res == nil {
				t.Fatal("no Result")
			}
			if res.RevocationChecked != tt.wantChecked {
				t.Errorf("RevocationChecked %v; want %v", res.RevocationChecked, tt.wantChecked)
			}
			if !res.SignatureValid || !res.SignerTrusted {
				t.Errorf("SignatureValid %v, SignerTrusted %v; want both (revocation is a separate check)", res.SignatureValid, res.SignerTrusted)
			}
			if (tt.want != nil) != (len(res.Problems) > 0) {
				t.Errorf("Problems %q", res.Problems)
			}
		})
	}
}
