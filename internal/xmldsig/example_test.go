package xmldsig_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

func Example() {
	// A signer: a key and a certificate valid during 2025.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "00000000000 EXAMPLE PSP"},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	cert, _ := x509.ParseCertificate(der)

	doc := `<r:Receipt xmlns:r="urn:example:receipt"><r:Amount>1600</r:Amount></r:Receipt>`
	signed, err := xmldsig.Sign([]byte(doc), key, cert, xmldsig.SignOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}

	policy := xmldsig.Policy{
		RootLocal:     "Receipt",
		RootNamespace: "urn:example:receipt",
		Certificates:  []*x509.Certificate{cert},
		At:            time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), // e.g. the time written in the document
	}
	res, err := xmldsig.Verify(signed, policy)
	if err != nil {
		fmt.Println(err)
		return
	}
	amount := res.Element.SelectElement("Amount").Text()
	fmt.Println("trusted:", res.Trusted)
	fmt.Println("signer:", res.Certificate.Subject.CommonName)
	fmt.Println("algorithm:", res.Algorithm)
	fmt.Println("amount:", amount)
	fmt.Println("canonical:", string(res.Canonical))

	// Any change to the signed content is caught.
	forged := strings.Replace(string(signed), ">1600<", ">16<", 1)
	_, err = xmldsig.Verify([]byte(forged), policy)
	fmt.Println("forged:", errors.Is(err, xmldsig.ErrSignatureInvalid))

	// So is a certificate outside its validity at the policy time.
	policy.At = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	_, err = xmldsig.Verify(signed, policy)
	fmt.Println("expired:", errors.Is(err, xmldsig.ErrExpired))
	// Output:
	// trusted: true
	// signer: 00000000000 EXAMPLE PSP
	// algorithm: http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
	// amount: 1600
	// canonical: <r:Receipt xmlns:r="urn:example:receipt"><r:Amount>1600</r:Amount></r:Receipt>
	// forged: true
	// expired: true
}

func ExampleSniff() {
	for _, in := range []string{
		`<?xml version="1.0"?><marcaDaBollo/>`,
		"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\xa0\x80", // BER CMS signedData (a .p7m)
		"MIAGCSqGSIb3DQEHAqCAMIACAQEx",                                 // the same, base64
		"%PDF-1.7",
	} {
		fmt.Println(xmldsig.Sniff([]byte(in)))
	}
	// Output:
	// XML
	// CMS
	// CMS
	// unknown
}

func ExampleError() {
	doc := `<r:Receipt xmlns:r="urn:example:receipt"><r:Amount>1600</r:Amount></r:Receipt>`
	_, err := xmldsig.Verify([]byte(doc), xmldsig.Policy{RootLocal: "Receipt", RootNamespace: "urn:example:receipt"})
	var e *xmldsig.Error
	if errors.As(err, &e) {
		fmt.Println(e.Err == xmldsig.ErrNoSignature, e.Path)
	}
	// Output:
	// true /r:Receipt
}
