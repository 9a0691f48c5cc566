package bollo

import (
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"
)

// trusted pins the test PSP's certificate.
func trusted(t *testing.T) Policy {
	return Policy{Certificates: []*x509.Certificate{pki(t).psp.cert}}
}

func TestVerifySigned(t *testing.T) {
	p := pki(t)
	doc := sign(t, unsignedMBD, p.psp)
	pol := Policy{Roots: x509.NewCertPool(), ExpectedHash: stampedHash, ExpectedAmountCents: 1600, ExpectedType: "01"}
	pol.Roots.AddCert(p.ca.cert)
	res, err := Verify([]byte(doc), pol)
	wantErr(t, err, nil)
	if !res.SignatureValid || !res.SignerTrusted || res.DigestMatches == nil || !*res.DigestMatches ||
		!res.Certificate.Equal(p.psp.cert) || res.MBD.IUBD != "01240002186093" || res.MBD.AmountCents != 1600 {
		t.Errorf("Result %+v", res)
	}
	res, err = Verify([]byte(doc), trusted(t))
	wantErr(t, err, nil)
	if !res.SignerTrusted {
		t.Error("pinned certificate not trusted")
	}
}

// Each attack changes a signed MBD; the table gives the error.
func TestVerifyAttacks(t *testing.T) {
	p := pki(t)
	doc := sign(t, unsignedMBD, p.psp)
	sigStart := strings.Index(doc, "<ds:Signature")
	if sigStart < 0 {
		t.Fatalf("no ds:Signature in %s", doc)
	}
	signature := doc[sigStart:strings.LastIndex(doc, "</marcaDaBollo>")]
	tests := []struct {
		name string
		doc  string
		want error
	}{
		{"IUBD changed", replace(t, doc, "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186094</IUBD>"), ErrSignature},
		{"Importo changed", replace(t, doc, "<Importo>16.00</Importo>", "<Importo>1.00</Importo>"), ErrSignature},
		{"digest changed", replace(t, doc, stampedHash, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), ErrSignature},
		{"IUBD duplicated", replace(t, doc, "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186093</IUBD><IUBD>99</IUBD>"), ErrSignature},
		{"wrapping: original under an evil root", strings.Replace(unsignedMBD, "<IUBD>01240002186093</IUBD>", "<IUBD>66666666666666</IUBD>", 1)[:len(unsignedMBD)-len("</marcaDaBollo>")] +
			"<Wrapper>" + doc + "</Wrapper>" + signature + "</marcaDaBollo>", ErrSignature},
		{"wrapping: signature moved to an evil root", strings.Replace(unsignedMBD, "<IUBD>01240002186093</IUBD>", "<IUBD>66666666666666</IUBD>", 1)[:len(unsignedMBD)-len("</marcaDaBollo>")] +
			signature + "</marcaDaBollo>", ErrSignature},
		{"second signature", replace(t, doc, "</marcaDaBollo>", signature+"</marcaDaBollo>"), ErrSignature},
		{"wrapping: original under Signature/Object, evil content at the root",
			strings.Replace(unsignedMBD, "<IUBD>01240002186093</IUBD>", "<IUBD>66666666666666</IUBD>", 1)[:len(unsignedMBD)-len("</marcaDaBollo>")] +
				replace(t, signature, "</ds:Signature>", "<ds:Object>"+doc+"</ds:Object></ds:Signature>") + "</marcaDaBollo>", ErrSignature},
		{"reference to another element", replace(t, doc, `URI=""`, `URI="#x"`), ErrSignature},
		{"extra transform", replace(t, doc, "</ds:Transforms>", `<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/></ds:Transforms>`), ErrSignature},
		{"SHA-1 digest", replace(t, doc, `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"`, `<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"`), ErrSignature},
		{"RSA-SHA1 signature", replace(t, doc, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"), ErrSignature},
		{"signature removed", doc[:sigStart] + "</marcaDaBollo>", ErrSignature},
		{"root namespace swapped", strings.ReplaceAll(doc, `xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"`, `xmlns="urn:evil"`), ErrMalformed},
		{"attacker certificate", sign(t, unsignedMBD, p.attacker), ErrUntrusted},
		{"expired certificate", sign(t, unsignedMBD, p.expired), ErrUntrusted},
		{"certificate not yet valid", sign(t, unsignedMBD, p.future), ErrUntrusted},
		{"DTD entity bomb", `<?xml version="1.0"?><!DOCTYPE marcaDaBollo [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
			replace(t, doc, "PSP Test S.p.A.", "&c;"), ErrMalformed},
		{"oversized", replace(t, doc, "</marcaDaBollo>", "<!--"+strings.Repeat("x", MaxMBDSize)+"--></marcaDaBollo>"), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Verify([]byte(tt.doc), trusted(t))
			wantErr(t, err, tt.want)
			if res != nil && res.SignerTrusted {
				t.Errorf("Result %+v: trusted", res)
			}
		})
	}
}

// A comment injected inside IUBD after signing: comments are not signed
// content, so the signature holds, and the IUBD read is the signed one,
// not the part before the comment.
func TestVerifyCommentInIUBD(t *testing.T) {
	doc := replace(t, sign(t, unsignedMBD, pki(t).psp), "<IUBD>01240002186093</IUBD>", "<IUBD>0124<!--99-->0002186093</IUBD>")
	res, err := Verify([]byte(doc), trusted(t))
	wantErr(t, err, nil)
	if res.MBD.IUBD != "01240002186093" {
		t.Errorf("IUBD %q; want 01240002186093", res.MBD.IUBD)
	}
}

// A trusted PSP that signs an MBD with two IUBDs does not get it read.
func TestVerifySignedDuplicateIUBD(t *testing.T) {
	bad := replace(t, unsignedMBD, "<IUBD>01240002186093</IUBD>", "<IUBD>01240002186093</IUBD><IUBD>99</IUBD>")
	res, err := Verify([]byte(sign(t, bad, pki(t).psp)), trusted(t))
	wantErr(t, err, ErrMalformed)
	if res == nil || !res.SignatureValid || res.MBD != nil {
		t.Errorf("Result %+v; want a valid signature and no MBD", res)
	}
}

// Without any trust the signature is checked with the KeyInfo
// certificate, and Verify fails with ErrUntrusted, with the Result filled.
func TestVerifyNoTrust(t *testing.T) {
	doc := sign(t, unsignedMBD, pki(t).attacker)
	res, err := Verify([]byte(doc), Policy{})
	wantErr(t, err, ErrUntrusted)
	if res == nil || !res.SignatureValid || res.SignerTrusted || len(res.Problems) != 1 {
		t.Fatalf("Result %+v; want a valid signature, untrusted, one problem", res)
	}
	_, err = Verify([]byte(doc), Policy{AllowUntrusted: true})
	wantErr(t, err, nil)
	// The certificate of the wrong CA does not chain to the test CA.
	pol := Policy{Roots: x509.NewCertPool()}
	pol.Roots.AddCert(pki(t).ca.cert)
	_, err = Verify([]byte(doc), pol)
	wantErr(t, err, ErrUntrusted)
}

func TestVerifyBinding(t *testing.T) {
	doc := []byte(sign(t, unsignedMBD, pki(t).psp))
	right := trusted(t)
	right.ExpectedHash = HashBytes([]byte(stampedDoc))
	res, err := Verify(doc, right)
	wantErr(t, err, nil)
	if res.DigestMatches == nil || !*res.DigestMatches {
		t.Errorf("DigestMatches %v; want true", res.DigestMatches)
	}

	wrong := trusted(t)
	wrong.ExpectedHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" // SHA-256 of ""
	res, err = Verify(doc, wrong)
	wantErr(t, err, ErrDigestMismatch)
	if res.DigestMatches == nil || *res.DigestMatches || res.MBD == nil {
		t.Errorf("Result %+v; want DigestMatches false and the MBD", res)
	}

	amount := trusted(t)
	amount.ExpectedAmountCents = 1600
	two := []byte(sign(t, replace(t, unsignedMBD, "<Importo>16.00</Importo>", "<Importo>2.00</Importo>"), pki(t).psp))
	res, err = Verify(two, amount)
	wantErr(t, err, ErrAmountMismatch)
	if res.MBD.AmountCents != 200 {
		t.Errorf("AmountCents %d; want 200", res.MBD.AmountCents)
	}

	typ := trusted(t)
	typ.ExpectedType = "02"
	_, err = Verify(doc, typ)
	wantErr(t, err, ErrTypeMismatch)

	// Every failure is listed; the error is the first.
	all := wrong
	all.ExpectedAmountCents = 1600
	all.ExpectedType = "02"
	res, err = Verify(two, all)
	wantErr(t, err, ErrDigestMismatch)
	if len(res.Problems) != 3 {
		t.Errorf("Problems %q; want 3", res.Problems)
	}

	sha1 := trusted(t)
	sha1.ExpectedHash = stampedHash
	other := []byte(sign(t, replace(t, unsignedMBD, "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#sha1"), pki(t).psp))
	_, err = Verify(other, sha1)
	wantErr(t, err, ErrDigestMismatch)

	bad := trusted(t)
	bad.ExpectedHash = "not base64!"
	_, err = Verify(doc, bad)
	wantErr(t, err, ErrInvalid)
}

// Policy.At overrides OraAcquisto: the PSP certificate (2024–2025) was
// not valid in 2023.
func TestVerifyAt(t *testing.T) {
	doc := []byte(sign(t, unsignedMBD, pki(t).psp))
	pol := trusted(t)
	pol.At = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	_, err := Verify(doc, pol)
	wantErr(t, err, ErrUntrusted)
	pol.At = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	_, err = Verify(doc, pol)
	wantErr(t, err, nil)
}

// With Policy.At set, the root is checked by the signature verifier.
func TestVerifyRootNamespaceSwappedAt(t *testing.T) {
	doc := strings.ReplaceAll(sign(t, unsignedMBD, pki(t).psp), `xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"`, `xmlns="urn:evil"`)
	pol := trusted(t)
	pol.At = purchase
	_, err := Verify([]byte(doc), pol)
	wantErr(t, err, ErrMalformed)
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Cause == nil {
		t.Errorf("error %v; want a *VerifyError with the verifier's cause", err)
	}
}
