package xmldsig

import (
	"crypto"
	"crypto/x509"
	"errors"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

const testNS = "urn:pagokit:test"

// receiptDoc is the document most tests sign. Its exclusive (and
// inclusive) C14N form is receiptCanonical, written by hand: the XML
// declaration goes, nothing else changes.
const (
	receiptDoc = `<?xml version="1.0" encoding="UTF-8"?>
<p:Receipt xmlns:p="urn:pagokit:test"><p:Payer>Mario Rossi</p:Payer><p:Amount>1600</p:Amount><p:Email>user@user.com.evil.com</p:Email></p:Receipt>`
	receiptCanonical = `<p:Receipt xmlns:p="urn:pagokit:test"><p:Payer>Mario Rossi</p:Payer><p:Amount>1600</p:Amount><p:Email>user@user.com.evil.com</p:Email></p:Receipt>`
)

// policy trusts the RSA leaf by pinning, at a time inside its validity.
func policy(p *testPKI) Policy {
	return Policy{RootLocal: "Receipt", RootNamespace: testNS, Certificates: []*x509.Certificate{p.leaf.cert}, At: inWindow}
}

// sign signs doc with who, failing the test on error.
func sign(t testing.TB, doc string, who party, opts SignOptions) string {
	t.Helper()
	out, err := Sign([]byte(doc), who.key, who.cert, opts)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return string(out)
}

// signWithGoxmldsig signs doc with goxmldsig alone (exclusive C14N), for
// the signatures Sign refuses to make: SHA-1, a Reference to the root's
// ID attribute idAttr, DER-encoded ECDSA.
func signWithGoxmldsig(t testing.TB, doc string, who party, h crypto.Hash, idAttr string) string {
	t.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromString(doc); err != nil {
		t.Fatal(err)
	}
	ctx, err := dsig.NewSigningContext(who.key, [][]byte{who.cert.Raw})
	if err != nil {
		t.Fatal(err)
	}
	ctx.Hash = h
	ctx.IdAttribute = idAttr
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	signed, err := ctx.SignEnveloped(d.Root())
	if err != nil {
		t.Fatal(err)
	}
	d.SetRoot(signed)
	s, err := d.WriteToString()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// child returns the text of the child element local of el, or "<none>".
func child(el *etree.Element, local string) string {
	for _, c := range el.ChildElements() {
		if c.Tag == local {
			return c.Text()
		}
	}
	return "<none>"
}

// wantErr checks that err is an *Error wrapping want (nil: no error).
func wantErr(t testing.TB, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("err = %v; want nil", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("err = %v; want %v", err, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %T %v; want an *Error", err, err)
	}
}
