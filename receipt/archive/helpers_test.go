package archive_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"iter"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
)

const enteCF = "80012345678"

// newIdentity returns an RSA key and a self-signed certificate for it,
// valid from 2020 to 2040.
func newIdentity(t testing.TB, cn string) (*rsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return key, selfSign(t, key, cn, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC))
}

func selfSign(t testing.TB, key *rsa.PrivateKey, cn string, notBefore, notAfter time.Time) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Comune di Esempio"}},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

var (
	enteOnce sync.Once
	enteKey  *rsa.PrivateKey
	enteCert *x509.Certificate
)

// ente returns the test ente's key and certificate, made once.
func ente(t testing.TB) (*rsa.PrivateKey, *x509.Certificate) {
	enteOnce.Do(func() { enteKey, enteCert = newIdentity(t, "Comune di Esempio - conservazione") })
	return enteKey, enteCert
}

var march2025 = struct{ from, to receipt.Date }{
	receipt.Date{Year: 2025, Month: time.March, Day: 1},
	receipt.Date{Year: 2025, Month: time.March, Day: 31},
}

var created = time.Date(2025, 4, 1, 8, 30, 0, 0, time.UTC)

func options(t testing.TB) archive.Options {
	key, cert := ente(t)
	return archive.Options{
		FiscalCode:  enteCF,
		From:        march2025.from,
		To:          march2025.to,
		Created:     created,
		Signer:      key,
		Certificate: cert,
	}
}

// synthetic returns the n-th synthetic receipt of March 2025 (n from 1),
// with about size bytes of raw XML.
func synthetic(n int, size int) *receipt.Receipt {
	paid := time.Date(2025, 3, 1+n%28, 10, 15, 0, 0, time.UTC)
	iuv := fmt.Sprintf("%017d", n)
	id := fmt.Sprintf("rcpt-%08d", n)
	var raw bytes.Buffer
	fmt.Fprintf(&raw, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<receipt><receiptId>%s</receiptId><noticeNumber>3%s</noticeNumber><fiscalCode>%s</fiscalCode>`+
		`<outcome>OK</outcome><creditorReferenceId>%s</creditorReferenceId><paymentAmount>%d.%02d</paymentAmount>`+
		`<description>TARI 2025 rata %d</description><companyName>Comune di Esempio</companyName>`, id, iuv, enteCF, iuv, n%500, n%100, n)
	for i := 0; raw.Len() < size-60; i++ {
		fmt.Fprintf(&raw, `<metadata><mapEntry><key>k%d</key><value>%x</value></mapEntry></metadata>`, i, n*7919+i)
	}
	fmt.Fprintf(&raw, `<paymentDateTime>%s</paymentDateTime></receipt>`, paid.Format("2006-01-02T15:04:05"))
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV1,
		ReceiptID:           id,
		NoticeNumber:        "3" + iuv,
		FiscalCode:          enteCF,
		CreditorReferenceID: iuv,
		PaymentAmountCents:  int64(n%500)*100 + int64(n%100),
		Outcome:             "OK",
		Description:         fmt.Sprintf("TARI 2025 rata %d", n),
		PSPID:               "ABI03069",
		PSPCompanyName:      "Intesa Sanpaolo",
		Debtor:              &receipt.Subject{EntityType: "F", EntityID: "RSSMRA80A01H501U", FullName: "Mario Rossi"},
		PaymentDateTime:     &paid,
		Raw:                 raw.Bytes(),
	}
}

// seq yields the receipts.
func seq(rs ...*receipt.Receipt) iter.Seq2[*receipt.Receipt, error] {
	return func(yield func(*receipt.Receipt, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// build builds a package or fails the test.
func build(t testing.TB, opts archive.Options, rs ...*receipt.Receipt) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := archive.Build(&buf, seq(rs...), opts); err != nil {
		t.Fatalf("Build: %v", err)
	}
	return buf.Bytes()
}

// entry is a file of a ZIP, for the tests that rewrite packages.
type entry struct {
	name string
	data []byte
}

func unpack(t testing.TB, pkg []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{f.Name, data})
	}
	return out
}

func repack(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func file(t testing.TB, entries []entry, name string) []byte {
	t.Helper()
	for _, e := range entries {
		if e.name == name {
			return e.data
		}
	}
	t.Fatalf("no %s in the package", name)
	return nil
}

func verify(t testing.TB, pkg []byte) *archive.Report {
	t.Helper()
	_, cert := ente(t)
	rep, err := archive.Verify(bytes.NewReader(pkg), int64(len(pkg)), cert)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return rep
}

func newFlate(w io.Writer) io.WriteCloser {
	fw, _ := flate.NewWriter(w, flate.BestCompression)
	return fw
}
