package xmldsig

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sentinels are the errors Verify and Sign may wrap.
var sentinels = []error{
	ErrPolicy, ErrMalformed, ErrTooLarge, ErrWrongRoot, ErrNoSignature, ErrMultipleSignatures,
	ErrSignatureNotLast, ErrBadReference, ErrUnsupportedTransform, ErrWeakAlgorithm,
	ErrUnsupportedAlgorithm, ErrUnsupportedProfile, ErrSignatureInvalid, ErrCertificate,
	ErrUntrusted, ErrExpired, ErrNotYetValid,
}

func checkTyped(t *testing.T, what string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: error %T %v is not an *Error", what, err, err)
	}
	for _, s := range sentinels {
		if e.Err == s {
			return
		}
	}
	t.Fatalf("%s: error %v wraps no sentinel", what, err)
}

// FuzzVerify feeds documents to Verify (and, for well-formed unsigned
// ones, to Sign and back to Verify). Seeds in testdata/fuzz/FuzzVerify are
// documents signed by a throwaway key, accepted here as untrusted.
func FuzzVerify(f *testing.F) {
	// A fresh ECDSA key (RSA keys are too slow to make in every worker).
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: leafFrom, NotAfter: leafUntil}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		f.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	ec := party{key, cert}
	f.Add([]byte(sign(f, receiptDoc, ec, SignOptions{})))
	f.Add([]byte(sign(f, receiptDoc, ec, SignOptions{Canonicalization: InclusiveC14N})))
	f.Add([]byte(receiptDoc))
	pol := Policy{
		RootLocal: "Receipt", RootNamespace: testNS,
		Certificates: []*x509.Certificate{cert}, At: inWindow, AllowSHA1: true, AllowUntrusted: true,
		Limits: Limits{MaxBytes: 64 << 10},
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		Sniff(doc)
		res, err := Verify(doc, pol)
		if err != nil {
			checkTyped(t, "Verify", err)
			if res != nil {
				t.Fatalf("Result with error %v", err)
			}
			if !errors.Is(err, ErrNoSignature) {
				return
			}
			// Well-formed, the right root, unsigned: it signs, and the
			// signature verifies.
			signed, err := Sign(doc, key, cert, SignOptions{Limits: pol.Limits})
			if err != nil {
				checkTyped(t, "Sign", err)
				return
			}
			round := pol
			round.Limits.MaxBytes = 1 << 20
			round.AllowUntrusted = false
			if _, err := Verify(signed, round); err != nil && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Verify(Sign(doc)) = %v\ndoc: %q\nsigned: %q", err, doc, signed)
			}
			return
		}
		if res.Element == nil || res.Certificate == nil || res.Element.Tag != "Receipt" {
			t.Fatalf("incomplete Result %+v", res)
		}
		var buf bytes.Buffer
		res.Element.WriteTo(&buf, &canonicalSettings)
		if !bytes.Equal(buf.Bytes(), res.Canonical) {
			t.Fatalf("Canonical %q is not Element written back %q", res.Canonical, buf.Bytes())
		}
	})
}

// TestFuzzSeeds checks what each seed of FuzzVerify is meant to exercise.
// The signed seeds were made with a throwaway key whose certificate is in
// their KeyInfo, so they verify as untrusted.
func TestFuzzSeeds(t *testing.T) {
	want := map[string]error{
		"signed_exclusive":     nil,
		"signed_inclusive":     nil,
		"signed_xmlsec1_mbd":   nil,
		"comment_injected":     nil,
		"value_changed":        ErrSignatureInvalid,
		"wrapped_in_object":    ErrUnsupportedProfile,
		"wrapped_by_evil_root": ErrSignatureNotLast,
		"two_signatures":       ErrMultipleSignatures,
		"xpath_transform":      ErrUnsupportedTransform,
		"xades":                ErrUnsupportedProfile,
		"sha1_goxmldsig":       ErrWeakAlgorithm,
		"id_reference":         ErrBadReference,
		"billion_laughs":       ErrMalformed,
		"unsigned":             ErrNoSignature,
		"unsigned_default_ns":  ErrNoSignature,
		"cms_ber":              ErrUnsupportedProfile,
	}
	pol := Policy{RootLocal: "Receipt", RootNamespace: testNS, At: inWindow, AllowUntrusted: true}
	for name, expect := range want {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzVerify", name))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitN(string(b), "\n", 3)
			if len(lines) < 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") {
				t.Fatalf("not a fuzz seed: %q", b)
			}
			doc, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Verify([]byte(doc), pol)
			if !errors.Is(err, expect) || (expect == nil) != (err == nil) {
				t.Fatalf("Verify = %v; want %v", err, expect)
			}
			if err == nil && (res.Trusted || child(res.Element, "Amount") != "1600") {
				t.Errorf("Trusted %v, Amount %q; want false, 1600", res.Trusted, child(res.Element, "Amount"))
			}
		})
	}
}
