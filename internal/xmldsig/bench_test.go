package xmldsig

import (
	"strings"
	"testing"
)

func BenchmarkVerify(b *testing.B) {
	p := pki(b)
	pol := policy(p)
	for _, c := range []struct {
		name string
		doc  string
	}{
		{"RSA/receipt", sign(b, receiptDoc, p.leaf, SignOptions{})},
		{"ECDSA/receipt", sign(b, receiptDoc, p.ecLeaf, SignOptions{})},
		{"RSA/900-elements", sign(b, `<p:Receipt xmlns:p="urn:pagokit:test">`+strings.Repeat("<p:i>x</p:i>", 886)+`</p:Receipt>`, p.leaf, SignOptions{})},
	} {
		doc := []byte(c.doc)
		pol := pol
		if strings.HasPrefix(c.name, "ECDSA") {
			pol.Certificates = append(pol.Certificates, p.ecLeaf.cert)
		}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := Verify(doc, pol); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRefuse measures how fast hostile inputs are refused.
func BenchmarkRefuse(b *testing.B) {
	p := pki(b)
	pol := policy(p)
	laughs := `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
		`<p:Receipt xmlns:p="urn:pagokit:test">&c;&c;&c;&c;&c;&c;&c;&c;</p:Receipt>`
	for _, c := range []struct {
		name string
		doc  string
	}{
		{"billion-laughs", laughs},
		{"oversized-16MiB", `<p:Receipt xmlns:p="urn:pagokit:test">` + strings.Repeat("x", 16<<20) + `</p:Receipt>`},
		{"deep-768KiB", strings.Repeat("<a>", 1<<18)},
		{"wide-800KiB", `<p:Receipt xmlns:p="urn:pagokit:test">` + strings.Repeat("<a/>", 200_000) + `</p:Receipt>`},
	} {
		doc := []byte(c.doc)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Verify(doc, pol); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

func BenchmarkSign(b *testing.B) {
	p := pki(b)
	doc := []byte(receiptDoc)
	for _, who := range []struct {
		name string
		p    party
	}{{"RSA-2048", p.leaf}, {"ECDSA-P256", p.ecLeaf}} {
		b.Run(who.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Sign(doc, who.p.key, who.p.cert, SignOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
