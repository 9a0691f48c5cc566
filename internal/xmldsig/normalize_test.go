package xmldsig

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<a xmlns="u" xmlns:p="v"><!--c--><b xmlns="u" xmlns:p="w"><p:c xmlns:p="w"/></b><d xmlns=""><e xmlns=""/></d></a>`,
			`<a xmlns="u" xmlns:p="v"><b xmlns:p="w"><p:c/></b><d xmlns=""><e/></d></a>`},
		{`<r xmlns=""><!-- a -->x<!-- b -->y</r>`, `<r>xy</r>`},
		{`<r xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="it"/>`, `<r xml:lang="it"/>`},
	}
	for _, tt := range tests {
		d := etree.NewDocument()
		if err := d.ReadFromString(tt.in); err != nil {
			t.Fatal(err)
		}
		normalize(d.Root(), map[string]string{"xml": xmlNamespace}, "")
		got, _ := d.WriteToString()
		if got != tt.want {
			t.Errorf("normalize(%s) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

// TestVerifyHandBuiltMarcaDaBolloProfile verifies a signature built by
// hand, without Sign or goxmldsig, in the MarcaDaBollo profile: inclusive
// C14N 1.0 for SignedInfo, only the enveloped-signature transform. The
// content carries a comment and a repeated namespace declaration, which
// XML-DSig leaves out of the digest.
func TestVerifyHandBuiltMarcaDaBolloProfile(t *testing.T) {
	p := pki(t)
	const content = `<p:Payer xmlns:p="urn:pagokit:test">Mario Rossi</p:Payer><p:Amount>1600</p:Amount><p:Email>user@user.com<!-- x -->.evil.com</p:Email>`
	// The digested form: no comment, no repeated declaration.
	digest := sha256.Sum256([]byte(receiptCanonical))
	digestB64 := base64.StdEncoding.EncodeToString(digest[:])
	signedInfo := `<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>` +
		`<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms>` +
		`<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>` +
		`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>` + digestB64 + `</DigestValue></Reference></SignedInfo>`
	// Inclusive C14N of SignedInfo: every namespace in scope declared on
	// it (default first), end tags written out.
	canonicalSignedInfo := `<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:p="urn:pagokit:test">` +
		`<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></CanonicalizationMethod>` +
		`<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></SignatureMethod><Reference URI=""><Transforms>` +
		`<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></Transform></Transforms>` +
		`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod><DigestValue>` + digestB64 + `</DigestValue></Reference></SignedInfo>`
	sum := sha256.Sum256([]byte(canonicalSignedInfo))
	sigValue, err := rsa.SignPKCS1v15(rand.Reader, p.leaf.key.(*rsa.PrivateKey), crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<p:Receipt xmlns:p="urn:pagokit:test">` + content +
		`<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">` + signedInfo +
		`<SignatureValue>` + base64.StdEncoding.EncodeToString(sigValue) + `</SignatureValue>` +
		`<KeyInfo><X509Data><X509Certificate>` + base64.StdEncoding.EncodeToString(p.leaf.cert.Raw) + `</X509Certificate></X509Data></KeyInfo>` +
		`</Signature></p:Receipt>`

	res, err := Verify([]byte(doc), policy(p))
	wantErr(t, err, nil)
	if got := firstText(res.Element, "Email"); got != "user@user.com.evil.com" {
		t.Errorf("Email = %q; want user@user.com.evil.com", got)
	}
	if string(res.Canonical) != receiptCanonical {
		t.Errorf("Canonical = %s; want %s", res.Canonical, receiptCanonical)
	}
	_, err = Verify([]byte(replace(t, doc, "Mario Rossi", "Mario Rosso")), policy(p))
	wantErr(t, err, ErrSignatureInvalid)

	// When xmlsec1 is at hand, it agrees that the hand-built document is
	// a valid signature.
	if xmlsec, err := exec.LookPath("xmlsec1"); err == nil {
		f := filepath.Join(t.TempDir(), "mbd.xml")
		if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		file := xmlsecFiles(t, p)
		out, err := exec.Command(xmlsec, "--verify", "--trusted-pem", file("ca.pem"), "--untrusted-pem", file("inter.pem"),
			"--verification-time", "2025-06-01 12:00:00", f).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "OK") {
			t.Errorf("xmlsec1 --verify of the hand-built document: %v\n%s", err, out)
		}
	}
}
