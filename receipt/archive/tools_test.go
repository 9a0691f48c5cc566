package archive_test

import (
	"bytes"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// TestStandardTools checks a package with unzip and sha256sum, as doc.go
// tells people to.
func TestStandardTools(t *testing.T) {
	unzip := testenv.Tool(t, "unzip", "unzip")
	sha256sum := testenv.Tool(t, "sha256sum", "coreutils")
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "package.zip")
	h1, h2 := handMade()
	rs := append(baseReceipts(), h1, h2)
	if err := os.WriteFile(zipPath, build(t, options(t), rs...), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, unzip, "-t", zipPath)
	out := filepath.Join(dir, "out")
	run(t, dir, unzip, "-q", "-d", out, zipPath)
	got := run(t, out, sha256sum, "-c", "--strict", "manifest.sha256")
	for _, name := range []string{"index.csv", "index.jsonl", r1, r2rpt, "receipts/00000005-RF23_567-ric_2.rpt.xml"} {
		if !strings.Contains(got, name+": OK\n") {
			t.Errorf("sha256sum -c did not check %s:\n%s", name, got)
		}
	}
	// sha256sum -c fails on a changed file: the check can fail.
	if err := os.WriteFile(filepath.Join(out, r1), []byte("<forged/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sha256sum, "-c", "--quiet", "manifest.sha256")
	cmd.Dir = out
	if b, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(b), r1+": FAILED") {
		t.Errorf("sha256sum -c on a changed file: %v\n%s", err, b)
	}
}

// TestXMLSec1 verifies manifest.xml's signature with xmlsec1, an
// independent XML-DSig implementation (libxml2 and OpenSSL).
func TestXMLSec1(t *testing.T) {
	xmlsec1 := testenv.Tool(t, "xmlsec1", "xmlsec1")
	dir := t.TempDir()
	_, cert := ente(t)
	certPath := filepath.Join(dir, "ente.pem")
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	xml := file(t, unpack(t, base(t)), "manifest.xml")
	good := filepath.Join(dir, "manifest.xml")
	os.WriteFile(good, xml, 0o644)
	run(t, dir, xmlsec1, "--verify", "--trusted-pem", certPath, good)

	bad := filepath.Join(dir, "tampered.xml")
	os.WriteFile(bad, bytes.Replace(xml, []byte("<ReceiptCount>3<"), []byte("<ReceiptCount>4<"), 1), 0o644)
	if b, err := exec.Command(xmlsec1, "--verify", "--trusted-pem", certPath, bad).CombinedOutput(); err == nil {
		t.Errorf("xmlsec1 accepted a tampered manifest.xml:\n%s", b)
	}
	_, other := newIdentity(t, "other")
	otherPath := filepath.Join(dir, "other.pem")
	os.WriteFile(otherPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: other.Raw}), 0o644)
	if b, err := exec.Command(xmlsec1, "--verify", "--trusted-pem", otherPath, good).CombinedOutput(); err == nil {
		t.Errorf("xmlsec1 accepted manifest.xml with an untrusted certificate:\n%s", b)
	}
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}
