package xmldsig

import (
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// The attack tests start from a document signed by the trusted leaf and
// change it as an attacker would. Each case states the error expected.

type attack struct {
	name string
	doc  string
	want error
}

func runAttacks(t *testing.T, pol Policy, attacks []attack) {
	t.Helper()
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			res, err := Verify([]byte(a.doc), pol)
			wantErr(t, err, a.want)
			if err == nil && res == nil {
				t.Fatal("nil Result without error")
			}
		})
	}
}

// parts splits a document signed by Sign into what precedes the
// Signature, the Signature, and the root's end tag.
func parts(t testing.TB, signed string) (head, sig, tail string) {
	t.Helper()
	i := strings.Index(signed, "<ds:Signature ")
	j := strings.LastIndex(signed, "</ds:Signature>") + len("</ds:Signature>")
	if i < 0 || j < i {
		t.Fatalf("no signature in %s", signed)
	}
	return signed[:i], signed[i:j], signed[j:]
}

func TestAttackValueChanged(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	digest := between(t, signed, "<ds:DigestValue>", "</ds:DigestValue>")
	sigValue := between(t, signed, "<ds:SignatureValue>", "</ds:SignatureValue>")
	flip := func(b64 string) string {
		if b64[0] == 'A' {
			return "B" + b64[1:]
		}
		return "A" + b64[1:]
	}
	runAttacks(t, policy(p), []attack{
		{"amount changed", replace(t, signed, ">1600<", ">1<"), ErrSignatureInvalid},
		{"payer changed", replace(t, signed, "Mario Rossi", "Mario Rosso"), ErrSignatureInvalid},
		{"element added", replace(t, signed, "<ds:Signature ", "<p:Note>paid</p:Note><ds:Signature "), ErrSignatureInvalid},
		{"attribute added", replace(t, signed, "<p:Amount>", `<p:Amount currency="USD">`), ErrSignatureInvalid},
		{"DigestValue changed", replace(t, signed, digest, flip(digest)), ErrSignatureInvalid},
		{"SignatureValue changed", replace(t, signed, sigValue, flip(sigValue)), ErrSignatureInvalid},
		{"SignatureValue truncated", replace(t, signed, sigValue, sigValue[:len(sigValue)-8]), ErrSignatureInvalid},
		{"unchanged", signed, nil},
	})
}

func TestAttackSignatureWrapping(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	head, sig, tail := parts(t, signed)
	const (
		decl     = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
		evilOpen = `<p:Receipt xmlns:p="urn:pagokit:test"><p:Payer>Eve</p:Payer><p:Amount>1</p:Amount>`
	)
	original := strings.TrimPrefix(head, decl) + tail // the signed root without its Signature
	signedRoot := strings.TrimPrefix(signed, decl)
	runAttacks(t, policy(p), []attack{
		// The classic: an evil root, the signature last in it, and the
		// original signed element hidden in a ds:Object of the signature.
		{"original moved under Signature/Object of an evil root",
			decl + evilOpen + strings.TrimSuffix(sig, "</ds:Signature>") + "<ds:Object>" + original + "</ds:Object></ds:Signature></p:Receipt>",
			ErrUnsupportedProfile},
		// An evil root of the right name around the whole signed document.
		{"evil root wrapping the signed one",
			decl + evilOpen + signedRoot + "</p:Receipt>", ErrSignatureNotLast},
		// The signature moved to an evil root that keeps the signed
		// element as a child: the digest is then over the evil root.
		{"signed element as a child with a forged sibling",
			decl + evilOpen + original + sig + "</p:Receipt>", ErrSignatureInvalid},
		{"forged element after the signature",
			replace(t, signed, "</ds:Signature>", "</ds:Signature><p:Amount>1</p:Amount>"), ErrSignatureNotLast},
	})
	// Two documents at the top level: the signed one and a forged one.
	_, err := Verify([]byte(signed+evilOpen+"</p:Receipt>"), policy(p))
	wantErr(t, err, ErrMalformed)
}

func TestAttackSignatureMovedIntoChild(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	_, sig, _ := parts(t, signed)
	moved := replace(t, strings.Replace(signed, sig, "", 1), "</p:Email>", "</p:Email><p:Extra>"+sig+"</p:Extra>")
	_, err := Verify([]byte(moved), policy(p))
	wantErr(t, err, ErrSignatureNotLast)
}

func TestAttackIDWrapping(t *testing.T) {
	p := pki(t)
	const doc = `<p:Receipt xmlns:p="urn:pagokit:test" ID="r1"><p:Amount>1600</p:Amount></p:Receipt>`
	signed := signWithGoxmldsig(t, doc, p.leaf, crypto.SHA256, "ID")
	if !strings.Contains(signed, `URI="#r1"`) {
		t.Fatalf("goxmldsig did not reference the ID: %s", signed)
	}
	withID := policy(p)
	withID.RootIDAttr = "ID"
	res, err := Verify([]byte(signed), withID)
	wantErr(t, err, nil)
	if got := res.Element.SelectAttrValue("ID", ""); got != "r1" {
		t.Errorf("verified ID = %q; want r1", got)
	}

	i := strings.Index(signed, "<ds:Signature")
	sig := signed[i : len(signed)-len("</p:Receipt>")]
	original := signed[:i] + "</p:Receipt>"
	runAttacks(t, withID, []attack{
		{"root ID changed", replace(t, signed, `ID="r1"`, `ID="r2"`), ErrBadReference},
		{"evil root keeps the signed element as a child",
			`<p:Receipt xmlns:p="urn:pagokit:test" ID="r2"><p:Amount>1</p:Amount>` + original + sig + `</p:Receipt>`, ErrBadReference},
		{"evil root with the same ID around the signed element",
			`<p:Receipt xmlns:p="urn:pagokit:test" ID="r1"><p:Amount>1</p:Amount>` + original + sig + `</p:Receipt>`, ErrSignatureInvalid},
		{"two ID attributes on the root",
			replace(t, signed, `ID="r1"`, `ID="r1" xmlns:q="urn:q" q:ID="r1"`), ErrBadReference},
	})
	// Off by default.
	runAttacks(t, policy(p), []attack{{"ID reference without RootIDAttr", signed, ErrBadReference}})
}

func TestAttackDuplicatedElements(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	_, sig, _ := parts(t, signed)
	signedInfo := "<ds:SignedInfo>" + between(t, signed, "<ds:SignedInfo>", "</ds:SignedInfo>") + "</ds:SignedInfo>"
	reference := `<ds:Reference URI="">` + between(t, signed, `<ds:Reference URI="">`, "</ds:Reference>") + "</ds:Reference>"
	keyInfo := "<ds:KeyInfo>" + between(t, signed, "<ds:KeyInfo>", "</ds:KeyInfo>") + "</ds:KeyInfo>"
	x509Data := "<ds:X509Data>" + between(t, signed, "<ds:X509Data>", "</ds:X509Data>") + "</ds:X509Data>"
	sigValue := "<ds:SignatureValue>" + between(t, signed, "<ds:SignatureValue>", "</ds:SignatureValue>") + "</ds:SignatureValue>"
	const enveloped = `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>`
	runAttacks(t, policy(p), []attack{
		{"signed element duplicated", replace(t, signed, "<p:Amount>1600</p:Amount>", "<p:Amount>1600</p:Amount><p:Amount>1</p:Amount>"), ErrSignatureInvalid},
		{"SignedInfo duplicated", replace(t, signed, signedInfo, signedInfo+signedInfo), ErrMalformed},
		{"Reference duplicated", replace(t, signed, reference, reference+reference), ErrBadReference},
		{"SignatureValue duplicated", replace(t, signed, sigValue, sigValue+sigValue), ErrMalformed},
		{"KeyInfo duplicated", replace(t, signed, keyInfo, keyInfo+keyInfo), ErrMalformed},
		{"X509Data duplicated", replace(t, signed, x509Data, x509Data+x509Data), ErrCertificate},
		{"enveloped transform twice", replace(t, signed, enveloped, enveloped+enveloped), ErrUnsupportedTransform},
		{"URI attribute duplicated", replace(t, signed, `<ds:Reference URI="">`, `<ds:Reference URI="" URI="#x">`), ErrMalformed},
		{"Signature duplicated", replace(t, signed, sig, sig+sig), ErrMultipleSignatures},
		{"attribute duplicated through two prefixes",
			replace(t, signed, `<p:Amount>`, `<p:Amount xmlns:q="urn:pagokit:test" p:c="EUR" q:c="USD">`), ErrMalformed},
	})
}

func TestAttackCommentInjection(t *testing.T) {
	p := pki(t)
	for _, c := range []Canonicalization{ExclusiveC14N, InclusiveC14N} {
		signed := sign(t, receiptDoc, p.leaf, SignOptions{Canonicalization: c})
		// The attacker cuts the signed address with a comment, hoping that
		// the reader stops at the comment and sees user@user.com.
		split := replace(t, signed, "user@user.com.evil.com", "user@user.com<!---->.evil.com")

		// A reader that takes the first text node, as DOM code often does,
		// is fooled on the unverified tree.
		naive := etree.NewDocument()
		if err := naive.ReadFromString(split); err != nil {
			t.Fatal(err)
		}
		if got := firstText(naive.Root(), "Email"); got != "user@user.com" {
			t.Fatalf("first text node of the unverified tree = %q; the attack premise does not hold", got)
		}

		// Comments are not signed, so the document verifies, and the
		// verified element reads the whole signed value.
		res, err := Verify([]byte(split), policy(p))
		wantErr(t, err, nil)
		if got := firstText(res.Element, "Email"); got != "user@user.com.evil.com" {
			t.Errorf("c14n %d: first text node of the verified Email = %q; want user@user.com.evil.com", c, got)
		}
		if string(res.Canonical) != receiptCanonical {
			t.Errorf("c14n %d: Canonical = %s; want %s", c, res.Canonical, receiptCanonical)
		}

		// A comment-split value never verifies as a different value.
		runAttacks(t, policy(p), []attack{
			{"comment replaces the tail", replace(t, signed, "user@user.com.evil.com", "user@user.com<!--.evil.com-->"), ErrSignatureInvalid},
			{"comment and new text", replace(t, signed, "user@user.com.evil.com", "user@user.com<!---->"), ErrSignatureInvalid},
			{"comment in DigestValue", replace(t, signed, "</ds:DigestValue>", "<!---->"+"</ds:DigestValue>"), ErrMalformed},
			{"comment in SignedInfo", replace(t, signed, "<ds:SignedInfo>", "<ds:SignedInfo><!-- x -->"), ErrMalformed},
		})
	}
}

func TestAttackMultipleSignatures(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	_, sig, _ := parts(t, signed)
	otherPrefix := strings.ReplaceAll(strings.ReplaceAll(sig, "ds:", "x:"), "xmlns:ds=", "xmlns:x=")
	runAttacks(t, policy(p), []attack{
		{"second signature after the first", replace(t, signed, sig, sig+sig), ErrMultipleSignatures},
		{"second signature inside the content", replace(t, signed, "<p:Payer>", "<p:Payer>"+sig), ErrMultipleSignatures},
		{"second signature with another prefix", replace(t, signed, "<p:Payer>", "<p:Payer>"+otherPrefix), ErrMultipleSignatures},
		{"second signature as default namespace",
			replace(t, signed, "<p:Payer>", `<p:Payer><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>`), ErrMultipleSignatures},
	})
	// Signing a signed document is refused too.
	_, err := Sign([]byte(signed), p.leaf.key, p.leaf.cert, SignOptions{})
	wantErr(t, err, ErrMultipleSignatures)
}

func TestAttackReferenceURI(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	runAttacks(t, policy(p), []attack{
		{"another element", replace(t, signed, `URI=""`, `URI="#payer"`), ErrBadReference},
		{"external document", replace(t, signed, `URI=""`, `URI="https://evil.example/receipt.xml"`), ErrBadReference},
		{"xpointer", replace(t, signed, `URI=""`, `URI="#xpointer(/)"`), ErrBadReference},
		{"bare #", replace(t, signed, `URI=""`, `URI="#"`), ErrBadReference},
		{"no URI", replace(t, signed, `<ds:Reference URI="">`, `<ds:Reference>`), ErrBadReference},
		{"Type attribute", replace(t, signed, `<ds:Reference URI="">`, `<ds:Reference URI="" Type="http://www.w3.org/2000/09/xmldsig#Object">`), ErrBadReference},
		{"second reference", replace(t, signed, "</ds:Reference>", `</ds:Reference><ds:Reference URI="#payer"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>`), ErrBadReference},
	})
}

func TestAttackTransforms(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	const (
		env    = `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>`
		exc    = `<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>`
		xpath  = `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>`
		xslt   = `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>`
		b64    = `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/>`
		c14n11 = `<ds:Transform Algorithm="http://www.w3.org/2006/12/xml-c14n11"/>`
		method = `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>`
	)
	transforms := env + exc
	runAttacks(t, policy(p), []attack{
		{"XPath after enveloped", replace(t, signed, transforms, env+xpath), ErrUnsupportedTransform},
		{"XPath added", replace(t, signed, transforms, env+exc+xpath), ErrUnsupportedTransform},
		{"XSLT", replace(t, signed, transforms, env+xslt), ErrUnsupportedTransform},
		{"base64", replace(t, signed, transforms, b64+env), ErrUnsupportedTransform},
		{"C14N 1.1", replace(t, signed, transforms, env+c14n11), ErrUnsupportedTransform},
		{"order swapped", replace(t, signed, transforms, exc+env), ErrUnsupportedTransform},
		{"no enveloped-signature", replace(t, signed, transforms, exc), ErrUnsupportedTransform},
		{"no Transforms", replace(t, signed, "<ds:Transforms>"+transforms+"</ds:Transforms>", ""), ErrUnsupportedTransform},
		{"empty Transforms", replace(t, signed, transforms, ""), ErrUnsupportedTransform},
		{"two C14N", replace(t, signed, transforms, env+exc+exc), ErrUnsupportedTransform},
		{"SignedInfo C14N 1.1", replace(t, signed, method, `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"/>`), ErrUnsupportedTransform},
		{"SignedInfo InclusiveNamespaces",
			replace(t, signed, method, `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="p"/></ds:CanonicalizationMethod>`),
			ErrUnsupportedTransform},
		{"parameters of enveloped-signature",
			replace(t, signed, env, `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"><ds:XPath>1</ds:XPath></ds:Transform>`),
			ErrUnsupportedTransform},
		// InclusiveNamespaces on the exclusive transform passes the profile
		// check, but adding it changes the signed SignedInfo.
		{"InclusiveNamespaces added",
			replace(t, signed, exc, `<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList=""/></ds:Transform>`),
			ErrSignatureInvalid},
	})
}

func TestAttackWeakAlgorithms(t *testing.T) {
	p := pki(t)
	sha1Signed := signWithGoxmldsig(t, receiptDoc, p.leaf, crypto.SHA1, "")
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	const (
		rsa256 = `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>`
		sha256 = `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>`
	)
	method := func(uri string) string {
		return replace(t, signed, rsa256, `<ds:SignatureMethod Algorithm="`+uri+`"/>`)
	}
	digest := func(uri string) string { return replace(t, signed, sha256, `<ds:DigestMethod Algorithm="`+uri+`"/>`) }
	strict := policy(p)
	runAttacks(t, strict, []attack{
		{"SHA-1 signature", sha1Signed, ErrWeakAlgorithm},
		{"downgrade to rsa-sha1", method(RSASHA1), ErrWeakAlgorithm},
		{"downgrade to ecdsa-sha1", method(ECDSASHA1), ErrWeakAlgorithm},
		{"downgrade to sha1 digest", digest(DigestSHA1), ErrWeakAlgorithm},
		{"rsa-md5", method(RSAMD5), ErrWeakAlgorithm},
		{"md5 digest", digest(DigestMD5), ErrWeakAlgorithm},
		{"hmac-sha256", method("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"), ErrUnsupportedAlgorithm},
		{"rsa-pss", method("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"), ErrUnsupportedAlgorithm},
		{"unknown digest", digest("http://www.w3.org/2001/04/xmldsig-more#sha3-256"), ErrUnsupportedAlgorithm},
		{"ecdsa method with an RSA key", method(ECDSASHA256), ErrSignatureInvalid},
		{"rsa-sha512 method over a SHA-256 signature", method(RSASHA512), ErrSignatureInvalid},
	})
	allow := strict
	allow.AllowSHA1 = true
	runAttacks(t, allow, []attack{
		{"SHA-1 signature allowed", sha1Signed, nil},
		{"downgrade to rsa-sha1 still invalid", method(RSASHA1), ErrSignatureInvalid},
		{"sha1 digest of a SHA-256 value", digest(DigestSHA1), ErrMalformed},
		{"rsa-md5 never", method(RSAMD5), ErrWeakAlgorithm},
		{"md5 digest never", digest(DigestMD5), ErrWeakAlgorithm},
	})
	res, err := Verify([]byte(sha1Signed), allow)
	wantErr(t, err, nil)
	if res.Algorithm != "http://www.w3.org/2000/09/xmldsig#rsa-sha1" || res.DigestAlgorithm != "http://www.w3.org/2000/09/xmldsig#sha1" {
		t.Errorf("Algorithm %s, DigestAlgorithm %s; want rsa-sha1, sha1", res.Algorithm, res.DigestAlgorithm)
	}
}

func TestAttackECDSAEncoding(t *testing.T) {
	p := pki(t)
	// goxmldsig alone writes ECDSA values in DER, which XML-DSig does not
	// allow; Verify accepts r||s only.
	der := signWithGoxmldsig(t, receiptDoc, p.ecLeaf, crypto.SHA256, "")
	pol := policy(p)
	pol.Certificates = []*x509.Certificate{p.ecLeaf.cert}
	_, err := Verify([]byte(der), pol)
	wantErr(t, err, ErrSignatureInvalid)
	_, err = Verify([]byte(sign(t, receiptDoc, p.ecLeaf, SignOptions{})), pol)
	wantErr(t, err, nil)
}

func TestAttackAttackerCertificate(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	leafB64 := between(t, signed, "<ds:X509Certificate>", "</ds:X509Certificate>")
	certB64 := func(c *x509.Certificate) string { return base64.StdEncoding.EncodeToString(c.Raw) }
	pinned := policy(p)
	chained := Policy{RootLocal: "Receipt", RootNamespace: testNS, Roots: pool(p.ca.cert), Intermediates: pool(p.inter.cert), At: inWindow}
	attacks := []attack{
		{"self-signed attacker", sign(t, receiptDoc, p.selfSigned, SignOptions{}), ErrUntrusted},
		{"attacker CA leaf with the same name", sign(t, receiptDoc, p.attacker, SignOptions{Chain: []*x509.Certificate{p.attackerCA.cert}}), ErrUntrusted},
		{"KeyInfo swapped for the attacker's", replace(t, signed, leafB64, certB64(p.selfSigned.cert)), ErrUntrusted},
		{"attacker certificate first in X509Data",
			replace(t, signed, "<ds:X509Data>", "<ds:X509Data><ds:X509Certificate>"+certB64(p.selfSigned.cert)+"</ds:X509Certificate>"), ErrUntrusted},
		{"not a certificate", replace(t, signed, leafB64, "AAAA"), ErrCertificate},
		{"not base64", replace(t, signed, leafB64, "!!!"), ErrCertificate},
	}
	runAttacks(t, pinned, attacks)
	runAttacks(t, chained, attacks)
	// A certificate that chains, but whose key did not sign.
	pinned.Certificates = append(pinned.Certificates, p.leaf2.cert)
	other := replace(t, signed, leafB64, certB64(p.leaf2.cert))
	runAttacks(t, pinned, []attack{{"KeyInfo swapped for another pinned certificate", other, ErrSignatureInvalid}})
	runAttacks(t, chained, []attack{{"KeyInfo swapped for another certificate of the CA", other, ErrSignatureInvalid}})

	_, err := Verify([]byte(attacks[1].doc), chained)
	var uae x509.UnknownAuthorityError
	if !errors.As(err, &uae) {
		t.Errorf("err = %v; want it to wrap x509.UnknownAuthorityError", err)
	}
}

func TestAttackNamespaceSwap(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	runAttacks(t, policy(p), []attack{
		{"root in another namespace", replace(t, signed, `xmlns:p="urn:pagokit:test"`, `xmlns:p="urn:evil"`), ErrWrongRoot},
		{"root in no namespace",
			sign(t, `<Receipt><Amount>1600</Amount></Receipt>`, p.leaf, SignOptions{}), ErrWrongRoot},
		{"root of another name", sign(t, `<p:Invoice xmlns:p="urn:pagokit:test"/>`, p.leaf, SignOptions{}), ErrWrongRoot},
		// Same namespace under another prefix passes the root check, but the
		// prefix is part of what was signed.
		{"prefix renamed", strings.NewReplacer("<p:", "<q:", "</p:", "</q:", "xmlns:p=", "xmlns:q=").Replace(signed), ErrSignatureInvalid},
	})
}

func TestAttackXAdES(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	const (
		object = `<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#sig">` +
			`<xades:SignedProperties Id="sp"><xades:SignedSignatureProperties><xades:SigningTime>2025-06-01T12:00:00Z</xades:SigningTime>` +
			`</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>`
		propsRef = `<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#sp">` +
			`<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>`
	)
	runAttacks(t, policy(p), []attack{
		{"XAdES-BES", replace(t, replace(t, signed, "</ds:Reference>", "</ds:Reference>"+propsRef), "</ds:KeyInfo>", "</ds:KeyInfo>"+object), ErrUnsupportedProfile},
		{"SignedProperties reference only", replace(t, signed, "</ds:Reference>", "</ds:Reference>"+propsRef), ErrUnsupportedProfile},
		{"QualifyingProperties only", replace(t, signed, "</ds:KeyInfo>", "</ds:KeyInfo>"+object), ErrUnsupportedProfile},
		{"plain ds:Object", replace(t, signed, "</ds:KeyInfo>", "</ds:KeyInfo><ds:Object>data</ds:Object>"), ErrUnsupportedProfile},
	})
	_, err := Verify([]byte(replace(t, signed, "</ds:KeyInfo>", "</ds:KeyInfo>"+object)), policy(p))
	if err == nil || !strings.Contains(err.Error(), "XAdES") {
		t.Errorf("err = %v; want it to name XAdES", err)
	}
}

func TestAttackSignatureShape(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	runAttacks(t, policy(p), []attack{
		{"text in SignedInfo", replace(t, signed, "<ds:SignedInfo>", "<ds:SignedInfo>x"), ErrMalformed},
		{"foreign element in Signature", replace(t, signed, "</ds:KeyInfo>", "</ds:KeyInfo><p:Extra/>"), ErrMalformed},
		{"SignedInfo in another namespace",
			strings.ReplaceAll(signed, "ds:SignedInfo", "x:SignedInfo xmlns:x=\"urn:x\""), ErrMalformed},
		{"KeyInfo before SignatureValue", moveKeyInfo(t, signed), ErrMalformed},
		{"no SignatureValue", replace(t, signed, "<ds:SignatureValue>"+between(t, signed, "<ds:SignatureValue>", "</ds:SignatureValue>")+"</ds:SignatureValue>", ""), ErrMalformed},
		{"SignatureValue not base64", replace(t, signed, "<ds:SignatureValue>", "<ds:SignatureValue>*"), ErrMalformed},
		{"DigestValue of the wrong length", replace(t, signed, "<ds:DigestValue>", "<ds:DigestValue>AAAA"), ErrMalformed},
		{"processing instruction in Signature", replace(t, signed, "<ds:SignedInfo>", "<ds:SignedInfo><?pi x?>"), ErrMalformed},
	})
}

func moveKeyInfo(t *testing.T, signed string) string {
	keyInfo := "<ds:KeyInfo>" + between(t, signed, "<ds:KeyInfo>", "</ds:KeyInfo>") + "</ds:KeyInfo>"
	s := replace(t, signed, keyInfo, "")
	return replace(t, s, "<ds:SignatureValue>", keyInfo+"<ds:SignatureValue>")
}

// firstText returns the first text node of the child element local of
// el, as a DOM reader taking firstChild would.
func firstText(el *etree.Element, local string) string {
	for _, c := range el.ChildElements() {
		if c.Tag == local && len(c.Child) > 0 {
			if cd, ok := c.Child[0].(*etree.CharData); ok {
				return cd.Data
			}
		}
	}
	return "<none>"
}
