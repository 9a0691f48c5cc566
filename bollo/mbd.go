package bollo

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Namespaces and algorithm of the MarcaDaBollo document.
const (
	// Namespace is the namespace of the MarcaDaBollo schema.
	Namespace = "http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"
	// DSigNamespace is the XML-DSig namespace of DigestValue and
	// Signature.
	DSigNamespace = "http://www.w3.org/2000/09/xmldsig#"
	// DigestSHA256 is the only DigestMethod the schema allows for
	// ImprontaDocumento.
	DigestSHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
	// TypeStamp is TipoBollo "01", imposta di bollo, the only code the
	// schema defines.
	TypeStamp = "01"
)

// An MBD is the content of a MarcaDaBollo document. Returned by ParseMBD
// it is UNVERIFIED: anyone can write these values. Returned in a Result
// by Verify it was read from the signed content only.
type MBD struct {
	PSPFiscalCode string    // PSP/CodiceFiscale
	PSPName       string    // PSP/Denominazione
	IUBD          string    // identifier of the stamp, opaque
	PurchasedAt   time.Time // OraAcquisto, in the zone written
	AmountCents   int64     // Importo in euro cents ("16.00" is 1600)
	Type          string    // TipoBollo ("01")
	// DocumentDigest is ImprontaDocumento/ds:DigestValue, base64 as
	// written without white space; it should be the hashDocumento of
	// the stamped document.
	DocumentDigest string
	// DigestMethod is the Algorithm of ImprontaDocumento/DigestMethod
	// (DigestSHA256).
	DigestMethod string
	// Raw are the bytes the MBD was read from, unchanged. Store and
	// forward these: re-serialising the XML breaks the signature.
	Raw []byte
}

// ParseMBD reads a MarcaDaBollo document WITHOUT verifying its signature:
// the values it returns are claims of whoever wrote b. Use Verify to
// accept an MBD; ParseMBD is for display, triage and tests.
//
// The input is bounded (MaxMBDSize, depth, element count) and DTDs,
// entity declarations and processing instructions are refused. The
// elements must follow the schema's sequence exactly, each once, with
// the ds:Signature last (its content is not read). Errors are
// *ParseError values naming the element path.
func ParseMBD(b []byte) (*MBD, error) {
	root, err := readTree(b)
	if err != nil {
		return nil, err
	}
	m, err := fromTree(root, true)
	if err != nil {
		return nil, err
	}
	m.Raw = append([]byte(nil), b...)
	return m, nil
}

var mbdSequence = []string{"PSP", "IUBD", "OraAcquisto", "Importo", "TipoBollo", "ImprontaDocumento"}

// fromTree reads the MBD of root. withSignature says whether a
// ds:Signature must end the sequence (the input) or must be absent (the
// signed content, from which the Signature was removed).
func fromTree(root *node, withSignature bool) (*MBD, error) {
	if !root.is(Namespace, "marcaDaBollo") {
		return nil, parseErr(ErrMalformed, root.path, "root {"+root.space+"}"+root.local+", want {"+Namespace+"}marcaDaBollo")
	}
	if err := root.container(); err != nil {
		return nil, err
	}
	kids := root.children
	if withSignature {
		n := len(kids)
		if n == 0 || !kids[n-1].is(DSigNamespace, "Signature") {
			for _, c := range kids {
				if c.is(DSigNamespace, "Signature") {
					return nil, parseErr(ErrMalformed, c.path, "ds:Signature is not the last element")
				}
			}
			return nil, parseErr(ErrMissing, root.path+"/Signature", "")
		}
		kids = kids[:n-1]
	}
	body := &node{space: root.space, local: root.local, path: root.path, children: kids}
	els, err := body.sequence(Namespace, mbdSequence...)
	if err != nil {
		return nil, err
	}
	var m MBD
	psp, err := els[0].sequence(Namespace, "CodiceFiscale", "Denominazione")
	if err != nil {
		return nil, err
	}
	if m.PSPFiscalCode, err = text(psp[0]); err != nil {
		return nil, err
	}
	if m.PSPName, err = text(psp[1]); err != nil {
		return nil, err
	}
	if m.IUBD, err = text(els[1]); err != nil {
		return nil, err
	}
	if strings.IndexFunc(m.IUBD, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return nil, parseErr(ErrInvalid, els[1].path, "IUBD "+strconv.Quote(m.IUBD)+" holds white space or control characters")
	}
	if m.PurchasedAt, err = purchaseTime(els[2]); err != nil {
		return nil, err
	}
	s, err := text(els[3])
	if err != nil {
		return nil, err
	}
	if m.AmountCents, err = parseCents(strings.TrimSpace(s)); err != nil {
		return nil, parseErr(ErrInvalid, els[3].path, err.Error())
	}
	if m.Type, err = text(els[4]); err != nil {
		return nil, err
	}
	m.Type = strings.TrimSpace(m.Type)
	imp := els[5]
	if err := imp.container(); err != nil {
		return nil, err
	}
	switch {
	case len(imp.children) == 0:
		return nil, parseErr(ErrMissing, imp.path+"/DigestMethod", "")
	case len(imp.children) == 1:
		return nil, parseErr(ErrMissing, imp.path+"/DigestValue", "")
	case len(imp.children) > 2:
		return nil, parseErr(ErrMalformed, imp.children[2].path, "unexpected element after DigestValue")
	}
	dm, dv := imp.children[0], imp.children[1]
	if !dm.is(Namespace, "DigestMethod") {
		return nil, parseErr(ErrMalformed, dm.path, "unexpected element {"+dm.space+"}"+dm.local+", want DigestMethod")
	}
	if !dv.is(DSigNamespace, "DigestValue") {
		return nil, parseErr(ErrMalformed, dv.path, "unexpected element {"+dv.space+"}"+dv.local+", want ds:DigestValue")
	}
	if _, err := dm.leaf(); err != nil {
		return nil, err
	}
	alg, ok := dm.attr("Algorithm")
	if !ok || alg == "" {
		return nil, parseErr(ErrMissing, dm.path+"/@Algorithm", "")
	}
	m.DigestMethod = alg
	if s, err = text(dv); err != nil {
		return nil, err
	}
	m.DocumentDigest = strings.Join(strings.Fields(s), "")
	if _, err := base64.StdEncoding.Strict().DecodeString(m.DocumentDigest); err != nil {
		return nil, parseErr(ErrInvalid, dv.path, "not base64")
	}
	return &m, nil
}

// text returns the text of a leaf element, which must not be blank.
func text(n *node) (string, error) {
	s, err := n.leaf()
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", parseErr(ErrInvalid, n.path, "empty")
	}
	return s, nil
}

// purchaseTime reads OraAcquisto, an xsd:dateTime that must carry its
// time zone.
func purchaseTime(n *node) (time.Time, error) {
	s, err := text(n)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, parseErr(ErrInvalid, n.path, strconv.Quote(s)+" is not a date and time with zone")
	}
	return t, nil
}

// parseCents reads a positive xsd:decimal with at most two decimals as
// cents: "16.00", "16.0", "16" and "16." are 1600; "5.845", "5,84",
// "-1", "1e3" and "0.00" are refused.
func parseCents(s string) (int64, error) {
	s = strings.TrimPrefix(s, "+")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, errorString(strconv.Quote(s) + " has more than two decimals")
	}
	if intPart == "" && frac == "" || len(intPart) > 15 {
		return 0, errorString(strconv.Quote(s) + " is not an amount")
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return 0, errorString(strconv.Quote(s) + " is not an amount")
		}
	}
	var cents int64
	for _, r := range intPart {
		cents = cents*10 + int64(r-'0')
	}
	frac += "00"[len(frac):]
	cents = cents*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	if cents == 0 {
		return 0, errorString("amount is zero")
	}
	return cents, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }
