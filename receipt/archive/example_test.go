package archive_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"iter"
	"math/big"
	"time"

	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
)

// exampleIdentity stands for the ente's signing key and certificate,
// which a real program loads from its key store or HSM.
func exampleIdentity() (*rsa.PrivateKey, *x509.Certificate) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "Comune di Esempio"},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	cert, _ := x509.ParseCertificate(der)
	return key, cert
}

// exampleReceipts stands for a query of the receipts of March 2025,
// yielded one at a time.
func exampleReceipts() iter.Seq2[*receipt.Receipt, error] {
	return func(yield func(*receipt.Receipt, error) bool) {
		for i, iuv := range []string{"02000000000000184", "02000000000000192"} {
			paid := time.Date(2025, 3, 10+i, 9, 30, 0, 0, time.UTC)
			r := &receipt.Receipt{
				ReceiptID:           fmt.Sprintf("c7e0c0a6%02d", i),
				NoticeNumber:        "3" + iuv,
				FiscalCode:          "80012345678",
				CreditorReferenceID: iuv,
				PaymentAmountCents:  int64(1000 * (i + 1)),
				Outcome:             "OK",
				Description:         "TARI 2025; acconto",
				PaymentDateTime:     &paid,
				Raw:                 []byte("<paSendRTReq>…</paSendRTReq>"),
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

func ExampleBuild() {
	key, cert := exampleIdentity()
	var pkg bytes.Buffer
	summary, err := archive.Build(&pkg, exampleReceipts(), archive.Options{
		FiscalCode:  "80012345678",
		From:        receipt.Date{Year: 2025, Month: time.March, Day: 1},
		To:          receipt.Date{Year: 2025, Month: time.March, Day: 31},
		Created:     time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC),
		Signer:      key,
		Certificate: cert,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d receipts, %d cents, %d files:\n", summary.Receipts, summary.TotalAmountCents, summary.Files)
	zr, _ := zip.NewReader(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()))
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// 2 receipts, 3000 cents, 6 files:
	// receipts/00000001-02000000000000184-c7e0c0a600.xml
	// receipts/00000002-02000000000000192-c7e0c0a601.xml
	// index.csv
	// index.jsonl
	// manifest.sha256
	// manifest.xml
}

func ExampleVerify() {
	key, cert := exampleIdentity()
	var pkg bytes.Buffer
	_, err := archive.Build(&pkg, exampleReceipts(), archive.Options{
		FiscalCode:  "80012345678",
		From:        receipt.Date{Year: 2025, Month: time.March, Day: 1},
		To:          receipt.Date{Year: 2025, Month: time.March, Day: 31},
		Created:     time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC),
		Signer:      key,
		Certificate: cert,
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	report, err := archive.Verify(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()), cert)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(report.OK(), report.FiscalCode, report.From, report.To, report.ReceiptCount)

	// Verified against another certificate, the same package is refused.
	_, other := exampleIdentity()
	report, _ = archive.Verify(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()), other)
	for _, p := range report.Problems {
		fmt.Println(p.Kind, p.File)
	}
	// Output:
	// true 80012345678 2025-03-01 2025-03-31 2
	// untrusted-signer manifest.xml
}
