package archive

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzManifestXML checks manifest.xml documents against the certificate
// of the fuzz seeds (see fuzz_test.go): the structure checks, the
// signature library and the reading of the verified element.
func FuzzManifestXML(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz-cert.pem"))
	if err != nil {
		f.Fatal(err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		f.Fatal("testdata/fuzz-cert.pem: no PEM block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxManifestXMLSize {
			return // Verify does not read larger ones
		}
		for _, at := range []time.Time{{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)} {
			m, p := verifyManifestXML(data, cert, at)
			switch {
			case p.Kind == "" && m == nil, p.Kind != "" && m != nil:
				t.Fatalf("manifest %v with problem %v", m, p)
			case p.Kind != "" && (p.File != ManifestXMLName || p.Detail == ""):
				t.Fatalf("problem %+v", p)
			case m != nil && (m.FiscalCode != "80012345678" || !hexSHA256(m.ManifestSHA256) || checkPeriod(m.From, m.To) != nil):
				t.Fatalf("verified manifest %+v", m)
			}
		}
	})
}
