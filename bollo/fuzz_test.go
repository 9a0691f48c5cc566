package bollo

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"math/big"
	"testing"
)

func FuzzParseMBD(f *testing.F) {
	f.Add([]byte(withSig(unsignedMBD)))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMBD(b)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v; want a *ParseError", err, err)
			}
			return
		}
		if m.IUBD == "" || m.AmountCents <= 0 || string(m.Raw) != string(b) {
			t.Fatalf("accepted %+v", m)
		}
	})
}

// FuzzVerify signs its seed with a fresh ECDSA key: RSA keys are too
// slow to make in every fuzzing worker.
func FuzzVerify(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: purchase.AddDate(-1, 0, 0), NotAfter: purchase.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		f.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(sign(f, unsignedMBD, party{key, cert})))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Verify(b, Policy{Certificates: []*x509.Certificate{cert}})
		if err != nil {
			var pe *ParseError
			var ve *VerifyError
			if !errors.As(err, &pe) && !errors.As(err, &ve) {
				t.Fatalf("error %T %v; want *ParseError or *VerifyError", err, err)
			}
			return
		}
		if !res.SignatureValid || !res.SignerTrusted || res.MBD == nil {
			t.Fatalf("accepted %+v", res)
		}
		// Only the seed is signed: whatever the fuzzer changed and was
		// still accepted, the values read are the signed ones.
		m := res.MBD
		if m.IUBD != "01240002186093" || m.AmountCents != 1600 || m.DocumentDigest != stampedHash ||
			m.PSPFiscalCode != "12345678901" || m.PSPName != "PSP Test S.p.A." || m.Type != TypeStamp ||
			!m.PurchasedAt.Equal(purchase) {
			t.Fatalf("accepted with values that were not signed: %+v", m)
		}
	})
}
