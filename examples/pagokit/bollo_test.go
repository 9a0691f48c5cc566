package main

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

func TestBolloHashCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.txt")
	writeTestFile(t, path, "abc")
	// printf abc | openssl dgst -sha256 -binary | base64
	if code, out, errOut := pagokit("bollo", "hash", path); code != 0 || out != "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\n" {
		t.Errorf("bollo hash: exit %d %q %q", code, out, errOut)
	}
	if code, _, _ := pagokit("bollo", "hash", filepath.Join(t.TempDir(), "missing")); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
}

func TestBolloVerifyCommand(t *testing.T) {
	mbd := testenv.Specs(t, "bollo", "samples", "mbd_intesa_signed_verifies.xml")
	data, err := os.ReadFile(mbd)
	if err != nil {
		t.Fatal(err)
	}
	// The sample's own certificate, from its KeyInfo, pinned.
	m := regexp.MustCompile(`<(?:\w+:)?X509Certificate>([^<]+)<`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no X509Certificate in the sample")
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(m[1])), ""))
	if err != nil {
		t.Fatal(err)
	}
	pemPath := filepath.Join(t.TempDir(), "intesa.pem")
	writeTestFile(t, pemPath, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))

	type result struct {
		SignatureValid bool     `json:"signature_valid"`
		SignerTrusted  bool     `json:"signer_trusted"`
		DigestMatches  *bool    `json:"digest_matches"`
		IUBD           string   `json:"iubd"`
		PSPFiscalCode  string   `json:"psp_fiscal_code"`
		PSPName        string   `json:"psp_name"`
		AmountCents    int64    `json:"amount_cents"`
		PurchasedAt    *string  `json:"purchased_at"`
		CertNotAfter   *string  `json:"cert_not_after"`
		Revocation     bool     `json:"revocation_checked"`
		Problems       []string `json:"problems"`
	}
	verify := func(args ...string) (int, result, string) {
		code, out, errOut := pagokit(append([]string{"bollo", "verify", "--json", "--mbd", mbd}, args...)...)
		var r result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, out, errOut)
		}
		return code, r, errOut
	}

	// Pinned, checked at its OraAcquisto (8 July 2024, 20:18:01 in Italy).
	code, r, errOut := verify("--trust-cert", pemPath)
	if code != 0 || !r.SignatureValid || !r.SignerTrusted || r.DigestMatches != nil || r.IUBD != "01240002186093" ||
		r.PSPFiscalCode != "00799960158" || r.PSPName != "Intesa Sanpaolo S.p.A." || r.AmountCents != 1600 ||
		r.PurchasedAt == nil || *r.PurchasedAt != "2024-07-08T20:18:01+02:00" || len(r.Problems) != 0 {
		t.Errorf("pinned: exit %d %+v %s", code, r, errOut)
	}
	// Its certificate expired on 2 October 2025.
	if code, r, _ := verify("--trust-cert", pemPath, "--at", "2026-12-01T00:00:00Z"); code != 1 || r.SignerTrusted || len(r.Problems) == 0 || !strings.Contains(r.Problems[0], "expired") {
		t.Errorf("checked today: exit %d %+v", code, r)
	}
	// No trust: the signature is intact, the signer is not trusted.
	if code, r, _ := verify(); code != 1 || !r.SignatureValid || r.SignerTrusted || r.IUBD != "01240002186093" {
		t.Errorf("no trust: exit %d %+v", code, r)
	}
	if code, r, _ := verify("--allow-untrusted"); code != 0 || !r.SignatureValid || r.SignerTrusted {
		t.Errorf("--allow-untrusted: exit %d %+v", code, r)
	}
	// Another document's hash.
	if code, r, _ := verify("--trust-cert", pemPath, "--hash", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="); code != 1 || r.DigestMatches == nil || *r.DigestMatches {
		t.Errorf("wrong document: exit %d %+v", code, r)
	}
	// The mock whose signature is broken.
	invalid := testenv.Specs(t, "bollo", "samples", "mbd_pagopa-mbd_mock_invalid_signature.xml")
	if code, out, _ := pagokit("bollo", "verify", "--json", "--mbd", invalid, "--trust-cert", pemPath); code != 1 || !strings.Contains(out, `"signature_valid": false`) {
		t.Errorf("invalid signature: exit %d\n%s", code, out)
	}
	// Revocation: the sample's KeyInfo carries a CRL of "CA Bollo
	// Telematico" listing nothing; the CA certificate is not published,
	// so the KeyInfo CRL cannot be authenticated and is not used.
	if code, r, _ := verify("--trust-cert", pemPath, "--keyinfo-crl"); code != 0 || r.Revocation {
		t.Errorf("--keyinfo-crl: exit %d %+v", code, r)
	}
	if code, r, _ := verify("--trust-cert", pemPath, "--keyinfo-crl", "--require-crl"); code != 1 || r.Revocation || len(r.Problems) != 1 {
		t.Errorf("--require-crl: exit %d %+v", code, r)
	}
	// The same CRL given by the caller (as if downloaded from the CA) is
	// taken as given.
	c := regexp.MustCompile(`<(?:\w+:)?X509CRL>([^<]+)<`).FindSubmatch(data)
	if c == nil {
		t.Fatal("no X509CRL in the sample")
	}
	crlDER, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(c[1])), ""))
	if err != nil {
		t.Fatal(err)
	}
	crlPath := filepath.Join(t.TempDir(), "ca.crl")
	writeTestFile(t, crlPath, string(pem.EncodeToMemory(&pem.Block{Type: "X509 CRL", Bytes: crlDER})))
	if code, r, _ := verify("--trust-cert", pemPath, "--crl", crlPath, "--require-crl"); code != 0 || !r.Revocation {
		t.Errorf("--crl: exit %d %+v", code, r)
	}
	if code, _, errOut := pagokit("bollo", "verify", "--mbd", mbd, "--trust-cert", pemPath, "--crl", pemPath); code != 1 || !strings.Contains(errOut, "want X509 CRL") {
		t.Errorf("--crl with a certificate: exit %d %s", code, errOut)
	}
	if code, _, _ := pagokit("bollo", "verify", "--mbd", mbd, "--hash", "x", "--document", mbd); code != 2 {
		t.Errorf("--hash with --document: exit %d, want 2", code)
	}
}

func TestBolloDueCommand(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		out  string // first line
	}{
		{[]string{"--kind", "certificate"}, 0, "16.00 EUR"},
		{[]string{"--kind", "istanza", "--amount-cents", "100"}, 0, "16.00 EUR"},
		{[]string{"--kind", "document", "--amount-cents", "7748", "--vat-exempt"}, 0, "2.00 EUR"},
		{[]string{"--kind", "document", "--amount-cents", "7747", "--vat-exempt"}, 0, "0.00 EUR"},
		{[]string{"--kind", "document", "--amount-cents", "100000"}, 0, "0.00 EUR"},
		{[]string{"--kind", "receipt"}, 2, ""},
		{[]string{"--kind", "document", "--amount-cents", "-1"}, 1, ""},
	} {
		code, out, errOut := pagokit(append([]string{"bollo", "due"}, tt.args...)...)
		if code != tt.code || strings.SplitN(out, "\n", 2)[0] != tt.out {
			t.Errorf("bollo due %v: exit %d %q %q; want %d %q", tt.args, code, out, errOut, tt.code, tt.out)
		}
	}
}

func TestBolloContrassegnoCommand(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "reg.db")
	use := func(id, issued, doc string) (int, string, string) {
		return pagokit("bollo", "contrassegno", "--db", db, "--id", id, "--issued-at", issued, "--use", doc)
	}
	if code, out, errOut := use("01180001234567", "2026-11-20T10:31:00+01:00", "istanza 2026/123"); code != 0 || out != "recorded: 01180001234567 for istanza 2026/123\n" {
		t.Fatalf("first use: exit %d %q %q", code, out, errOut)
	}
	// Another process, the same stamp with another time of issue.
	code, out, _ := use("01180001234567", "2026-11-21T09:00:00+01:00", "istanza 2026/200")
	if code != 1 || !strings.Contains(out, "REFUSED") || !strings.Contains(out, "istanza 2026/123") || !strings.Contains(out, "2026-11-20T09:31:00Z") {
		t.Errorf("reuse: exit %d %q", code, out)
	}
	if code, _, errOut := use("0118000123", "2026-11-20T10:31:00+01:00", "x"); code != 1 || !strings.Contains(errOut, "14 digits") {
		t.Errorf("short id: exit %d %q", code, errOut)
	}
	if code, _, _ := use("01180001234568", "20/11/2026", "x"); code != 2 {
		t.Errorf("bad time: exit %d, want 2", code)
	}
	if code, _, _ := pagokit("bollo", "contrassegno", "--id", "01180001234568"); code != 2 {
		t.Errorf("no --db: exit %d, want 2", code)
	}
}
