package archive_test

import (
	"archive/zip"
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/receipt/archive"
)

// The fuzz seeds are packages signed by a key that was thrown away after
// signing them; testdata/fuzz-cert.pem is its certificate (valid until
// 2100). TestWriteFuzzSeeds writes them anew.

func fuzzCert(t testing.TB) *x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatal("testdata/fuzz-cert.pem: no PEM block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// FuzzVerify verifies arbitrary bytes as a package: the ZIP layer, the
// names and the limits. Like FuzzVerifyFiles it verifies against another
// certificate than the seeds', which skips the costly signature check
// (FuzzManifestXML covers it).
func FuzzVerify(f *testing.F) {
	_, other := newIdentity(f, "other")
	v := &archive.Verifier{MaxEntries: 64, MaxFileSize: 1 << 20, MaxIndexSize: 1 << 20, MaxTotalSize: 8 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := v.Verify(bytes.NewReader(data), int64(len(data)), other)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		if rep.Signed {
			t.Errorf("signed by another certificate, problems %v", rep.Problems)
		}
	})
}

// FuzzVerifyFiles verifies packages whose receipts and manifest.xml are
// those of the clean seed and whose index.csv, index.jsonl and
// manifest.sha256 are the fuzzer's, stored uncompressed so that the
// fuzzer reaches their parsers. The package is verified against another
// certificate, which skips the costly signature check (FuzzManifestXML
// covers it) and leaves every other check to run.
func FuzzVerifyFiles(f *testing.F) {
	_, other := newIdentity(f, "other")
	clean := unpack(f, fuzzPackage(f, nil))
	receipts, manifestXML := clean[:4], file(f, clean, "manifest.xml")
	f.Fuzz(func(t *testing.T, indexCSV, indexJSONL, manifest []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		add := func(name string, data []byte) {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		for _, e := range receipts {
			add(e.name, e.data)
		}
		add("index.csv", indexCSV)
		add("index.jsonl", indexJSONL)
		add("manifest.sha256", manifest)
		add("manifest.xml", manifestXML)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		rep, err := archive.Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len()), other)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		if rep.Signed || len(rep.Problems) == 0 || rep.Problems[0].Kind != archive.ProblemUntrusted {
			t.Errorf("signed by another certificate, problems %v", rep.Problems)
		}
	})
}

// checkReport checks what holds for any report.
func checkReport(t *testing.T, rep *archive.Report) {
	t.Helper()
	if rep.OK() != (rep.Signed && len(rep.Problems) == 0 && rep.Omitted == 0) {
		t.Errorf("OK() = %v for %+v", rep.OK(), rep)
	}
	if rep.Signed && rep.FiscalCode != enteCF {
		// Only the seeds' signed manifest.xml verifies with the
		// certificate, and it is for enteCF.
		t.Errorf("signed report for %q", rep.FiscalCode)
	}
	for _, p := range rep.Problems {
		if p.Kind == "" || p.Detail == "" {
			t.Errorf("problem without kind or detail: %+v", p)
		}
	}
	if len(rep.Problems) > archive.DefaultMaxProblems {
		t.Errorf("%d problems listed", len(rep.Problems))
	}
}

// fuzzPackage reads the clean seed package of FuzzVerify.
func fuzzPackage(t testing.TB, _ []byte) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzVerify", "clean"))
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	if _, err := fmt.Sscanf(string(bytes.TrimPrefix(b, []byte("go test fuzz v1\n"))), "[]byte(%q)", &data); err != nil {
		t.Fatalf("seed clean: %v", err)
	}
	return data
}

// TestFuzzSeeds checks that the clean seed still verifies, so that the
// fuzzers start from a valid package.
func TestFuzzSeeds(t *testing.T) {
	pkg := fuzzPackage(t, nil)
	rep, err := archive.Verify(bytes.NewReader(pkg), int64(len(pkg)), fuzzCert(t))
	if err != nil || !rep.OK() {
		t.Fatalf("clean seed: %v %v", err, rep.Problems)
	}
	if rep.ReceiptCount != 3 {
		t.Errorf("clean seed has %d receipts, want 3", rep.ReceiptCount)
	}
}

// TestWriteFuzzSeeds writes testdata/fuzz-cert.pem and the seeds of the
// fuzz targets, with a new key, when PAGOKIT_ARCHIVE_WRITE_SEEDS=1.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("PAGOKIT_ARCHIVE_WRITE_SEEDS") != "1" {
		t.Skip("set PAGOKIT_ARCHIVE_WRITE_SEEDS=1 to write the fuzz seeds")
	}
	key, _ := newIdentity(t, "fuzz")
	cert := selfSign(t, key, "pagokit archive fuzz seeds", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := os.WriteFile(filepath.Join("testdata", "fuzz-cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := options(t)
	opts.Signer, opts.Certificate = key, cert
	pkg := build(t, opts, baseReceipts()...)
	clean := unpack(t, pkg)

	write := func(target, name string, values ...[]byte) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.WriteString("go test fuzz v1\n")
		for _, v := range values {
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("FuzzVerify", "clean", pkg)
	write("FuzzVerify", "traversal", repack(t, append(clean, entry{"../../etc/passwd", []byte("x")})))
	write("FuzzVerify", "duplicate", repack(t, append(clean, entry{r1, []byte("<forged/>")})))
	files := func(entries []entry) [][]byte {
		return [][]byte{file(t, entries, "index.csv"), file(t, entries, "index.jsonl"), file(t, entries, "manifest.sha256")}
	}
	write("FuzzVerifyFiles", "clean", files(clean)...)
	write("FuzzVerifyFiles", "row-changed", files(edit(clean, "index.csv", replace("TARI 2025 rata 1", "=TARI 2025 rata 9")))...)
	write("FuzzVerifyFiles", "empty", nil, nil, nil)
	xml := file(t, clean, "manifest.xml")
	write("FuzzManifestXML", "clean", xml)
	write("FuzzManifestXML", "wrapped-object", wrap(t, xml, strings.Repeat("0", 64), true))
	write("FuzzManifestXML", "wrapped-nested", wrap(t, xml, strings.Repeat("0", 64), false))
	write("FuzzManifestXML", "doctype", append([]byte("<!DOCTYPE x [<!ENTITY a \"b\">]>"), xml[bytes.IndexByte(xml, '\n')+1:]...))
}
