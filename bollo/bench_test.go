package bollo

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/pagokit/pagokit/internal/xmldsig"
)

func BenchmarkHash(b *testing.B) {
	doc := bytes.Repeat([]byte("x"), 1<<20)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Hash(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMBD(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	for b.Loop() {
		if _, err := ParseMBD(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	pol := Policy{Certificates: pki(b).certs(), ExpectedHash: stampedHash}
	for b.Loop() {
		if _, err := Verify(doc, pol); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyFloor is the least any verification of the MBD of
// BenchmarkVerify must do: the SHA-256 digest of the canonical document
// and of the canonical SignedInfo, and the RSA-2048 PKCS #1 v1.5
// verification. The canonical bytes are computed once, outside the loop;
// the setup checks that they are the signed ones (the digest equals
// DigestValue, the signature verifies).
func BenchmarkVerifyFloor(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	res, err := xmldsig.Verify(doc, xmldsig.Policy{RootLocal: "marcaDaBollo", RootNamespace: Namespace, Certificates: pki(b).certs(), At: purchase})
	if err != nil {
		b.Fatal(err)
	}
	canonicalDoc := res.Canonical

	tree := etree.NewDocument()
	if err := tree.ReadFromBytes(doc); err != nil {
		b.Fatal(err)
	}
	signedInfo, err := etreeutils.NSFindOne(tree.Root(), DSigNamespace, "SignedInfo")
	if err != nil || signedInfo == nil {
		b.Fatalf("SignedInfo: %v", err)
	}
	ctx, err := etreeutils.NSBuildParentContext(signedInfo)
	if err != nil {
		b.Fatal(err)
	}
	detached, err := etreeutils.NSDetatch(ctx, signedInfo)
	if err != nil {
		b.Fatal(err)
	}
	canonicalSI, err := dsig.MakeC14N10RecCanonicalizer().Canonicalize(detached)
	if err != nil {
		b.Fatal(err)
	}
	digestValue, sigValue := textOf(b, tree, "DigestValue", 1), textOf(b, tree, "SignatureValue", 0)
	pub := pki(b).psp.cert.PublicKey.(*rsa.PublicKey)
	floor := func() error {
		d := sha256.Sum256(canonicalDoc)
		if !bytes.Equal(d[:], digestValue) {
			return errors.New("digest of the canonical document is not DigestValue")
		}
		h := sha256.Sum256(canonicalSI)
		return rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sigValue)
	}
	if err := floor(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := floor(); err != nil {
			b.Fatal(err)
		}
	}
}

// textOf returns the base64-decoded text of the n-th (from 0) element
// named local in the XML-DSig namespace.
func textOf(b *testing.B, doc *etree.Document, local string, n int) []byte {
	b.Helper()
	var found []*etree.Element
	for _, el := range doc.FindElements("//" + local) {
		if el.NamespaceURI() == DSigNamespace {
			found = append(found, el)
		}
	}
	if len(found) <= n {
		b.Fatalf("%d %s elements", len(found), local)
	}
	v, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(found[n].Text()), ""))
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// BenchmarkGoxmldsigValidate is goxmldsig's Validate alone, on the MBD of
// BenchmarkVerify parsed once outside the loop, with the signer
// certificate given and KeyInfo removed as Verify does: the part of
// Verify's cost that is the validator's own.
func BenchmarkGoxmldsigValidate(b *testing.B) {
	doc := []byte(sign(b, unsignedMBD, pki(b).psp))
	tree := etree.NewDocument()
	if err := tree.ReadFromBytes(doc); err != nil {
		b.Fatal(err)
	}
	sig, err := etreeutils.NSFindOne(tree.Root(), DSigNamespace, "Signature")
	if err != nil || sig == nil {
		b.Fatalf("Signature: %v", err)
	}
	keyInfo, err := etreeutils.NSFindOne(sig, DSigNamespace, "KeyInfo")
	if err != nil || keyInfo == nil {
		b.Fatalf("KeyInfo: %v", err)
	}
	sig.RemoveChild(keyInfo)
	vctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: pki(b).certs()})
	vctx.Clock = dsig.NewFakeClockAt(purchase)
	for b.Loop() {
		if _, err := vctx.Validate(tree.Root()); err != nil {
			b.Fatal(err)
		}
	}
}
