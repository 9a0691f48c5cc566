package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"
)

// bareReceipt is a ctReceipt (V1) of ente org, paid at paid (Italian
// time, as the Nodo writes it).
func bareReceipt(id, org, iuv, amount, paid string) string {
	return `<receipt>
  <receiptId>` + id + `</receiptId>
  <noticeNumber>3` + iuv + `</noticeNumber>
  <fiscalCode>` + org + `</fiscalCode>
  <outcome>OK</outcome>
  <creditorReferenceId>` + iuv + `</creditorReferenceId>
  <paymentAmount>` + amount + `</paymentAmount>
  <description>TARI 2025; rata unica</description>
  <companyName>Comune di Esempio</companyName>
  <debtor><uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType>
    <entityUniqueIdentifierValue>RSSMRA80A01H501U</entityUniqueIdentifierValue></uniqueIdentifier>
    <fullName>Mario Rossi</fullName></debtor>
  <transferList><transfer><idTransfer>1</idTransfer><transferAmount>` + amount + `</transferAmount>
    <fiscalCodePA>` + org + `</fiscalCodePA><IBAN>IT60X0542811101000000123456</IBAN>
    <remittanceInformation>TARI 2025</remittanceInformation><transferCategory>0101101IM</transferCategory></transfer></transferList>
  <idPSP>BCITITMM</idPSP><PSPCompanyName>Banca Esempio S.p.A.</PSPCompanyName>
  <idChannel>88888888888_01</idChannel><channelDescription>app</channelDescription>
  <paymentDateTime>` + paid + `</paymentDateTime>
  <applicationDate>` + paid[:10] + `</applicationDate>
</receipt>`
}

func TestReceiptParseCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.xml")
	writeTestFile(t, path, `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><soapenv:Body><pafn:paSendRTReq>
  <idPA>01234567890</idPA><idBrokerPA>15376371009</idBrokerPA><idStation>15376371009_01</idStation>`+
		bareReceipt("R1", "01234567890", "02000000000000184", "136.50", "2025-03-14T10:15:42")+
		`</pafn:paSendRTReq></soapenv:Body></soapenv:Envelope>`)
	code, out, errOut := pagokit("receipt", "parse", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var got struct {
		Format              string `json:"format"`
		ReceiptID           string `json:"receipt_id"`
		NoticeNumber        string `json:"notice_number"`
		FiscalCode          string `json:"fiscal_code"`
		CreditorReferenceID string `json:"creditor_reference_id"`
		Amount              int64  `json:"payment_amount_cents"`
		Outcome             string `json:"outcome"`
		Description         string `json:"description"`
		CompanyName         string `json:"company_name"`
		Debtor              struct {
			EntityID string `json:"entity_id"`
		} `json:"debtor"`
		Payer           *struct{} `json:"payer"`
		PSPID           string    `json:"psp_id"`
		PSPCompanyName  string    `json:"psp_company_name"`
		PaymentDateTime string    `json:"payment_date_time"`
		ApplicationDate string    `json:"application_date"`
		TransferDate    *string   `json:"transfer_date"`
		StandIn         bool      `json:"standin"`
		Transfers       []struct {
			ID       int    `json:"id_transfer"`
			Amount   int64  `json:"amount_cents"`
			CF       string `json:"fiscal_code"`
			IBAN     string `json:"iban"`
			HasStamp bool   `json:"has_stamp"`
		} `json:"transfers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// 2025-03-14 is in winter time: Italy is UTC+1.
	want := `{paSendRT R1 302000000000000184 01234567890 02000000000000184 13650 OK TARI 2025; rata unica Comune di Esempio {RSSMRA80A01H501U} <nil> BCITITMM Banca Esempio S.p.A. 2025-03-14T10:15:42+01:00 2025-03-14 <nil> false [{1 13650 01234567890 IT60X0542811101000000123456 false}]}`
	if s := fmt.Sprintf("%v", got); s != want {
		t.Errorf("receipt parse --json:\n got %s\nwant %s", s, want)
	}
	if code, _, errOut := pagokit("receipt", "parse", filepath.Join(dir, "missing.xml")); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	writeTestFile(t, path, `<receipt><receiptId>R1</receiptId></receipt>`)
	if code, _, errOut := pagokit("receipt", "parse", path); code != 1 || !strings.Contains(errOut, "receipt/") {
		t.Errorf("incomplete receipt: exit %d %q; want 1 and the element path", code, errOut)
	}
}

func TestReceiptPDFCommand(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "r.xml"), filepath.Join(dir, "ricevuta.pdf")
	writeTestFile(t, in, bareReceipt("R1", "01234567890", "02000000000000184", "136.50", "2025-03-14T10:15:42"))
	if code, _, errOut := pagokit("receipt", "pdf", "--in", in, "--out", out, "--lang", "en"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		t.Fatalf("no PDF written: %v", err)
	}
	bad := filepath.Join(dir, "bad.pdf")
	if code, _, _ := pagokit("receipt", "pdf", "--in", in, "--out", bad, "--lang", "fr"); code != 2 {
		t.Errorf("--lang fr: exit %d, want 2", code)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a failed command left %s", bad)
	}
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	text, err := exec.Command(pdftotext, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"02000000000000184", "€136.50", "R1", "Banca Esempio S.p.A.", "2025-03-14 10:15:42", "01234567890"} {
		if !bytes.Contains(text, []byte(s)) {
			t.Errorf("the PDF's text lacks %q:\n%s", s, text)
		}
	}
}

// enteKey writes a key and a self-signed certificate for an ente.
func enteKey(t *testing.T, dir, name string) (keyPath, certPath string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	keyPath, certPath = filepath.Join(dir, name+".key"), filepath.Join(dir, name+".pem")
	writeTestFile(t, keyPath, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})))
	writeTestFile(t, certPath, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	return keyPath, certPath
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestReceiptArchiveCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, xml := range map[string]string{
		"a.xml":        bareReceipt("R-A", "01234567890", "02000000000000184", "136.50", "2025-03-01T00:30:00"),
		"b.xml":        bareReceipt("R-B", "01234567890", "02000000000000285", "20.00", "2025-03-31T23:59:59"),
		"other.xml":    bareReceipt("R-O", "99999999999", "02000000000000386", "5.00", "2025-03-10T12:00:00"),
		"february.xml": bareReceipt("R-F", "01234567890", "02000000000000487", "7.00", "2025-02-28T23:59:59"),
		"notes.txt":    "not a receipt",
	} {
		writeTestFile(t, filepath.Join(in, name), xml)
	}
	key, cert := enteKey(t, dir, "ente")
	_, otherCert := enteKey(t, dir, "other")
	pkg := filepath.Join(dir, "pkg.zip")
	build := func(out string) (int, string, string) {
		return pagokit("receipt", "archive", "--in", in, "--pa", "01234567890", "--from", "2025-03-01", "--to", "2025-03-31",
			"--key", key, "--cert", cert, "--out", out, "--created", "2025-04-01T08:00:00Z")
	}
	code, out, errOut := build(pkg)
	if code != 0 {
		t.Fatalf("archive: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "2 receipts") || !strings.Contains(out, "156.50 EUR") || !strings.Contains(out, "2 receipts of other enti or days left out") {
		t.Errorf("archive summary: %s", out)
	}
	code, out, errOut = pagokit("receipt", "archive", "verify", "--cert", cert, pkg)
	if code != 0 || !strings.Contains(out, "OK") || !strings.Contains(out, "2 receipts") {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errOut)
	}

	// The same receipts and creation time give the same bytes.
	again := filepath.Join(dir, "again.zip")
	if code, _, errOut := build(again); code != 0 {
		t.Fatalf("archive again: %s", errOut)
	}
	b1, _ := os.ReadFile(pkg)
	b2, _ := os.ReadFile(again)
	if !bytes.Equal(b1, b2) {
		t.Error("two builds of the same package differ")
	}

	// Another ente's certificate, and a flipped byte, are caught.
	if code, out, _ := pagokit("receipt", "archive", "verify", "--cert", otherCert, pkg); code != 1 || !strings.Contains(out, "signature") && !strings.Contains(out, "signer") {
		t.Errorf("verify with another certificate: exit %d\n%s", code, out)
	}
	tampered := filepath.Join(dir, "tampered.zip")
	b := bytes.Clone(b1)
	i := bytes.Index(b, []byte("receipts/"))
	b[i+200] ^= 0x01 // inside the first receipt's compressed bytes
	writeTestFile(t, tampered, string(b))
	if code, out, errOut := pagokit("receipt", "archive", "verify", "--cert", cert, tampered); code != 1 || out == "" {
		t.Errorf("verify of a tampered package: exit %d\n%s%s", code, out, errOut)
	}

	// A month and a half is refused; nothing is written.
	bad := filepath.Join(dir, "bad.zip")
	if code, _, errOut := pagokit("receipt", "archive", "--in", in, "--pa", "01234567890", "--from", "2025-03-01", "--to", "2025-04-15",
		"--key", key, "--cert", cert, "--out", bad); code != 1 || !strings.Contains(errOut, "month") {
		t.Errorf("a period over a month: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Error("a refused package left a file")
	}
}

func TestReceiptArchiveFromStore(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "ec.db")
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(dbPath))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlstore.New(db, sqlstore.SQLite)
	if err == nil {
		err = s.Migrate(t.Context())
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct{ id, paid string }{{"R-1", "2025-03-02T09:00:00"}, {"R-2", "2025-03-31T23:30:00"}, {"R-3", "2025-04-01T00:30:00"}} {
		raw := bareReceipt(r.id, "01234567890", "02000000000000184", "10.00", r.paid)
		paid, _ := time.Parse("2006-01-02T15:04:05", r.paid)
		if _, err := s.SaveReceipt(t.Context(), &pagopa.Receipt{Version: 1, ReceiptID: r.id, Organization: "01234567890",
			IUV: "02000000000000184", NoticeNumber: "302000000000000184", Outcome: "OK", Amount: 1000,
			PaymentDateTime: paid, Raw: []byte(raw)}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	key, cert := enteKey(t, dir, "ente")
	pkg := filepath.Join(dir, "pkg.zip")
	code, out, errOut := pagokit("receipt", "archive", "--in", "sqlite:"+dbPath, "--pa", "01234567890", "--from", "2025-03-01",
		"--to", "2025-03-31", "--key", key, "--cert", cert, "--out", pkg)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	// R-3 is paid on 1 April (Italian time): out of March.
	if got, want := strings.SplitN(out, ",", 2)[0], pkg+": 2 receipts (0 RPTs)"; !cmp.Equal(got, want) {
		t.Errorf("summary %q, want %q", got, want)
	}
	if code, out, _ := pagokit("receipt", "archive", "verify", "--cert", cert, pkg); code != 0 {
		t.Errorf("verify: exit %d\n%s", code, out)
	}
}

// TestReceiptArchiveRPT archives a legacy RT with its RPT (X.rpt.xml
// next to X.xml).
func TestReceiptArchiveRPT(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for src, dst := range map[string]string{"rt.xml": "2019-07-15.xml", "rpt.xml": "2019-07-15.rpt.xml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "receipt", "testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, filepath.Join(in, dst), string(b))
	}
	key, cert := enteKey(t, dir, "ente")
	pkg := filepath.Join(dir, "pkg.zip")
	code, out, errOut := pagokit("receipt", "archive", "--in", in, "--pa", "80012345678", "--from", "2019-07-01", "--to", "2019-07-31",
		"--key", key, "--cert", cert, "--out", pkg, "--created", "2025-01-01T00:00:00Z")
	if code != 0 || !strings.Contains(out, "1 receipts (1 RPTs)") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := pagokit("receipt", "archive", "verify", "--cert", cert, pkg); code != 0 {
		t.Errorf("verify: %s", out)
	}
	// An RPT of another payment is refused.
	writeTestFile(t, filepath.Join(in, "2019-07-15.rpt.xml"), strings.Replace(mustRead(t, filepath.Join(in, "2019-07-15.rpt.xml")), "RPT-2019-000987", "RPT-OTHER", 1))
	if code, _, errOut := pagokit("receipt", "archive", "--in", in, "--pa", "80012345678", "--from", "2019-07-01", "--to", "2019-07-31",
		"--key", key, "--cert", cert, "--out", filepath.Join(dir, "bad.zip")); code != 1 || !strings.Contains(errOut, "RPT") {
		t.Errorf("a foreign RPT: exit %d %q", code, errOut)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
