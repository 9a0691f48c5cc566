package xmldsig

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// xmlsecFiles writes the PEM files xmlsec1 needs into a temporary
// directory and returns a function naming a file there.
func xmlsecFiles(t *testing.T, p *testPKI) func(string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, blocks ...*pem.Block) {
		var b []byte
		for _, bl := range blocks {
			b = append(b, pem.EncodeToMemory(bl)...)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cert := func(c *x509.Certificate) *pem.Block { return &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw} }
	key := func(k any) *pem.Block {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return &pem.Block{Type: "PRIVATE KEY", Bytes: der}
	}
	write("ca.pem", cert(p.ca.cert))
	write("inter.pem", cert(p.inter.cert))
	write("leaf.pem", cert(p.leaf.cert))
	write("leaf.key", key(p.leaf.key))
	write("ec.pem", cert(p.ecLeaf.cert))
	write("ec.key", key(p.ecLeaf.key))
	return func(name string) string { return filepath.Join(dir, name) }
}

// xmlsecTemplate is an enveloped signature template for xmlsec1 --sign:
// c14n is the SignedInfo canonicalization, transforms the Transform
// elements, method the SignatureMethod.
func xmlsecTemplate(content, c14n, transforms, method string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<p:Receipt xmlns:p="urn:pagokit:test">` + content + `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>` +
		`<CanonicalizationMethod Algorithm="` + c14n + `"/><SignatureMethod Algorithm="` + method + `"/>` +
		`<Reference URI=""><Transforms>` + transforms + `</Transforms>` +
		`<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo>` +
		`<SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></p:Receipt>`
}

func TestXmlsec1SignedVerifies(t *testing.T) {
	xmlsec := testenv.Tool(t, "xmlsec1", "xmlsec1")
	p := pki(t)
	file := xmlsecFiles(t, p)
	const (
		content   = `<p:Payer>Mario Rossi</p:Payer><p:Amount>1600</p:Amount><p:Email>user@user.com.evil.com</p:Email>`
		enveloped = `<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>`
		exc       = `<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>`
	)
	tests := []struct {
		name, tmpl, key, cert string
		pinned                *x509.Certificate
		wantEmail, wantCanon  string
	}{
		{"exclusive C14N, RSA-SHA256",
			xmlsecTemplate(content, ExcC14N10, enveloped+exc, RSASHA256),
			"leaf.key", "leaf.pem", p.leaf.cert, "user@user.com.evil.com", receiptCanonical},
		{"exclusive C14N with InclusiveNamespaces",
			xmlsecTemplate(content, ExcC14N10, enveloped+`<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">`+
				`<InclusiveNamespaces xmlns="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="p"/></Transform>`, RSASHA256),
			"leaf.key", "leaf.pem", p.leaf.cert, "user@user.com.evil.com", receiptCanonical},
		{"ECDSA-SHA256",
			xmlsecTemplate(content, ExcC14N10, enveloped+exc, ECDSASHA256),
			"ec.key", "ec.pem", p.ecLeaf.cert, "user@user.com.evil.com", receiptCanonical},
		// The MarcaDaBollo profile: inclusive C14N for SignedInfo and only
		// the enveloped-signature transform. xmlsec1 leaves the comment and
		// the repeated namespace declaration out of the digest.
		{"MarcaDaBollo profile with a comment and a repeated declaration",
			xmlsecTemplate(`<p:Payer xmlns:p="urn:pagokit:test">Mario Rossi</p:Payer><p:Amount>1600</p:Amount><p:Email>user@user.com<!-- x -->.evil.com</p:Email>`,
				C14N10, enveloped, RSASHA256),
			"leaf.key", "leaf.pem", p.leaf.cert, "user@user.com.evil.com", receiptCanonical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, out := file("tmpl.xml"), file("signed.xml")
			if err := os.WriteFile(tmpl, []byte(tt.tmpl), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(xmlsec, "--sign", "--privkey-pem", file(tt.key)+","+file(tt.cert), "--output", out, tmpl)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("xmlsec1 --sign: %v\n%s", err, b)
			}
			signed, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			pol := policy(p)
			pol.Certificates = []*x509.Certificate{tt.pinned}
			res, err := Verify(signed, pol)
			wantErr(t, err, nil)
			if got := firstText(res.Element, "Email"); got != tt.wantEmail {
				t.Errorf("Email = %q; want %q", got, tt.wantEmail)
			}
			if string(res.Canonical) != tt.wantCanon {
				t.Errorf("Canonical = %s; want %s", res.Canonical, tt.wantCanon)
			}
			chained := Policy{RootLocal: "Receipt", RootNamespace: testNS, Roots: pool(p.ca.cert), Intermediates: pool(p.inter.cert), At: inWindow}
			_, err = Verify(signed, chained)
			wantErr(t, err, nil)
			_, err = Verify([]byte(strings.Replace(string(signed), ">1600<", ">1<", 1)), pol)
			wantErr(t, err, ErrSignatureInvalid)
		})
	}
}

func TestXmlsec1VerifiesSign(t *testing.T) {
	xmlsec := testenv.Tool(t, "xmlsec1", "xmlsec1")
	p := pki(t)
	file := xmlsecFiles(t, p)
	tests := []struct {
		name string
		who  party
		opts SignOptions
	}{
		{"RSA-SHA256 exclusive", p.leaf, SignOptions{}},
		{"RSA-SHA256 inclusive", p.leaf, SignOptions{Canonicalization: InclusiveC14N}},
		{"RSA-SHA512", p.leaf, SignOptions{Hash: crypto.SHA512}},
		{"ECDSA-SHA256 exclusive", p.ecLeaf, SignOptions{}},
		{"ECDSA-SHA256 inclusive", p.ecLeaf, SignOptions{Canonicalization: InclusiveC14N}},
	}
	verify := func(doc string) ([]byte, error) {
		f := file("verify.xml")
		if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		return exec.Command(xmlsec, "--verify", "--trusted-pem", file("ca.pem"), "--untrusted-pem", file("inter.pem"),
			"--verification-time", "2025-06-01 12:00:00", f).CombinedOutput()
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signed := sign(t, receiptDoc, tt.who, tt.opts)
			out, err := verify(signed)
			if err != nil || !strings.HasPrefix(string(out), "OK") {
				t.Errorf("xmlsec1 --verify: %v\n%s\n%s", err, out, signed)
			}
			if out, err := verify(replace(t, signed, ">1600<", ">1<")); err == nil {
				t.Errorf("xmlsec1 --verify accepted a changed document:\n%s", out)
			}
		})
	}
}
