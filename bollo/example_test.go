package bollo_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/internal/xmldsig"
)

func ExampleHash() {
	h, err := bollo.Hash(strings.NewReader("abc"))
	if err != nil {
		panic(err)
	}
	fmt.Println(h, bollo.ValidHash(h))
	// Output: ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0= true
}

func ExampleVerify() {
	// The document to stamp, and the hash sent to pagoPA.
	document := []byte("abc")
	hash := bollo.HashBytes(document)

	// A PSP key and certificate, and the MBD it signs.
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "12345678901 PSP TEST SPA"},
		NotBefore:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageContentCommitment,
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	cert, _ := x509.ParseCertificate(der)
	unsigned := `<marcaDaBollo xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo" xmlns:ns2="http://www.w3.org/2000/09/xmldsig#">` +
		`<PSP><CodiceFiscale>12345678901</CodiceFiscale><Denominazione>PSP Test</Denominazione></PSP>` +
		`<IUBD>01240002186093</IUBD><OraAcquisto>2024-07-08T20:18:01+02:00</OraAcquisto><Importo>16.00</Importo>` +
		`<TipoBollo>01</TipoBollo><ImprontaDocumento><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
		`<ns2:DigestValue>` + hash + `</ns2:DigestValue></ImprontaDocumento></marcaDaBollo>`
	mbd, err := xmldsig.Sign([]byte(unsigned), key, cert, xmldsig.SignOptions{Canonicalization: xmldsig.InclusiveC14N})
	if err != nil {
		panic(err)
	}

	// The public body verifies the MBD received against the hash it sent.
	res, err := bollo.Verify(mbd, bollo.Policy{
		Certificates:        []*x509.Certificate{cert},
		ExpectedHash:        hash,
		ExpectedAmountCents: 1600,
		ExpectedType:        bollo.TypeStamp,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.MBD.IUBD, res.MBD.AmountCents, *res.DigestMatches)

	// The same MBD presented for another document.
	_, err = bollo.Verify(mbd, bollo.Policy{Certificates: []*x509.Certificate{cert}, ExpectedHash: bollo.HashBytes([]byte("other"))})
	fmt.Println(errors.Is(err, bollo.ErrDigestMismatch))
	// Output:
	// 01240002186093 1600 true
	// true
}

func ExampleMemoryRegistry() {
	r := bollo.NewMemoryRegistry()
	ctx := context.Background()
	fmt.Println(r.Use(ctx, "01240002186093", "receipt-1"))
	err := r.Use(ctx, "01240002186093", "receipt-2")
	var used *bollo.UsedError
	fmt.Println(errors.Is(err, bollo.ErrIUBDUsed), errors.As(err, &used) && used.ReceiptID == "receipt-1")
	// Output:
	// <nil>
	// true true
}

func ExampleNewRequest() {
	// The request for a certificate's PDF, for a payer resident in Rome.
	req, err := bollo.NewRequest(strings.NewReader("abc"), "RM")
	if err != nil {
		panic(err)
	}
	fmt.Println(req.HashDocument, req.Type, req.Province)
	// Output: ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0= 01 RM
}

func ExampleResidenceProvince() {
	// A payer resident in France, of a comune whose office is in Florence.
	p, err := bollo.ResidenceProvince("FR", "", "FI")
	fmt.Println(p, err)
	// Output: FI <nil>
}

func ExampleMemoryRegistry_UseContrassegno() {
	r := bollo.NewMemoryRegistry()
	ctx := context.Background()
	c := bollo.Contrassegno{ID: "01180001234567", IssuedAt: time.Date(2026, 11, 20, 10, 31, 0, 0, time.UTC)}
	fmt.Println(r.UseContrassegno(ctx, c, "istanza 2026/123"))
	err := r.UseContrassegno(ctx, c, "istanza 2026/200")
	var used *bollo.ContrassegnoUsedError
	fmt.Println(errors.As(err, &used), used.Use)
	// Output:
	// <nil>
	// true istanza 2026/123
}

func ExampleMatch() {
	ok, err := bollo.Match(strings.NewReader("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
	fmt.Println(ok, err)
	// Output: true <nil>
}
