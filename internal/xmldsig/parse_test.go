package xmldsig

import (
	"strings"
	"testing"
)

func TestAttackDTDAndEntities(t *testing.T) {
	p := pki(t)
	const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<p:Receipt xmlns:p="urn:pagokit:test"><p:Payer>&lol3;</p:Payer></p:Receipt>`
	signed := sign(t, receiptDoc, p.leaf, SignOptions{})
	tests := []struct{ name, doc string }{
		{"billion laughs", laughs},
		{"external entity", `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><p:Receipt xmlns:p="urn:pagokit:test">&x;</p:Receipt>`},
		{"DTD before a signed document", `<!DOCTYPE p:Receipt>` + strings.TrimPrefix(signed, `<?xml version="1.0" encoding="UTF-8"?>`)},
		{"undeclared entity", `<p:Receipt xmlns:p="urn:pagokit:test">&lol;</p:Receipt>`},
		{"processing instruction", `<?xml-stylesheet href="x.xsl"?><p:Receipt xmlns:p="urn:pagokit:test"/>`},
		{"XML declaration not first", ` <?xml version="1.0"?><p:Receipt xmlns:p="urn:pagokit:test"/>`},
		{"non-UTF-8 encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><p:Receipt xmlns:p="urn:pagokit:test"/>`},
		{"not XML", `PAGOPA|002|123456789012345678|01234567890|1600`},
		{"empty", ``},
		{"truncated", signed[:len(signed)-5]},
		{"mismatched end tag", `<p:Receipt xmlns:p="urn:pagokit:test"><a></b></p:Receipt>`},
		{"text after the root", signed + "x"},
		{"undeclared prefix", `<p:Receipt xmlns:p="urn:pagokit:test"><q:a/></p:Receipt>`},
		{"undeclared attribute prefix", `<p:Receipt xmlns:p="urn:pagokit:test" q:a="1"/>`},
		{"xml prefix rebound", `<p:Receipt xmlns:p="urn:pagokit:test" xmlns:xml="urn:x"/>`},
		{"empty prefixed namespace", `<p:Receipt xmlns:p="urn:pagokit:test"><a xmlns:p=""/></p:Receipt>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify([]byte(tt.doc), policy(p))
			wantErr(t, err, ErrMalformed)
			_, err = Sign([]byte(tt.doc), p.leaf.key, p.leaf.cert, SignOptions{})
			wantErr(t, err, ErrMalformed)
		})
	}
}

func TestLimits(t *testing.T) {
	p := pki(t)
	nest := func(depth int) string {
		return `<p:Receipt xmlns:p="urn:pagokit:test">` + strings.Repeat("<a>", depth-1) + strings.Repeat("</a>", depth-1) + `</p:Receipt>`
	}
	flat := func(n int) string {
		return `<p:Receipt xmlns:p="urn:pagokit:test">` + strings.Repeat("<a/>", n-1) + `</p:Receipt>`
	}
	huge := `<p:Receipt xmlns:p="urn:pagokit:test"><p:Payer>` + strings.Repeat("x", 1<<20) + `</p:Payer></p:Receipt>`
	tests := []struct {
		name string
		doc  string
		lim  Limits
		want error
	}{
		{"over the default MaxBytes", huge, Limits{}, ErrTooLarge},
		{"MaxBytes+1", flat(1) + strings.Repeat(" ", 100-len(flat(1))+1), Limits{MaxBytes: 100}, ErrTooLarge},
		{"MaxBytes exactly", flat(1) + strings.Repeat(" ", 100-len(flat(1))), Limits{MaxBytes: 100}, ErrNoSignature},
		{"depth 65", nest(65), Limits{}, ErrTooLarge},
		{"depth 64", nest(64), Limits{}, ErrNoSignature},
		{"depth 5 of 4", nest(5), Limits{MaxDepth: 4}, ErrTooLarge},
		{"951 elements", flat(951), Limits{}, ErrTooLarge},
		{"950 elements", flat(950), Limits{}, ErrNoSignature},
		{"11 elements of 10", flat(11), Limits{MaxElements: 10}, ErrTooLarge},
		{"a million elements", strings.Repeat("<a>", 1e6), Limits{MaxBytes: 1 << 30}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := policy(p)
			pol.Limits = tt.lim
			_, err := Verify([]byte(tt.doc), pol)
			wantErr(t, err, tt.want)
		})
	}
}

func TestSniff(t *testing.T) {
	// A CMS SignedData starts with SEQUENCE, then the content type OID
	// 1.2.840.113549.1.7.2 (06 09 2A 86 48 86 F7 0D 01 07 02).
	oid := "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"
	ber := "\x30\x80" + oid + "\xa0\x80\x30\x80\x02\x01\x01"
	der := "\x30\x82\x01\x00" + oid + "\xa0\x82\x00\xf1"
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"XML", receiptDoc, FormatXML},
		{"XML with BOM and space", "\xef\xbb\xbf \n<a/>", FormatXML},
		{"CAdES BER", ber, FormatCMS},
		{"PKCS#7 DER", der, FormatCMS},
		{"base64 of BER", "MIAGCSqGSIb3DQEHAqCAMIACAQEx", FormatCMS},
		{"PEM", "-----BEGIN PKCS7-----\nMIAG\n-----END PKCS7-----\n", FormatCMS},
		{"certificate DER", "\x30\x82\x03\x49\x30\x82\x02\x31", FormatUnknown},
		{"PDF", "%PDF-1.7\n", FormatUnknown},
		{"empty", "", FormatUnknown},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
	_, err := Verify([]byte(ber), policy(pki(t)))
	wantErr(t, err, ErrUnsupportedProfile)
	if FormatCMS.String() != "CMS" || FormatXML.String() != "XML" || FormatUnknown.String() != "unknown" {
		t.Errorf("Format.String: %v %v %v", FormatCMS, FormatXML, FormatUnknown)
	}
}
