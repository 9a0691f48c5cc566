package receipt

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

// signer is a test key with a self-signed certificate valid from
// notBefore to notAfter.
type signer struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
}

func newSigner(t testing.TB, name string, notBefore, notAfter time.Time) signer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return signer{key, cert}
}

func (s signer) sign(t *testing.T, doc []byte) []byte {
	t.Helper()
	out, err := xmldsig.Sign(doc, s.key, s.cert, xmldsig.SignOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The RT of testdata/rt.xml was written at 2019-07-15T16:42:05 (Italian
// time) for 36,52 euro.
var (
	rtWritten = time.Date(2019, 7, 15, 14, 42, 5, 0, time.UTC)
	psp2019   = func(t *testing.T) signer {
		return newSigner(t, "PSP 2019", time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	}
)

func readRTFile(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/rt.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func inviaRT(rt []byte) []byte {
	return []byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ppt="http://ws.pagamenti.telematici.gov/"><soapenv:Body><ppt:paaInviaRT><tipoFirma>3</tipoFirma><rt>` +
		base64.StdEncoding.EncodeToString(rt) + `</rt></ppt:paaInviaRT></soapenv:Body></soapenv:Envelope>`)
}

func TestVerifyRT(t *testing.T) {
	psp := psp2019(t)
	signed := psp.sign(t, readRTFile(t))
	for name, in := range map[string][]byte{"bare": signed, "paaInviaRT": inviaRT(signed)} {
		t.Run(name, func(t *testing.T) {
			r, sig, err := VerifyRT(in, Trust{Certificates: []*x509.Certificate{psp.cert}})
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != FormatRT || r.ReceiptID != "RT-2019-000123" || r.PaymentAmountCents != 3652 {
				t.Errorf("verified receipt: %s %s %d", r.Format, r.ReceiptID, r.PaymentAmountCents)
			}
			if !bytes.Equal(r.Raw, in) {
				t.Error("Raw is not the input")
			}
			if !sig.Certificate.Equal(psp.cert) || !sig.At.Equal(rtWritten) {
				t.Errorf("signature: %v at %v; want the PSP's certificate at %v", sig.Certificate.Subject, sig.At, rtWritten)
			}
		})
	}
	// The certificate expired in 2020: at the RT's own time it was
	// valid, which is what counts by default; checked at a later time
	// it is not.
	_, _, err := VerifyRT(signed, Trust{Certificates: []*x509.Certificate{psp.cert}, At: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, ErrUntrusted) {
		t.Errorf("checked in 2026: %v, want ErrUntrusted", err)
	}
}

// TestVerifyRTAttacks: every altered RT is refused, for the right reason.
func TestVerifyRTAttacks(t *testing.T) {
	psp := psp2019(t)
	other := psp2019(t)
	rt := readRTFile(t)
	signed := psp.sign(t, rt)
	trust := Trust{Certificates: []*x509.Certificate{psp.cert}}
	root := `<pay_i:RT xmlns:pay_i="http://www.digitpa.gov.it/schemas/2011/Pagamenti/">`
	sigStart := bytes.Index(signed, []byte("<ds:Signature"))
	if sigStart < 0 {
		t.Fatalf("no signature in\n%s", signed)
	}
	body := signed[bytes.Index(signed, []byte(root))+len(root) : sigStart]
	signature := signed[sigStart:bytes.LastIndex(signed, []byte("</pay_i:RT>"))]

	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"amount changed after signing", bytes.Replace(signed, []byte(">36.52<"), []byte(">3652.00<"), 1), ErrSignatureInvalid},
		{"another signer's key", other.sign(t, rt), ErrUntrusted},
		{"signed RT wrapped in an evil RT", []byte(root + strings.Replace(string(body), "36.52", "0.01", 1) +
			string(signed[bytes.Index(signed, []byte(root)):]) + string(signature) + "</pay_i:RT>"), ErrSignatureInvalid},
		{"evil RT with the signature moved into it", []byte(root + strings.Replace(string(body), "RT-2019-000123", "RT-EVIL", 1) +
			string(signature) + "</pay_i:RT>"), ErrSignatureInvalid},
		{"second signature", bytes.Replace(signed, []byte("</pay_i:RT>"), append(bytes.Clone(signature), "</pay_i:RT>"...), 1), ErrSignatureInvalid},
		{"signature not last", bytes.Replace(signed, []byte("</pay_i:RT>"), []byte("<pay_i:extra/></pay_i:RT>"), 1), ErrSignatureInvalid},
		{"root in another namespace", bytes.ReplaceAll(signed, []byte(rtNamespace), []byte("urn:evil")), ErrUnknownFormat},
		{"unsigned", rt, ErrNotSigned},
		{"XAdES qualifying properties", bytes.Replace(signed, []byte("</ds:Signature>"),
			[]byte(`<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"/></ds:Object></ds:Signature>`), 1), ErrUnsupportedSignature},
		{"CAdES envelope", []byte{0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}, ErrUnsupportedSignature},
		{"CAdES in paaInviaRT", inviaRT([]byte{0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}), ErrUnsupportedSignature},
		{"DTD", append([]byte(`<!DOCTYPE RT [<!ENTITY x "y">]>`), signed[bytes.Index(signed, []byte(root)):]...), ErrMalformed},
		{"not an RT", []byte(`<receipt/>`), ErrUnknownFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, sig, err := VerifyRT(tt.in, trust)
			if !errors.Is(err, tt.want) {
				t.Fatalf("VerifyRT = %v; want %v", err, tt.want)
			}
			if r != nil || sig != nil {
				t.Error("a receipt or signature came back with an error")
			}
		})
	}
	if _, _, err := VerifyRT(signed, Trust{}); !errors.Is(err, ErrUntrusted) {
		t.Errorf("no trust configured: %v, want ErrUntrusted", err)
	}
	var se *SignatureError
	if _, _, err := VerifyRT(tests[0].in, trust); !errors.As(err, &se) || se.Detail == "" {
		t.Errorf("%v is not a *SignatureError with detail", err)
	}
}

// TestVerifyRTReadsVerifiedElement: values come from the element the
// signature covers, even when the input around it says otherwise.
func TestVerifyRTReadsVerifiedElement(t *testing.T) {
	psp := psp2019(t)
	signed := psp.sign(t, readRTFile(t))
	// A comment inside the amount is not part of the canonical form
	// (the signature still verifies) and must not change the value.
	commented := bytes.Replace(signed, []byte(">36.52<"), []byte(">36.<!-- x -->52<"), 1)
	r, _, err := VerifyRT(commented, Trust{Certificates: []*x509.Certificate{psp.cert}})
	if err != nil {
		t.Fatal(err)
	}
	if r.PaymentAmountCents != 3652 {
		t.Errorf("amount %d, want 3652", r.PaymentAmountCents)
	}
}

// FuzzVerifyRT checks that VerifyRT never panics, that its errors are
// typed, and that it accepts nothing without a trusted signature (the
// seeds in testdata/fuzz/FuzzVerifyRT are unsigned, and no key is
// trusted but one generated here, whose signatures the fuzzer cannot
// forge).
func FuzzVerifyRT(f *testing.F) {
	key := newSigner(f, "fuzz", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	trust := Trust{Certificates: []*x509.Certificate{key.cert}}
	lim := Limits{MaxBytes: 64 << 10, MaxDepth: 16, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, in []byte) {
		r, sig, err := lim.VerifyRT(in, trust)
		if err == nil {
			t.Fatalf("verified without a signature of the trusted key: %+v %+v", r, sig)
		}
		for _, s := range []error{ErrTooLarge, ErrTooDeep, ErrTooManyElements, ErrMalformed, ErrUnknownFormat, ErrMissing,
			ErrInvalid, ErrEmptyRT, ErrNotSigned, ErrUnsupportedSignature, ErrSignatureInvalid, ErrUntrusted} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("untyped error %v", err)
	})
}
