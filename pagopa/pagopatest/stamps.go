package pagopatest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/internal/xmldsig"
)

// A StampIssuer plays the PSP that buys @e.bollo stamps in tests and
// sandboxes: it signs MarcaDaBollo documents (MBDs) for the hashes a
// notice asks for, as a PSP does, with an RSA-2048 key certified by a
// test CA of its own. Trust its CA (or its certificate) in the endpoint's
// pagopa.StampPolicy to have the stamps accepted; they are worthless
// anywhere else. It is safe for concurrent use.
type StampIssuer struct {
	// CA is the test CA; Certificate the PSP's, issued by CA. Both are
	// valid from 2000 to 2099, so that simulations with any clock work.
	CA, Certificate *x509.Certificate
	// FiscalCode and Name are written as the MBD's PSP.
	FiscalCode, Name string

	key crypto.Signer
	seq atomic.Uint64
}

// NewStampIssuer makes a test CA and a PSP certificate (CN "<fiscal
// code> <name>", as AdE's PSP certificates are named).
func NewStampIssuer() (*StampIssuer, error) {
	from, until := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2099, 12, 31, 23, 59, 59, 0, time.UTC)
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{Country: []string{"IT"}, Organization: []string{"pagokit test"}, CommonName: "pagokit CA Bollo di prova"},
		NotBefore: from, NotAfter: until, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true, IsCA: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	s := &StampIssuer{CA: ca, FiscalCode: DefaultPSP.FiscalCode, Name: DefaultPSP.CompanyName}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{Country: []string{"IT"}, Organization: []string{"pagokit test"},
			OrganizationalUnit: []string{"PSP"}, CommonName: s.FiscalCode + " " + strings.ToUpper(s.Name)},
		NotBefore: from, NotAfter: until, KeyUsage: x509.KeyUsageContentCommitment, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		return nil, err
	}
	if s.Certificate, err = x509.ParseCertificate(der); err != nil {
		return nil, err
	}
	s.key = key
	return s, nil
}

// MBD returns a signed MarcaDaBollo for a document hash (the
// hashDocumento requested), an amount in cents and a purchase time, with
// a new IUBD (14 digits, unique for this issuer).
func (s *StampIssuer) MBD(hashDocument string, amountCents int64, purchasedAt time.Time) ([]byte, error) {
	if !bollo.ValidHash(hashDocument) {
		return nil, fmt.Errorf("pagopatest: %q is not a hashDocumento", hashDocument)
	}
	amount, err := money.FormatDecimal(amountCents), money.CheckPagoPA(amountCents)
	if err != nil || amountCents <= 0 {
		return nil, fmt.Errorf("pagopatest: stamp amount %d cents", amountCents)
	}
	iubd := fmt.Sprintf("99%012d", s.seq.Add(1))
	doc := `<marcaDaBollo xmlns="` + bollo.Namespace + `" xmlns:ns2="` + bollo.DSigNamespace + `">` +
		`<PSP><CodiceFiscale>` + s.FiscalCode + `</CodiceFiscale><Denominazione>` + xmlEscape(s.Name) + `</Denominazione></PSP>` +
		`<IUBD>` + iubd + `</IUBD><OraAcquisto>` + purchasedAt.Truncate(time.Second).Format(time.RFC3339) + `</OraAcquisto>` +
		`<Importo>` + amount + `</Importo><TipoBollo>` + bollo.TypeStamp + `</TipoBollo>` +
		`<ImprontaDocumento><DigestMethod Algorithm="` + bollo.DigestSHA256 + `"/>` +
		`<ns2:DigestValue>` + hashDocument + `</ns2:DigestValue></ImprontaDocumento></marcaDaBollo>`
	return xmldsig.Sign([]byte(doc), s.key, s.Certificate, xmldsig.SignOptions{Canonicalization: xmldsig.InclusiveC14N})
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
