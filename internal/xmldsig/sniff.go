package xmldsig

import (
	"bytes"
	"encoding/base64"
)

// A Format is what Sniff recognises an input as.
type Format int

// The formats Sniff tells apart.
const (
	FormatUnknown Format = iota
	FormatXML            // starts with '<' after an optional BOM and white space
	FormatCMS            // CAdES / PKCS#7 signed data (.p7m): DER, BER, PEM or base64
)

// String returns the name of f.
func (f Format) String() string {
	switch f {
	case FormatXML:
		return "XML"
	case FormatCMS:
		return "CMS"
	}
	return "unknown"
}

// oidSignedData is the DER encoding of the OID 1.2.840.113549.1.7.2
// (PKCS#7 signedData), with its tag and length.
var oidSignedData = []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}

// Sniff labels b by its first bytes, without parsing it: an XML document,
// a CMS signature (CAdES or PKCS#7, which Verify does not handle and
// reports as ErrUnsupportedProfile), or something else. Callers use it to
// route a signed attachment to the right verifier.
func Sniff(b []byte) Format {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(b) == 0:
		return FormatUnknown
	case b[0] == '<':
		return FormatXML
	case bytes.HasPrefix(b, []byte("-----BEGIN PKCS7-----")), bytes.HasPrefix(b, []byte("-----BEGIN CMS-----")):
		return FormatCMS
	case isSignedData(b):
		return FormatCMS
	}
	// base64 of DER: decode a short prefix (a multiple of 4 characters).
	n := min(len(b), 64) &^ 3
	prefix := make([]byte, base64.StdEncoding.DecodedLen(n))
	if m, err := base64.StdEncoding.Decode(prefix, b[:n]); err == nil && isSignedData(prefix[:m]) {
		return FormatCMS
	}
	return FormatUnknown
}

// isSignedData reports a SEQUENCE (definite or indefinite length) whose
// first element is the signedData content type.
func isSignedData(b []byte) bool {
	if len(b) < 2 || b[0] != 0x30 {
		return false
	}
	i := 2
	switch l := b[1]; {
	case l == 0x80: // BER indefinite length
	case l < 0x80:
	case l <= 0x84:
		i += int(l & 0x7f)
	default:
		return false
	}
	return len(b) >= i+len(oidSignedData) && bytes.Equal(b[i:i+len(oidSignedData)], oidSignedData)
}
