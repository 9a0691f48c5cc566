package bollo

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// An MBD signed by xmlsec1 (libxmlsec, not goxmldsig) as a PSP signs
// one, from a template in the layout of the real samples, verifies; and
// xmlsec1 verifies the MBDs the tests sign.
func TestXmlsec1MBD(t *testing.T) {
	xmlsec := testenv.Tool(t, "xmlsec1", "xmlsec1")
	p := pki(t)
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	write := func(name string, data []byte) {
		if err := os.WriteFile(file(name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	key, err := x509.MarshalPKCS8PrivateKey(p.psp.key)
	if err != nil {
		t.Fatal(err)
	}
	write("psp.key", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}))
	write("psp.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.psp.cert.Raw}))
	write("ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.ca.cert.Raw}))

	tmpl := strings.Replace(unsignedMBD, "</marcaDaBollo>",
		`<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>`+
			`<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>`+
			`<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>`+
			`<Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>`+
			`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo>`+
			`<SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></marcaDaBollo>`, 1)
	write("tmpl.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+tmpl))
	cmd := exec.Command(xmlsec, "--sign", "--privkey-pem", file("psp.key")+","+file("psp.pem"), "--output", file("signed.xml"), file("tmpl.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xmlsec1 --sign: %v\n%s", err, out)
	}
	signed, err := os.ReadFile(file("signed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	pol := trusted(t)
	pol.ExpectedHash, pol.ExpectedAmountCents, pol.ExpectedType = stampedHash, 1600, TypeStamp
	res, err := Verify(signed, pol)
	wantErr(t, err, nil)
	if res.MBD.IUBD != "01240002186093" || !res.SignerTrusted || res.DigestMatches == nil || !*res.DigestMatches {
		t.Errorf("xmlsec1-signed MBD: %+v", res)
	}
	_, err = Verify([]byte(strings.Replace(string(signed), "<Importo>16.00<", "<Importo>1.00<", 1)), pol)
	wantErr(t, err, ErrSignature)

	// A PSP signing with SHA-1 (digest and RSA-SHA1): refused unless
	// AllowSHA1.
	sha1Tmpl := strings.NewReplacer(
		"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
		`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/>`,
		`<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue/>`).Replace(tmpl)
	write("tmpl-sha1.xml", []byte(sha1Tmpl))
	cmd = exec.Command(xmlsec, "--sign", "--privkey-pem", file("psp.key")+","+file("psp.pem"), "--output", file("signed-sha1.xml"), file("tmpl-sha1.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xmlsec1 --sign (SHA-1): %v\n%s", err, out)
	}
	signedSHA1, err := os.ReadFile(file("signed-sha1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(signedSHA1), "xmldsig#rsa-sha1") {
		t.Fatalf("not signed with RSA-SHA1:\n%s", signedSHA1)
	}
	_, err = Verify(signedSHA1, pol)
	wantErr(t, err, ErrSignature)
	weak := pol
	weak.AllowSHA1 = true
	res, err = Verify(signedSHA1, weak)
	wantErr(t, err, nil)
	if res.MBD.IUBD != "01240002186093" {
		t.Errorf("SHA-1 MBD: %+v", res.MBD)
	}

	// The other way: xmlsec1 verifies an MBD of the tests, with the CA.
	write("ours.xml", []byte(sign(t, unsignedMBD, p.psp)))
	cmd = exec.Command(xmlsec, "--verify", "--trusted-pem", file("ca.pem"), "--verification-gmt-time", "2024-07-08 18:18:01", file("ours.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xmlsec1 --verify of our MBD: %v\n%s", err, out)
	}
}
