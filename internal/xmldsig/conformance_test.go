package xmldsig

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/testenv"
)

const mbdNS = "http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"

// readSample reads a MarcaDaBollo sample of the specification files.
func readSample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(testenv.Specs(t, "bollo", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// keyInfoCert parses the first X509Certificate of a sample, read as text.
func keyInfoCert(t *testing.T, doc string) *x509.Certificate {
	t.Helper()
	b64 := strings.Join(strings.Fields(between(t, doc, "<X509Certificate>", "</X509Certificate>")), "")
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConformanceMarcaDaBollo(t *testing.T) {
	doc := readSample(t, "mbd_intesa_signed_verifies.xml")
	psp := keyInfoCert(t, doc)
	// OraAcquisto of the sample, read by hand.
	purchase := time.Date(2024, 7, 8, 20, 18, 1, 0, time.FixedZone("CEST", 2*60*60))
	pol := Policy{RootLocal: "marcaDaBollo", RootNamespace: mbdNS, Certificates: []*x509.Certificate{psp}, At: purchase}

	res, err := Verify([]byte(doc), pol)
	wantErr(t, err, nil)
	if !res.Trusted || res.Algorithm != RSASHA256 || res.DigestAlgorithm != DigestSHA256 {
		t.Errorf("Trusted %v, %s, %s; want true, rsa-sha256, sha256", res.Trusted, res.Algorithm, res.DigestAlgorithm)
	}
	for local, want := range map[string]string{"IUBD": "01240002186093", "OraAcquisto": "2024-07-08T20:18:01+02:00", "Importo": "16.00", "TipoBollo": "01"} {
		if got := child(res.Element, local); got != want {
			t.Errorf("%s = %q; want %q", local, got, want)
		}
	}
	// Canonical is the file from the root's start tag to the Signature,
	// with the empty DigestMethod written with an end tag, and the root's
	// end tag; its digest is the signed DigestValue.
	start := strings.Index(doc, "<marcaDaBollo")
	end := strings.Index(doc, `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">`)
	const emptyDigestMethod = `<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>`
	wantCanonical := strings.Replace(doc[start:end], emptyDigestMethod,
		`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod>`, 1) + "</marcaDaBollo>"
	if string(res.Canonical) != wantCanonical {
		t.Errorf("Canonical =\n%s\nwant\n%s", res.Canonical, wantCanonical)
	}
	sum := sha256.Sum256(res.Canonical)
	signedDigest := between(t, doc, "<DigestValue>", "</DigestValue>")
	if got := base64.StdEncoding.EncodeToString(sum[:]); got != signedDigest {
		t.Errorf("digest of Canonical = %s; want the signed %s", got, signedDigest)
	}

	expired := pol
	expired.At = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	_, err = Verify([]byte(doc), expired)
	wantErr(t, err, ErrExpired)

	noTrust := pol
	noTrust.Certificates = nil
	_, err = Verify([]byte(doc), noTrust)
	wantErr(t, err, ErrUntrusted)

	otherCA := noTrust
	otherCA.Roots = pool(pki(t).ca.cert)
	_, err = Verify([]byte(doc), otherCA)
	wantErr(t, err, ErrUntrusted)

	changed := replace(t, doc, "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186094</IUBD>")
	_, err = Verify([]byte(changed), pol)
	wantErr(t, err, ErrSignatureInvalid)

	// The mock of pagopa-mbd carries no KeyInfo: with the PSP certificate
	// above pinned, the fake SignatureValue does not verify; with nothing
	// pinned there is no key to try.
	mock := readSample(t, "mbd_pagopa-mbd_mock_invalid_signature.xml")
	mockPol := pol
	mockPol.At = time.Date(2022, 2, 6, 15, 0, 44, 659e6, time.FixedZone("CET", 60*60)) // its OraAcquisto
	_, err = Verify([]byte(mock), mockPol)
	wantErr(t, err, ErrSignatureInvalid)
	mockPol.Certificates = nil
	_, err = Verify([]byte(mock), mockPol)
	wantErr(t, err, ErrCertificate)

	// The Node's test sample (CA Sogei Test, placeholders): its
	// certificate had expired at its OraAcquisto; inside its validity, and
	// accepted untrusted, the placeholders do not match the signature.
	sogei := readSample(t, "mbd_nodo-test_sogei_placeholders.xml")
	sogeiPol := Policy{RootLocal: "marcaDaBollo", RootNamespace: mbdNS, AllowUntrusted: true, At: mockPol.At}
	_, err = Verify([]byte(sogei), sogeiPol)
	wantErr(t, err, ErrExpired)
	sogeiPol.At = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = Verify([]byte(sogei), sogeiPol)
	wantErr(t, err, ErrSignatureInvalid)
}
