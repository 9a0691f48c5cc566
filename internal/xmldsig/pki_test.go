package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"
)

// Test times: the leaves are valid during 2024 and 2025, the CAs from
// 2020 to 2040.
var (
	caFrom    = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	caUntil   = time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	leafFrom  = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	leafUntil = time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	inWindow  = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
)

// A party is a key and its certificate.
type party struct {
	key  crypto.Signer
	cert *x509.Certificate
}

// testPKI is a test CA with an intermediate and two leaves under it
// (RSA and ECDSA), and an attacker: a self-signed leaf and a leaf of
// another CA, both named like the real leaf.
type testPKI struct {
	ca, inter, leaf, leaf2, ecLeaf, attackerCA, attacker, selfSigned party
}

var pkiOnce = sync.OnceValues(func() (*testPKI, error) {
	var p testPKI
	var err error
	mk := func(name string, key crypto.Signer, issuer *party, isCA bool, from, until time.Time, usage x509.KeyUsage) party {
		if err != nil {
			return party{}
		}
		serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
		tmpl := &x509.Certificate{
			SerialNumber:          serial,
			Subject:               pkix.Name{Country: []string{"IT"}, Organization: []string{"pagokit test"}, CommonName: name},
			NotBefore:             from,
			NotAfter:              until,
			KeyUsage:              usage,
			BasicConstraintsValid: true,
			IsCA:                  isCA,
		}
		parent, signer := tmpl, key
		if issuer != nil {
			parent, signer = issuer.cert, issuer.key
		}
		var der []byte
		der, err = x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
		if err != nil {
			return party{}
		}
		var c *x509.Certificate
		c, err = x509.ParseCertificate(der)
		return party{key: key, cert: c}
	}
	rsaKey := func() crypto.Signer {
		k, e := rsa.GenerateKey(rand.Reader, 2048)
		if e != nil {
			err = e
		}
		return k
	}
	ecKey := func() crypto.Signer {
		k, e := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if e != nil {
			err = e
		}
		return k
	}
	const caUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	const leafUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	// CAs have ECDSA keys (fast to make); the leaves that matter are RSA.
	p.ca = mk("Test Root CA", ecKey(), nil, true, caFrom, caUntil, caUsage)
	p.inter = mk("Test Intermediate CA", ecKey(), &p.ca, true, caFrom, caUntil, caUsage)
	p.leaf = mk("00000000000 TEST PSP", rsaKey(), &p.inter, false, leafFrom, leafUntil, leafUsage)
	p.leaf2 = mk("11111111111 OTHER PSP", rsaKey(), &p.inter, false, leafFrom, leafUntil, leafUsage)
	p.ecLeaf = mk("22222222222 EC PSP", ecKey(), &p.inter, false, leafFrom, leafUntil, leafUsage)
	p.attackerCA = mk("Test Root CA", ecKey(), nil, true, caFrom, caUntil, caUsage)
	p.attacker = mk("00000000000 TEST PSP", rsaKey(), &p.attackerCA, false, leafFrom, leafUntil, leafUsage)
	p.selfSigned = mk("00000000000 TEST PSP", rsaKey(), nil, false, leafFrom, leafUntil, leafUsage)
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

// pool returns a certificate pool of certs.
func pool(certs ...*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}

// replace replaces the only occurrence of old in s, failing the test if
// there is none or more than one.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%q occurs %d times in %s", old, n, s)
	}
	return strings.Replace(s, old, new, 1)
}

// between returns the text between the first start and the following end.
func between(t testing.TB, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%q not found", start)
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		t.Fatalf("%q not found", end)
	}
	return s[:j]
}
