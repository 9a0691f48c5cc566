package archive_test

import (
	"archive/zip"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
)

func sum(b []byte) string { return fmt.Sprintf("%x", sha256.Sum256(b)) }

// handMade returns two receipts whose index rows are written out by hand
// in TestBuildLayout.
func handMade() (*receipt.Receipt, *receipt.Receipt) {
	paid := time.Date(2025, 3, 10, 9, 30, 0, 0, time.FixedZone("", 3600))
	r1 := &receipt.Receipt{
		ReceiptID:           "ric-1",
		NoticeNumber:        "302000000000000184",
		FiscalCode:          enteCF,
		CreditorReferenceID: "02000000000000184",
		PaymentAmountCents:  15050,
		Outcome:             "OK",
		Description:         `TARI; rata "unica", 2025`,
		PSPID:               "ABI03069",
		PSPCompanyName:      "Intesa Sanpaolo",
		Debtor:              &receipt.Subject{EntityType: "F", EntityID: "RSSMRA80A01H501U"},
		PaymentDateTime:     &paid,
		ApplicationDate:     &receipt.Date{Year: 2025, Month: time.March, Day: 10},
		Raw:                 []byte("<r1/>"),
	}
	r2 := &receipt.Receipt{
		ReceiptID:           "ric/2",
		FiscalCode:          enteCF,
		CreditorReferenceID: "RF23 567",
		PaymentAmountCents:  100,
		Outcome:             "KO",
		Description:         `=HYPERLINK("http://x")`,
		ApplicationDate:     &receipt.Date{Year: 2025, Month: time.March, Day: 31},
		Raw:                 []byte("<r2/>"),
		RPT:                 []byte("<rpt2/>"),
	}
	return r1, r2
}

func TestBuildLayout(t *testing.T) {
	r1, r2 := handMade()
	var buf bytes.Buffer
	got, err := archive.Build(&buf, seq(r1, r2), options(t))
	if err != nil {
		t.Fatal(err)
	}

	const (
		name1   = "receipts/00000001-02000000000000184-ric-1.xml"
		name2   = "receipts/00000002-RF23_567-ric_2.xml"
		name2rp = "receipts/00000002-RF23_567-ric_2.rpt.xml"
	)
	wantCSV := "file,receipt_id,notice_number,fiscal_code,creditor_reference_id,payment_amount_cents,outcome,payment_date_time,application_date,psp_id,psp_company_name,debtor_fiscal_code,description,sha256,rpt_file,rpt_sha256\r\n" +
		name1 + ",ric-1,302000000000000184,80012345678,02000000000000184,15050,OK,2025-03-10T09:30:00+01:00,2025-03-10,ABI03069,Intesa Sanpaolo,RSSMRA80A01H501U,\"TARI; rata \"\"unica\"\", 2025\"," + sum(r1.Raw) + ",,\r\n" +
		name2 + ",ric/2,,80012345678,RF23 567,100,KO,,2025-03-31,,,,\"'=HYPERLINK(\"\"http://x\"\")\"," + sum(r2.Raw) + "," + name2rp + "," + sum(r2.RPT) + "\r\n"
	wantJSONL := `{"file":"` + name1 + `","receipt_id":"ric-1","notice_number":"302000000000000184","fiscal_code":"80012345678","creditor_reference_id":"02000000000000184","payment_amount_cents":15050,"outcome":"OK","payment_date_time":"2025-03-10T09:30:00+01:00","application_date":"2025-03-10","psp_id":"ABI03069","psp_company_name":"Intesa Sanpaolo","debtor_fiscal_code":"RSSMRA80A01H501U","description":"TARI; rata \"unica\", 2025","sha256":"` + sum(r1.Raw) + `","rpt_file":"","rpt_sha256":""}` + "\n" +
		`{"file":"` + name2 + `","receipt_id":"ric/2","notice_number":"","fiscal_code":"80012345678","creditor_reference_id":"RF23 567","payment_amount_cents":100,"outcome":"KO","payment_date_time":"","application_date":"2025-03-31","psp_id":"","psp_company_name":"","debtor_fiscal_code":"","description":"=HYPERLINK(\"http://x\")","sha256":"` + sum(r2.Raw) + `","rpt_file":"` + name2rp + `","rpt_sha256":"` + sum(r2.RPT) + `"}` + "\n"
	wantManifest := sum([]byte(wantCSV)) + "  index.csv\n" +
		sum([]byte(wantJSONL)) + "  index.jsonl\n" +
		sum(r1.Raw) + "  " + name1 + "\n" +
		sum(r2.RPT) + "  " + name2rp + "\n" +
		sum(r2.Raw) + "  " + name2 + "\n"

	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(created) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, created)
		}
		if f.Method != zip.Deflate {
			t.Errorf("%s method %d, want deflate", f.Name, f.Method)
		}
	}
	wantNames := []string{name1, name2, name2rp, "index.csv", "index.jsonl", "manifest.sha256", "manifest.xml"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	entries := unpack(t, buf.Bytes())
	for _, c := range []struct{ name, want string }{
		{name1, "<r1/>"}, {name2, "<r2/>"}, {name2rp, "<rpt2/>"},
		{"index.csv", wantCSV}, {"index.jsonl", wantJSONL}, {"manifest.sha256", wantManifest},
	} {
		if diff := cmp.Diff(c.want, string(file(t, entries, c.name))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}

	wantSummary := &archive.Summary{
		Receipts: 2, RPTs: 1, Files: 7, TotalAmountCents: 15150,
		Created: created, ManifestSHA256: sum([]byte(wantManifest)),
	}
	if diff := cmp.Diff(wantSummary, got); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}

	rep := verify(t, buf.Bytes())
	wantReport := &archive.Report{
		Signed: true, FiscalCode: enteCF, From: march2025.from, To: march2025.to,
		Created: created, ReceiptCount: 2, TotalAmountCents: 15150, Files: 7,
	}
	if diff := cmp.Diff(wantReport, rep); diff != "" {
		t.Errorf("Report (-want +got):\n%s", diff)
	}
}

func TestBuildManifestXML(t *testing.T) {
	r1, r2 := handMade()
	xml := string(file(t, unpack(t, build(t, options(t), r1, r2)), "manifest.xml"))
	for _, want := range []string{
		`<PackageManifest xmlns="https://pagokit.dev/ns/archive/v1" Version="1">`,
		`<FiscalCode>80012345678</FiscalCode>`,
		`<PeriodFrom>2025-03-01</PeriodFrom>`,
		`<PeriodTo>2025-03-31</PeriodTo>`,
		`<CreatedAt>2025-04-01T08:30:00Z</CreatedAt>`,
		`<ReceiptCount>2</ReceiptCount>`,
		`<TotalAmountCents>15150</TotalAmountCents>`,
		`<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>`,
		`<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>`,
		`<ds:Reference URI="">`,
		`<ds:X509Certificate>`,
	} {
		if !bytes.Contains([]byte(xml), []byte(want)) {
			t.Errorf("manifest.xml lacks %s:\n%s", want, xml)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	var rs []*receipt.Receipt
	for i := 1; i <= 50; i++ {
		r := synthetic(i, 3000)
		if i%3 == 0 {
			r.RPT = []byte(fmt.Sprintf("<RPT n=%q/>", i))
		}
		rs = append(rs, r)
	}
	opts := options(t)
	a := build(t, opts, rs...)
	b := build(t, opts, rs...)
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds of the same receipts differ (%d and %d bytes)", len(a), len(b))
	}
	opts.Created = opts.Created.Add(2 * time.Second)
	if c := build(t, opts, rs...); bytes.Equal(a, c) {
		t.Error("a build with another creation time is identical")
	}
	// The receipts in another order give another package.
	rs[0], rs[1] = rs[1], rs[0]
	if d := build(t, options(t), rs...); bytes.Equal(a, d) {
		t.Error("a build of the receipts in another order is identical")
	}
}

func TestBuildCreatedDefaultsToNow(t *testing.T) {
	opts := options(t)
	opts.Created = time.Time{}
	before := time.Now().Truncate(time.Second)
	var buf bytes.Buffer
	s, err := archive.Build(&buf, seq(synthetic(1, 500)), opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Created.Before(before) || s.Created.After(time.Now()) || s.Created.Location() != time.UTC || s.Created.Nanosecond() != 0 {
		t.Errorf("Created = %v, want now in UTC to the second", s.Created)
	}
}

func TestCSVInjection(t *testing.T) {
	cases := []struct{ description, cell string }{
		{"=1+1", `'=1+1`},
		{"+39 333", `'+39 333`},
		{"-5", `'-5`},
		{"@SUM(A1)", `'@SUM(A1)`},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
		{"a;b", "a;b"},
		{"line\nbreak", "\"line\nbreak\""},
		{"crlf\r\nkept", "\"crlf\r\nkept\""},
		{" leading space", "\" leading space\""},
		{"", ""},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%q", c.description), func(t *testing.T) {
			r := synthetic(i+1, 300)
			r.Description = c.description
			entries := unpack(t, build(t, options(t), r))
			csv := string(file(t, entries, "index.csv"))
			// The description is the 13th field; everything after it in
			// the row is the hash and two empty RPT fields.
			want := ",RSSMRA80A01H501U," + c.cell + "," + sum(r.Raw) + ",,\r\n"
			if !bytes.HasSuffix([]byte(csv), []byte(want)) {
				t.Errorf("index.csv ends %q, want …%q", csv[max(0, len(csv)-len(want)-20):], want)
			}
			if rep := verify(t, build(t, options(t), r)); !rep.OK() {
				t.Errorf("problems: %v", rep.Problems)
			}
		})
	}
}

func TestBuildSafeNames(t *testing.T) {
	r := synthetic(1, 300)
	r.CreditorReferenceID = "../../etc/passwd"
	r.ReceiptID = `a\b:c é/..`
	long := synthetic(2, 300)
	long.CreditorReferenceID = string(bytes.Repeat([]byte("x"), 100))
	entries := unpack(t, build(t, options(t), r, long))
	want := []string{
		"receipts/00000001-.._.._etc_passwd-a_b_c___...xml",
		"receipts/00000002-" + string(bytes.Repeat([]byte("x"), 64)) + "-rcpt-00000002.xml",
	}
	for i, w := range want {
		if entries[i].name != w {
			t.Errorf("entry %d = %q, want %q", i, entries[i].name, w)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	pkg := build(t, options(t))
	entries := unpack(t, pkg)
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4", len(entries))
	}
	rep := verify(t, pkg)
	if !rep.OK() || rep.ReceiptCount != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestPeriodErrors(t *testing.T) {
	d := func(y int, m time.Month, day int) receipt.Date { return receipt.Date{Year: y, Month: m, Day: day} }
	cases := []struct {
		name     string
		from, to receipt.Date
		want     error
	}{
		{"reversed", d(2025, 3, 31), d(2025, 3, 1), archive.ErrPeriodReversed},
		{"reversed across years", d(2025, 1, 1), d(2024, 12, 31), archive.ErrPeriodReversed},
		{"two months", d(2025, 1, 31), d(2025, 2, 1), archive.ErrPeriodTooLong},
		{"same month, other year", d(2024, 3, 1), d(2025, 3, 31), archive.ErrPeriodTooLong},
		{"30 February", d(2025, 2, 1), d(2025, 2, 30), archive.ErrInvalidDate},
		{"29 February 2025", d(2025, 2, 29), d(2025, 2, 29), archive.ErrInvalidDate},
		{"zero date", receipt.Date{}, d(2025, 3, 1), archive.ErrInvalidDate},
		{"month 13", d(2025, 13, 1), d(2025, 13, 2), archive.ErrInvalidDate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := options(t)
			opts.From, opts.To = c.from, c.to
			_, err := archive.Build(&bytes.Buffer{}, seq(), opts)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			var pe *archive.PeriodError
			if !errors.As(err, &pe) || pe.From != c.from || pe.To != c.to {
				t.Errorf("err = %#v, want a *PeriodError with the period", err)
			}
		})
	}
	// A single day and a leap day are periods.
	for _, p := range [][2]receipt.Date{{d(2025, 3, 15), d(2025, 3, 15)}, {d(2024, 2, 29), d(2024, 2, 29)}} {
		opts := options(t)
		opts.From, opts.To = p[0], p[1]
		if _, err := archive.Build(&bytes.Buffer{}, seq(), opts); err != nil {
			t.Errorf("period %s–%s: %v", p[0], p[1], err)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	other, _ := newIdentity(t, "other")
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		edit   func(*archive.Options)
		option string
		want   error
	}{
		{"no fiscal code", func(o *archive.Options) { o.FiscalCode = "" }, "FiscalCode", archive.ErrInvalidFiscalCode},
		{"fiscal code with a letter", func(o *archive.Options) { o.FiscalCode = "8001234567X" }, "FiscalCode", archive.ErrInvalidFiscalCode},
		{"no signer", func(o *archive.Options) { o.Signer = nil }, "Signer", archive.ErrMissingOption},
		{"no certificate", func(o *archive.Options) { o.Certificate = nil }, "Certificate", archive.ErrMissingOption},
		{"key of another certificate", func(o *archive.Options) { o.Signer = other }, "Signer", archive.ErrKeyMismatch},
		{"ECDSA key", func(o *archive.Options) { o.Signer = ec }, "Signer", archive.ErrUnsupportedKey},
		{"created before the certificate", func(o *archive.Options) { o.Created = o.Certificate.NotBefore.Add(-time.Hour) }, "Certificate", archive.ErrCertificateValidity},
		{"created after the certificate", func(o *archive.Options) { o.Created = o.Certificate.NotAfter.Add(time.Hour) }, "Certificate", archive.ErrCertificateValidity},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := options(t)
			c.edit(&opts)
			var buf bytes.Buffer
			_, err := archive.Build(&buf, seq(synthetic(1, 300)), opts)
			var oe *archive.OptionError
			if !errors.Is(err, c.want) || !errors.As(err, &oe) || oe.Option != c.option {
				t.Fatalf("err = %v, want %v on Options.%s", err, c.want, c.option)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the options were checked", buf.Len())
			}
		})
	}
}

func TestReceiptRefused(t *testing.T) {
	at := func(s string) *time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &tm
	}
	other := synthetic(2, 300)
	other.FiscalCode = "00000000000"
	// 22:30 UTC on 31 March 2025 is 00:30 on 1 April in Italy (CEST).
	late := synthetic(2, 300)
	late.PaymentDateTime = at("2025-03-31T22:30:00Z")
	// 23:30 UTC on 28 February 2025 is 00:30 on 1 March in Italy (CET).
	early := synthetic(2, 300)
	early.PaymentDateTime = at("2025-02-28T22:59:59Z")
	applied := synthetic(2, 300)
	applied.PaymentDateTime = nil
	applied.ApplicationDate = &receipt.Date{Year: 2025, Month: time.April, Day: 1}
	undated := synthetic(2, 300)
	undated.PaymentDateTime = nil
	noID := synthetic(2, 300)
	noID.ReceiptID = ""
	noRaw := synthetic(2, 300)
	noRaw.Raw = nil
	dup := synthetic(2, 300)
	dup.ReceiptID = "rcpt-00000001"
	huge := synthetic(2, 300)
	huge.RPT = make([]byte, archive.MaxFileSize+1)
	longRow := synthetic(2, 300)
	longRow.Description = strings.Repeat("x", archive.MaxRowSize)
	rich := synthetic(2, 300)
	rich.PaymentAmountCents = math.MaxInt64

	cases := []struct {
		name  string
		r     *receipt.Receipt
		want  error
		id    string
		field string
	}{
		{"another ente", other, archive.ErrOtherEnte, "rcpt-00000002", "FiscalCode"},
		{"after the period in Italian time", late, archive.ErrOutsidePeriod, "rcpt-00000002", "PaymentDateTime"},
		{"before the period in Italian time", early, archive.ErrOutsidePeriod, "rcpt-00000002", "PaymentDateTime"},
		{"application date after the period", applied, archive.ErrOutsidePeriod, "rcpt-00000002", "ApplicationDate"},
		{"no date", undated, archive.ErrNoDate, "rcpt-00000002", "PaymentDateTime"},
		{"no receipt id", noID, archive.ErrMissingField, "", "ReceiptID"},
		{"no raw bytes", noRaw, archive.ErrMissingField, "rcpt-00000002", "Raw"},
		{"duplicate receipt id", dup, archive.ErrDuplicateReceipt, "rcpt-00000001", "ReceiptID"},
		{"RPT too large", huge, archive.ErrReceiptTooLarge, "rcpt-00000002", "RPT"},
		{"index row too large", longRow, archive.ErrReceiptTooLarge, "rcpt-00000002", ""},
		{"total overflows", rich, archive.ErrTotalOverflow, "rcpt-00000002", "PaymentAmountCents"},
		{"nil", nil, archive.ErrNilReceipt, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := archive.Build(&bytes.Buffer{}, seq(synthetic(1, 300), c.r, synthetic(3, 300)), options(t))
			var re *archive.ReceiptError
			if !errors.Is(err, c.want) || !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *ReceiptError for %v", err, c.want)
			}
			want := archive.ReceiptError{Index: 1, ReceiptID: c.id, Field: c.field, Err: c.want}
			if diff := cmp.Diff(want, *re, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("ReceiptError (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIteratorError(t *testing.T) {
	boom := errors.New("database gone")
	var yielded int
	it := func(yield func(*receipt.Receipt, error) bool) {
		for i := 1; i <= 5; i++ {
			yielded++
			var err error
			if i == 3 {
				err = boom
			}
			if !yield(synthetic(i, 300), err) {
				return
			}
		}
	}
	_, err := archive.Build(&bytes.Buffer{}, iter.Seq2[*receipt.Receipt, error](it), options(t))
	var re *archive.ReceiptError
	if !errors.Is(err, boom) || !errors.As(err, &re) || re.Index != 2 || re.Field != "" {
		t.Fatalf("err = %#v, want the iterator's error at index 2", err)
	}
	if yielded != 3 {
		t.Errorf("the iterator yielded %d receipts, want 3 (Build stops at the error)", yielded)
	}
}

func TestSkipOthers(t *testing.T) {
	other := synthetic(2, 300)
	other.FiscalCode = "00000000000"
	late := synthetic(3, 300)
	late.PaymentDateTime = &time.Time{}
	*late.PaymentDateTime = time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)
	undated := synthetic(4, 300)
	undated.PaymentDateTime = nil

	opts := options(t)
	opts.SkipOthers = true
	var buf bytes.Buffer
	s, err := archive.Build(&buf, seq(synthetic(1, 300), other, late, synthetic(5, 300)), opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Receipts != 2 || s.Skipped != 2 {
		t.Errorf("Receipts %d, Skipped %d; want 2 and 2", s.Receipts, s.Skipped)
	}
	entries := unpack(t, buf.Bytes())
	want := []string{
		"receipts/00000001-00000000000000001-rcpt-00000001.xml",
		"receipts/00000002-00000000000000005-rcpt-00000005.xml",
	}
	if diff := cmp.Diff(want, []string{entries[0].name, entries[1].name}); diff != "" {
		t.Errorf("receipts (-want +got):\n%s", diff)
	}
	if rep := verify(t, buf.Bytes()); !rep.OK() {
		t.Errorf("problems: %v", rep.Problems)
	}
	// A receipt without a date cannot be placed: never skipped.
	if _, err := archive.Build(&bytes.Buffer{}, seq(undated), opts); !errors.Is(err, archive.ErrNoDate) {
		t.Errorf("undated receipt: err = %v, want ErrNoDate", err)
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestBuildWriteError(t *testing.T) {
	var rs []*receipt.Receipt
	for i := 1; i <= 100; i++ {
		rs = append(rs, synthetic(i, 3000))
	}
	opts := options(t)
	opts.TempDir = t.TempDir()
	_, err := archive.Build(&failingWriter{n: 8 << 10}, seq(rs...), opts)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	assertEmpty(t, opts.TempDir)
}

// TestBuildTempFiles: the temporary files are gone when Build returns,
// and the central directory of a large package went through one.
func TestBuildTempFiles(t *testing.T) {
	opts := options(t)
	opts.TempDir = t.TempDir()
	var rs []*receipt.Receipt
	for i := 1; i <= 3000; i++ {
		rs = append(rs, synthetic(i, 200))
	}
	pkg := build(t, opts, rs...)
	assertEmpty(t, opts.TempDir)
	if rep := verify(t, pkg); !rep.OK() || rep.ReceiptCount != 3000 {
		t.Errorf("report: %d receipts, %v", rep.ReceiptCount, rep.Problems)
	}
	// A refused receipt.
	_, err := archive.Build(&bytes.Buffer{}, seq(synthetic(1, 200), synthetic(1, 200)), opts)
	if !errors.Is(err, archive.ErrDuplicateReceipt) {
		t.Fatalf("err = %v", err)
	}
	assertEmpty(t, opts.TempDir)
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("temporary file left: %s", e.Name())
	}
}
