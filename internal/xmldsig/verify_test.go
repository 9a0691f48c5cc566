package xmldsig

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// summary is what the tests compare of a Result.
type summary struct {
	Trusted                    bool
	Signer                     string
	Chain                      []string
	Algorithm, DigestAlgorithm string
	Payer, Amount, Email       string
	Canonical                  string
}

func summarize(r *Result) summary {
	s := summary{
		Trusted:         r.Trusted,
		Signer:          r.Certificate.Subject.CommonName,
		Algorithm:       r.Algorithm,
		DigestAlgorithm: r.DigestAlgorithm,
		Payer:           child(r.Element, "Payer"),
		Amount:          child(r.Element, "Amount"),
		Email:           child(r.Element, "Email"),
		Canonical:       string(r.Canonical),
	}
	for _, c := range r.Chain {
		s.Chain = append(s.Chain, c.Subject.CommonName)
	}
	return s
}

func TestVerifyPinned(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})

	// The digest Sign wrote is that of the hand-written canonical form.
	sum := sha256.Sum256([]byte(receiptCanonical))
	if got, want := between(t, signed, "<ds:DigestValue>", "</ds:DigestValue>"), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		t.Fatalf("DigestValue = %s; want %s", got, want)
	}

	res, err := Verify([]byte(signed), policy(p))
	wantErr(t, err, nil)
	want := summary{
		Trusted:         true,
		Signer:          "00000000000 TEST PSP",
		Algorithm:       "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
		DigestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
		Payer:           "Mario Rossi",
		Amount:          "1600",
		Email:           "user@user.com.evil.com",
		Canonical:       receiptCanonical,
	}
	if diff := cmp.Diff(want, summarize(res)); diff != "" {
		t.Errorf("Verify (-want +got):\n%s", diff)
	}
	if !res.Time.Equal(inWindow) {
		t.Errorf("Time = %v; want %v", res.Time, inWindow)
	}
	if res.Element.Parent() != nil && res.Element.Parent().Tag != "" {
		t.Errorf("Element has a parent element %q", res.Element.Parent().Tag)
	}
	for _, c := range res.Element.ChildElements() {
		if c.Tag == "Signature" {
			t.Errorf("Element still holds the Signature")
		}
	}
}

func TestVerifyChain(t *testing.T) {
	p := pki(t)
	withInter := sign(t, receiptDoc, p.leaf, SignOptions{Chain: []*x509.Certificate{p.inter.cert}})
	leafOnly := sign(t, receiptDoc, p.leaf, SignOptions{})
	tests := []struct {
		name      string
		doc       string
		pol       Policy
		wantChain []string
		wantErr   error
	}{
		{"intermediate in KeyInfo", withInter, Policy{Roots: pool(p.ca.cert)},
			[]string{"00000000000 TEST PSP", "Test Intermediate CA", "Test Root CA"}, nil},
		{"intermediate in the policy", leafOnly, Policy{Roots: pool(p.ca.cert), Intermediates: pool(p.inter.cert)},
			[]string{"00000000000 TEST PSP", "Test Intermediate CA", "Test Root CA"}, nil},
		{"intermediate as root", leafOnly, Policy{Roots: pool(p.inter.cert)},
			[]string{"00000000000 TEST PSP", "Test Intermediate CA"}, nil},
		{"no intermediate", leafOnly, Policy{Roots: pool(p.ca.cert)}, nil, ErrUntrusted},
		{"other root", withInter, Policy{Roots: pool(p.attackerCA.cert)}, nil, ErrUntrusted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := tt.pol
			pol.RootLocal, pol.RootNamespace = "Receipt", testNS
			if pol.At.IsZero() {
				pol.At = inWindow
			}
			res, err := Verify([]byte(tt.doc), pol)
			wantErr(t, err, tt.wantErr)
			if err != nil {
				return
			}
			got := summarize(res)
			if !got.Trusted || !cmp.Equal(got.Chain, tt.wantChain) {
				t.Errorf("Trusted = %v, Chain = %q; want true, %q", got.Trusted, got.Chain, tt.wantChain)
			}
		})
	}
	// The cause of an unknown authority is kept for errors.As.
	_, err := Verify([]byte(leafOnly), Policy{RootLocal: "Receipt", RootNamespace: testNS, Roots: pool(p.ca.cert), At: inWindow})
	var uae x509.UnknownAuthorityError
	if !errors.As(err, &uae) {
		t.Errorf("err = %v; want it to wrap an x509.UnknownAuthorityError", err)
	}
}

func TestSignVerifyAlgorithms(t *testing.T) {
	p := pki(t)
	const (
		exc = "http://www.w3.org/2001/10/xml-exc-c14n#"
		inc = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
	)
	tests := []struct {
		name       string
		who        party
		opts       SignOptions
		c14n       string
		alg, dgAlg string
	}{
		{"RSA-SHA256 exclusive", p.leaf, SignOptions{}, exc,
			"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"},
		{"RSA-SHA256 inclusive", p.leaf, SignOptions{Canonicalization: InclusiveC14N}, inc,
			"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"},
		{"RSA-SHA384", p.leaf, SignOptions{Hash: crypto.SHA384}, exc,
			"http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#sha384"},
		{"RSA-SHA512", p.leaf, SignOptions{Hash: crypto.SHA512}, exc,
			"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "http://www.w3.org/2001/04/xmlenc#sha512"},
		{"ECDSA-SHA256 exclusive", p.ecLeaf, SignOptions{}, exc,
			"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"},
		{"ECDSA-SHA256 inclusive", p.ecLeaf, SignOptions{Canonicalization: InclusiveC14N}, inc,
			"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signed := sign(t, receiptDoc, tt.who, tt.opts)
			wantTransforms := `<ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
				`<ds:Transform Algorithm="` + tt.c14n + `"/></ds:Transforms>`
			if !strings.Contains(signed, wantTransforms) || !strings.Contains(signed, `<ds:CanonicalizationMethod Algorithm="`+tt.c14n+`"/>`) {
				t.Errorf("signed document lacks the %s transforms:\n%s", tt.c14n, signed)
			}
			if tt.who.cert.PublicKeyAlgorithm == x509.ECDSA {
				// r||s of P-256: 64 bytes.
				v, _ := base64.StdEncoding.DecodeString(between(t, signed, "<ds:SignatureValue>", "</ds:SignatureValue>"))
				if len(v) != 64 {
					t.Errorf("ECDSA SignatureValue is %d bytes; want 64 (r||s)", len(v))
				}
			}
			pol := policy(p)
			pol.Certificates = []*x509.Certificate{tt.who.cert}
			res, err := Verify([]byte(signed), pol)
			wantErr(t, err, nil)
			if res.Algorithm != tt.alg || res.DigestAlgorithm != tt.dgAlg || string(res.Canonical) != receiptCanonical {
				t.Errorf("Algorithm %s, DigestAlgorithm %s, Canonical %s; want %s, %s, %s",
					res.Algorithm, res.DigestAlgorithm, res.Canonical, tt.alg, tt.dgAlg, receiptCanonical)
			}
		})
	}
}

func TestVerifyValidityWindow(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{Chain: []*x509.Certificate{p.inter.cert}})
	tests := []struct {
		name string
		at   time.Time
		want error
	}{
		{"a second before NotBefore", leafFrom.Add(-time.Second), ErrNotYetValid},
		{"a year before", time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), ErrNotYetValid},
		{"at NotBefore", leafFrom, nil},
		{"inside", inWindow, nil},
		{"at NotAfter", leafUntil, nil},
		{"a second after NotAfter", leafUntil.Add(time.Second), ErrExpired},
		{"2026-12-01", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pinned := policy(p)
			pinned.At = tt.at
			_, err := Verify([]byte(signed), pinned)
			wantErr(t, err, tt.want)

			chained := Policy{RootLocal: "Receipt", RootNamespace: testNS, Roots: pool(p.ca.cert), At: tt.at}
			_, err = Verify([]byte(signed), chained)
			wantErr(t, err, tt.want)

			clocked := policy(p)
			clocked.At = time.Time{}
			clocked.Clock = func() time.Time { return tt.at }
			_, err = Verify([]byte(signed), clocked)
			wantErr(t, err, tt.want)
		})
	}
	// At wins over Clock.
	pol := policy(p)
	pol.Clock = func() time.Time { return leafUntil.Add(time.Hour) }
	_, err := Verify([]byte(signed), pol)
	wantErr(t, err, nil)
}

func TestVerifyAllowUntrusted(t *testing.T) {
	p := pki(t)
	byAttacker := sign(t, receiptDoc, p.selfSigned, SignOptions{})
	byLeaf := sign(t, receiptDoc, p.leaf, SignOptions{})
	tests := []struct {
		name        string
		doc         string
		at          time.Time
		wantTrusted bool
		wantSigner  *x509.Certificate
		wantErr     error
	}{
		{"untrusted but intact", byAttacker, inWindow, false, p.selfSigned.cert, nil},
		{"trusted", byLeaf, inWindow, true, p.leaf.cert, nil},
		{"untrusted and changed", strings.Replace(byAttacker, ">1600<", ">1<", 1), inWindow, false, nil, ErrSignatureInvalid},
		{"untrusted and expired", byAttacker, leafUntil.Add(time.Hour), false, nil, ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := policy(p)
			pol.AllowUntrusted, pol.At = true, tt.at
			res, err := Verify([]byte(tt.doc), pol)
			wantErr(t, err, tt.wantErr)
			if err != nil {
				return
			}
			if res.Trusted != tt.wantTrusted || !res.Certificate.Equal(tt.wantSigner) || res.Chain != nil {
				t.Errorf("Trusted = %v, signer %s, chain %d; want %v, %s, none",
					res.Trusted, res.Certificate.Subject, len(res.Chain), tt.wantTrusted, tt.wantSigner.Subject)
			}
			if got := child(res.Element, "Amount"); got != "1600" {
				t.Errorf("Amount = %q; want 1600", got)
			}
		})
	}
	// Without AllowUntrusted the same document is refused.
	_, err := Verify([]byte(byAttacker), policy(p))
	wantErr(t, err, ErrUntrusted)
}

func TestVerifyWithoutKeyInfo(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	keyInfo := "<ds:KeyInfo>" + between(t, signed, "<ds:KeyInfo>", "</ds:KeyInfo>") + "</ds:KeyInfo>"
	noKeyInfo := replace(t, signed, keyInfo, "")
	keyName := replace(t, signed, keyInfo, "<ds:KeyInfo><ds:KeyName>psp</ds:KeyName></ds:KeyInfo>")
	tests := []struct {
		name   string
		doc    string
		pinned []*x509.Certificate
		want   error
	}{
		{"one pinned", noKeyInfo, []*x509.Certificate{p.leaf.cert}, nil},
		{"the second of two pinned", noKeyInfo, []*x509.Certificate{p.leaf2.cert, p.leaf.cert}, nil},
		{"KeyName only", keyName, []*x509.Certificate{p.leaf.cert}, nil},
		{"wrong pinned", noKeyInfo, []*x509.Certificate{p.leaf2.cert}, ErrSignatureInvalid},
		{"nothing pinned", noKeyInfo, nil, ErrCertificate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := policy(p)
			pol.Certificates = tt.pinned
			pol.Roots = pool(p.ca.cert)
			res, err := Verify([]byte(tt.doc), pol)
			wantErr(t, err, tt.want)
			if err == nil && (!res.Certificate.Equal(p.leaf.cert) || !res.Trusted) {
				t.Errorf("signer %s trusted %v; want the leaf, trusted", res.Certificate.Subject, res.Trusted)
			}
		})
	}
}

func TestVerifyKeyUsage(t *testing.T) {
	p := pki(t)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7), NotBefore: leafFrom, NotAfter: leafUntil,
		KeyUsage: x509.KeyUsageKeyAgreement, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.inter.cert, key.Public(), p.inter.key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	signed := sign(t, receiptDoc, party{key, cert}, SignOptions{})
	pol := policy(p)
	pol.Certificates = []*x509.Certificate{cert}
	_, err = Verify([]byte(signed), pol)
	wantErr(t, err, ErrCertificate)
}

func TestVerifyRootByNamespaceNotPrefix(t *testing.T) {
	p := pki(t)
	doc := `<Receipt xmlns="urn:pagokit:test"><Payer>Mario Rossi</Payer><Amount>1600</Amount></Receipt>`
	res, err := Verify([]byte(sign(t, doc, p.leaf, SignOptions{})), policy(p))
	wantErr(t, err, nil)
	if got := child(res.Element, "Amount"); got != "1600" {
		t.Errorf("Amount = %q; want 1600", got)
	}
	// A document element named Signature in another namespace is content.
	doc = `<p:Receipt xmlns:p="urn:pagokit:test"><p:Signature>Mario Rossi</p:Signature></p:Receipt>`
	res, err = Verify([]byte(sign(t, doc, p.leaf, SignOptions{})), policy(p))
	wantErr(t, err, nil)
	if got := child(res.Element, "Signature"); got != "Mario Rossi" {
		t.Errorf("p:Signature = %q; want Mario Rossi", got)
	}
}

func TestVerifyElementBudget(t *testing.T) {
	p := pki(t)
	// flat returns a root with n-1 children: n elements before signing;
	// the Signature Sign adds has 13 more (Signature, SignedInfo,
	// CanonicalizationMethod, SignatureMethod, Reference, Transforms, two
	// Transform, DigestMethod, DigestValue, SignatureValue, KeyInfo,
	// X509Data, X509Certificate).
	flat := func(n int) string {
		return `<p:Receipt xmlns:p="urn:pagokit:test">` + strings.Repeat("<p:i>x</p:i>", n-1) + `</p:Receipt>`
	}
	big := Limits{MaxElements: 5000}
	pol := policy(p)

	_, err := Verify([]byte(sign(t, flat(900-13), p.leaf, SignOptions{})), pol)
	wantErr(t, err, nil)

	// 1100 elements: Sign refuses them under the default limits …
	_, err = Sign([]byte(flat(1100)), p.leaf.key, p.leaf.cert, SignOptions{})
	wantErr(t, err, ErrTooLarge)
	// … and signs them under larger ones (goxmldsig's signer has no
	// budget), but Verify refuses them: by its own count by default …
	signed := sign(t, flat(1100-13), p.leaf, SignOptions{Limits: big})
	_, err = Verify([]byte(signed), pol)
	wantErr(t, err, ErrTooLarge)
	var e *Error
	if errors.As(err, &e); e.Cause != nil {
		t.Errorf("default limits: cause %v; want the pre-scan to refuse", e.Cause)
	}
	// … and through goxmldsig's traversal budget with larger limits.
	pol.Limits = big
	_, err = Verify([]byte(signed), pol)
	wantErr(t, err, ErrTooLarge)
	if errors.As(err, &e); e.Cause == nil || !strings.Contains(e.Cause.Error(), "traversal limit") {
		t.Errorf("larger limits: cause %v; want goxmldsig's traversal limit", e.Cause)
	}
}

func TestVerifyPolicyErrors(t *testing.T) {
	p := pki(t)
	signed := []byte(sign(t, receiptDoc, p.leaf, SignOptions{}))
	for _, pol := range []Policy{
		{RootNamespace: testNS, Certificates: []*x509.Certificate{p.leaf.cert}},
		{RootLocal: "Receipt", RootNamespace: testNS, Certificates: []*x509.Certificate{nil}},
	} {
		_, err := Verify(signed, pol)
		wantErr(t, err, ErrPolicy)
	}
}

func TestVerifyNoTrust(t *testing.T) {
	p := pki(t)
	signed := []byte(sign(t, receiptDoc, p.leaf, SignOptions{}))
	_, err := Verify(signed, Policy{RootLocal: "Receipt", RootNamespace: testNS, At: inWindow})
	wantErr(t, err, ErrUntrusted)
}

func TestErrorDetail(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	_, err := Verify([]byte(replace(t, signed, `URI=""`, `URI="#elsewhere"`)), policy(p))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v; want an *Error", err)
	}
	if e.Err != ErrBadReference || e.Path != "/p:Receipt/ds:Signature/ds:SignedInfo/ds:Reference" {
		t.Errorf("Err %v at %q; want %v at /p:Receipt/ds:Signature/ds:SignedInfo/ds:Reference", e.Err, e.Path, ErrBadReference)
	}
	want := `xmldsig: reference does not designate the root element: URI "#elsewhere", only "" is accepted at /p:Receipt/ds:Signature/ds:SignedInfo/ds:Reference`
	if e.Error() != want {
		t.Errorf("Error() = %q; want %q", e.Error(), want)
	}
}

// TestSignSignatureValue checks the RSA signature Sign writes, computed
// independently over the hand-written canonical SignedInfo.
func TestSignSignatureValue(t *testing.T) {
	p := pki(t)
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	digest := between(t, signed, "<ds:DigestValue>", "</ds:DigestValue>")
	// Exclusive C14N of SignedInfo: the ds namespace declared on it, end
	// tags written out.
	si := `<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">` +
		`<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>` +
		`<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod>` +
		`<ds:Reference URI=""><ds:Transforms>` +
		`<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform>` +
		`<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform></ds:Transforms>` +
		`<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod>` +
		`<ds:DigestValue>` + digest + `</ds:DigestValue></ds:Reference></ds:SignedInfo>`
	sum := sha256.Sum256([]byte(si))
	sigValue, err := base64.StdEncoding.DecodeString(between(t, signed, "<ds:SignatureValue>", "</ds:SignatureValue>"))
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPKCS1v15(p.leaf.cert.PublicKey.(*rsa.PublicKey), crypto.SHA256, sum[:], sigValue); err != nil {
		t.Errorf("SignatureValue does not verify over the canonical SignedInfo: %v", err)
	}
	// The signed document is the input with the Signature before the
	// root's end tag.
	prefix := strings.TrimSuffix(receiptDoc, "</p:Receipt>") + `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>`
	if !strings.HasPrefix(signed, prefix) || !strings.HasSuffix(signed, "</ds:X509Data></ds:KeyInfo></ds:Signature></p:Receipt>") {
		t.Errorf("signed document has an unexpected shape:\n%s", signed)
	}
}
