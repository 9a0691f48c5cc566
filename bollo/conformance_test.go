package bollo

import (
	"crypto/x509"
	"encoding/base64"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/testenv"
)

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(testenv.Specs(t, "bollo", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// keyInfoCert parses the X509Certificate of a sample, read as text.
func keyInfoCert(t *testing.T, doc []byte) *x509.Certificate {
	t.Helper()
	s := string(doc)
	i := strings.Index(s, "<X509Certificate>")
	j := strings.Index(s, "</X509Certificate>")
	if i < 0 || j < i {
		t.Fatal("no X509Certificate")
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s[i+len("<X509Certificate>"):j]), ""))
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConformanceIntesa(t *testing.T) {
	doc := readSample(t, "mbd_intesa_signed_verifies.xml")
	psp := keyInfoCert(t, doc)
	pinned := Policy{Certificates: []*x509.Certificate{psp}}

	// The time defaults to OraAcquisto, inside the certificate's validity
	// (2019-10-02 to 2025-10-02).
	res, err := Verify(doc, pinned)
	wantErr(t, err, nil)
	if !res.SignatureValid || !res.SignerTrusted || res.DigestMatches != nil || len(res.Problems) != 0 {
		t.Errorf("Result %+v; want valid, trusted, digest not checked, no problems", res)
	}
	m := res.MBD
	// Values read by hand from the file.
	if m.IUBD != "01240002186093" || m.PSPFiscalCode != "00799960158" || m.PSPName != "Intesa Sanpaolo S.p.A." ||
		m.AmountCents != 1600 || m.Type != "01" ||
		!m.PurchasedAt.Equal(time.Date(2024, 7, 8, 18, 18, 1, 0, time.UTC)) ||
		m.DocumentDigest != "cXVlc3RhIMOoIHVuYSBtYXJjYSBkYSBib2xsbw==" ||
		m.DigestMethod != "http://www.w3.org/2001/04/xmlenc#sha256" || string(m.Raw) != string(doc) {
		t.Errorf("MBD %+v", m)
	}
	if res.Certificate.Subject.CommonName != "00799960158 INTESA SANPAOLO SPA" {
		t.Errorf("Certificate CN %q", res.Certificate.Subject.CommonName)
	}

	// The sample's ImprontaDocumento is base64 of the 28 bytes of
	// "questa è una marca da bollo", a test value, not a SHA-256. The
	// binding compares decoded bytes: the same bytes match, the SHA-256
	// of that text does not.
	bound := pinned
	bound.ExpectedHash = "cXVlc3RhIMOoIHVuYSBtYXJjYSBkYSBib2xsbw=="
	res, err = Verify(doc, bound)
	wantErr(t, err, nil)
	if res.DigestMatches == nil || !*res.DigestMatches {
		t.Errorf("DigestMatches %v; want true", res.DigestMatches)
	}
	bound.ExpectedHash = "ggEfNzmnb+iT8B3evZ5JXCC7D86skNASyJJUKOq4uaM=" // SHA-256 of that text
	res, err = Verify(doc, bound)
	wantErr(t, err, ErrDigestMismatch)
	if res.DigestMatches == nil || *res.DigestMatches {
		t.Errorf("DigestMatches %v; want false", res.DigestMatches)
	}

	late := pinned
	late.At = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	_, err = Verify(doc, late)
	wantErr(t, err, ErrUntrusted)

	res, err = Verify(doc, Policy{})
	wantErr(t, err, ErrUntrusted)
	if res == nil || !res.SignatureValid || res.SignerTrusted || res.MBD == nil || res.MBD.IUBD != "01240002186093" {
		t.Errorf("Result %+v; want a valid signature by an untrusted signer", res)
	}
	res, err = Verify(doc, Policy{AllowUntrusted: true})
	wantErr(t, err, nil)
	if !res.SignatureValid || res.SignerTrusted {
		t.Errorf("AllowUntrusted: Result %+v; want valid, untrusted", res)
	}

	// KeyInfo carries a CRL of "CA Bollo Telematico" (thisUpdate
	// 2025-06-23, nothing revoked). That CA's certificate is not
	// published, so the CRL's signature cannot be checked and it is not
	// used; RequireCRL then fails.
	withCRL := pinned
	withCRL.KeyInfoCRL = true
	res, err = Verify(doc, withCRL)
	wantErr(t, err, nil)
	if res.RevocationChecked {
		t.Error("RevocationChecked with a CRL whose issuer is unknown")
	}
	withCRL.RequireCRL = true
	_, err = Verify(doc, withCRL)
	wantErr(t, err, ErrRevoked)

	changed := []byte(strings.Replace(string(doc), "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186094</IUBD>", 1))
	_, err = Verify(changed, pinned)
	wantErr(t, err, ErrSignature)
}

// The mock of pagopa-mbd has no KeyInfo and a SignatureValue that is not
// a signature of its content. Without KeyInfo there is no certificate to
// verify with unless one is pinned; pinning the Intesa certificate (valid
// at the mock's OraAcquisto, 2022-02-06) lets the signature be checked,
// and it fails.
func TestConformanceMockInvalidSignature(t *testing.T) {
	psp := keyInfoCert(t, readSample(t, "mbd_intesa_signed_verifies.xml"))
	doc := readSample(t, "mbd_pagopa-mbd_mock_invalid_signature.xml")
	res, err := Verify(doc, Policy{Certificates: []*x509.Certificate{psp}})
	wantErr(t, err, ErrSignature)
	if res != nil {
		t.Errorf("Result %+v; want nil", res)
	}
	_, err = Verify(doc, Policy{})
	wantErr(t, err, ErrSignature)

	// Unverified, its content reads.
	m, err := ParseMBD(doc)
	wantErr(t, err, nil)
	if m.IUBD != "1158346812341032" || m.AmountCents != 500 ||
		!m.PurchasedAt.Equal(time.Date(2022, 2, 6, 14, 0, 44, 659e6, time.UTC)) {
		t.Errorf("ParseMBD %+v", m)
	}
}
