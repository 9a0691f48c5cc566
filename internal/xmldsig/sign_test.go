package xmldsig

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"math/big"
	"strings"
	"testing"
)

func TestSignErrors(t *testing.T) {
	p := pki(t)
	edPub, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: leafFrom, NotAfter: leafUntil}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, edPub, edKey)
	if err != nil {
		t.Fatal(err)
	}
	edCert, _ := x509.ParseCertificate(der)
	tests := []struct {
		name string
		doc  string
		key  crypto.Signer
		cert *x509.Certificate
		opts SignOptions
		want error
	}{
		{"key of another certificate", receiptDoc, p.leaf.key, p.leaf2.cert, SignOptions{}, ErrCertificate},
		{"nil key", receiptDoc, nil, p.leaf.cert, SignOptions{}, ErrCertificate},
		{"nil certificate", receiptDoc, p.leaf.key, nil, SignOptions{}, ErrCertificate},
		{"Ed25519", receiptDoc, edKey, edCert, SignOptions{}, ErrUnsupportedAlgorithm},
		{"SHA-1", receiptDoc, p.leaf.key, p.leaf.cert, SignOptions{Hash: crypto.SHA1}, ErrUnsupportedAlgorithm},
		{"unknown canonicalization", receiptDoc, p.leaf.key, p.leaf.cert, SignOptions{Canonicalization: 7}, ErrUnsupportedTransform},
		{"already signed", sign(t, receiptDoc, p.leaf, SignOptions{}), p.leaf.key, p.leaf.cert, SignOptions{}, ErrMultipleSignatures},
		{"nil chain certificate", receiptDoc, p.leaf.key, p.leaf.cert, SignOptions{Chain: []*x509.Certificate{nil}}, ErrCertificate},
		{"too large", receiptDoc, p.leaf.key, p.leaf.cert, SignOptions{Limits: Limits{MaxBytes: 10}}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Sign([]byte(tt.doc), tt.key, tt.cert, tt.opts)
			wantErr(t, err, tt.want)
			if out != nil {
				t.Errorf("output %q with an error", out)
			}
		})
	}
}

func TestSignReferencesWholeDocument(t *testing.T) {
	p := pki(t)
	// An ID attribute on the root does not change the Reference: always
	// URI="", which Verify accepts without RootIDAttr.
	const doc = `<p:Receipt xmlns:p="urn:pagokit:test" ID="r1"><p:Amount>1600</p:Amount></p:Receipt>`
	signed := sign(t, doc, p.leaf, SignOptions{})
	if !strings.Contains(signed, `<ds:Reference URI="">`) {
		t.Errorf("Reference is not URI=\"\": %s", signed)
	}
	_, err := Verify([]byte(signed), policy(p))
	wantErr(t, err, nil)
}

func TestSignKeepsBytes(t *testing.T) {
	p := pki(t)
	// White space, character references (a carriage return in text, a tab
	// in an attribute) and attribute order survive signing byte for byte,
	// so the signature holds on the output.
	const doc = "<?xml version=\"1.0\"?>\n<p:Receipt xmlns:p=\"urn:pagokit:test\" xmlns:ns2=\"http://www.w3.org/2000/09/xmldsig#\" b=\"2\" a=\"1\">\n" +
		"  <p:Payer>Rossi &amp; figli &lt;srl&gt;</p:Payer>\n  <p:Note n=\"a&#x9;b\">tab\there&#xD;</p:Note>\n  <ns2:DigestValue>AA==</ns2:DigestValue>\n</p:Receipt>"
	signed := sign(t, doc, p.leaf, SignOptions{})
	if !strings.HasPrefix(signed, strings.TrimSuffix(doc, "</p:Receipt>")) {
		t.Errorf("signed document does not start with the input:\n%s", signed)
	}
	res, err := Verify([]byte(signed), policy(p))
	wantErr(t, err, nil)
	if got := child(res.Element, "Payer"); got != "Rossi & figli <srl>" {
		t.Errorf("Payer = %q; want %q", got, "Rossi & figli <srl>")
	}
	// Exclusive C14N sorts the attributes, drops the XML declaration and
	// declares ns2 where it is used.
	want := "<p:Receipt xmlns:p=\"urn:pagokit:test\" a=\"1\" b=\"2\">\n  <p:Payer>Rossi &amp; figli &lt;srl&gt;</p:Payer>\n  <p:Note n=\"a&#x9;b\">tab\there&#xD;</p:Note>\n" +
		"  <ns2:DigestValue xmlns:ns2=\"http://www.w3.org/2000/09/xmldsig#\">AA==</ns2:DigestValue>\n</p:Receipt>"
	if string(res.Canonical) != want {
		t.Errorf("Canonical = %q; want %q", res.Canonical, want)
	}
}
