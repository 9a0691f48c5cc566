package bollo

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

// The test MBDs are bought at purchase; the PSP certificate is valid in
// 2024 and 2025, the CA from 2020 to 2040.
var purchase = time.Date(2024, 7, 8, 20, 18, 1, 0, time.FixedZone("CEST", 2*60*60))

type party struct {
	key  crypto.Signer
	cert *x509.Certificate
}

type testPKI struct {
	ca, psp, attacker, expired, future party
}

var pkiOnce = sync.OnceValues(func() (*testPKI, error) {
	var p testPKI
	var err error
	mk := func(name string, issuer *party, isCA bool, from, until time.Time) party {
		if err != nil {
			return party{}
		}
		var key *rsa.PrivateKey
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return party{}
		}
		serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
		usage := x509.KeyUsageContentCommitment
		if isCA {
			usage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		}
		tmpl := &x509.Certificate{
			SerialNumber:          serial,
			Subject:               pkix.Name{Country: []string{"IT"}, Organization: []string{"pagokit test"}, CommonName: name},
			NotBefore:             from,
			NotAfter:              until,
			KeyUsage:              usage,
			BasicConstraintsValid: true,
			IsCA:                  isCA,
		}
		parent, signer := tmpl, crypto.Signer(key)
		if issuer != nil {
			parent, signer = issuer.cert, issuer.key
		}
		var der []byte
		if der, err = x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer); err != nil {
			return party{}
		}
		var c *x509.Certificate
		c, err = x509.ParseCertificate(der)
		return party{key: key, cert: c}
	}
	y := func(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	p.ca = mk("CA Bollo Test", nil, true, y(2020), y(2040))
	p.psp = mk("12345678901 PSP TEST SPA", &p.ca, false, y(2024), y(2026))
	p.attacker = mk("12345678901 PSP TEST SPA", nil, false, y(2024), y(2026))
	p.expired = mk("12345678901 PSP TEST SPA", &p.ca, false, y(2021), y(2023))
	p.future = mk("12345678901 PSP TEST SPA", &p.ca, false, y(2025), y(2027))
	return &p, err
})

func pki(t testing.TB) *testPKI {
	t.Helper()
	p, err := pkiOnce()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The stamped document of the test MBDs and its hash, computed with
// printf abc | openssl dgst -sha256 -binary | base64.
const (
	stampedDoc  = "abc"
	stampedHash = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
)

// unsignedMBD is an MBD before signature, in the layout of the real
// samples: default namespace AdE, ns2 for XML-DSig.
const unsignedMBD = `<marcaDaBollo xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo" xmlns:ns2="http://www.w3.org/2000/09/xmldsig#">` +
	`<PSP><CodiceFiscale>12345678901</CodiceFiscale><Denominazione>PSP Test S.p.A.</Denominazione></PSP>` +
	`<IUBD>01240002186093</IUBD><OraAcquisto>2024-07-08T20:18:01+02:00</OraAcquisto><Importo>16.00</Importo>` +
	`<TipoBollo>01</TipoBollo><ImprontaDocumento><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
	`<ns2:DigestValue>` + stampedHash + `</ns2:DigestValue></ImprontaDocumento></marcaDaBollo>`

// sign signs doc as a PSP does: inclusive C14N 1.0, RSA-SHA256.
func sign(t testing.TB, doc string, by party) string {
	t.Helper()
	out, err := xmldsig.Sign([]byte(doc), by.key, by.cert, xmldsig.SignOptions{Canonicalization: xmldsig.InclusiveC14N})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// replace replaces old, which must occur in s, once.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not found in %s", old, s)
	}
	return strings.Replace(s, old, new, 1)
}

// wantErr fails unless err matches want (nil: no error).
func wantErr(t testing.TB, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("error %v; want none", err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("error %v; want %v", err, want)
	}
}

// certs returns the PSP certificate, to pin.
func (p *testPKI) certs() []*x509.Certificate { return []*x509.Certificate{p.psp.cert} }
