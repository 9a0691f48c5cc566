package archive

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/pagokit/pagokit/receipt"
)

// Namespace is the XML namespace of manifest.xml.
const Namespace = "https://pagokit.dev/ns/archive/v1"

// manifestVersion is the Version attribute of manifest.xml.
const manifestVersion = "1"

// maxManifestXMLSize bounds manifest.xml: its content is a few hundred
// bytes and the signature with a certificate a few kilobytes.
const maxManifestXMLSize = 64 << 10

// maxManifestXMLElements bounds the elements of manifest.xml, far below
// the traversal budget of the signature library.
const maxManifestXMLElements = 64

const sha256Algorithm = "http://www.w3.org/2001/04/xmlenc#sha256"

// manifestInfo is what manifest.xml records.
type manifestInfo struct {
	FiscalCode       string
	From, To         receipt.Date
	Created          time.Time
	ReceiptCount     int
	TotalAmountCents int64
	ManifestSHA256   string // lower-case hex SHA-256 of manifest.sha256
}

// The elements of manifest.xml, in order.
const (
	elFiscalCode     = "FiscalCode"
	elPeriodFrom     = "PeriodFrom"
	elPeriodTo       = "PeriodTo"
	elCreatedAt      = "CreatedAt"
	elReceiptCount   = "ReceiptCount"
	elTotalAmount    = "TotalAmountCents"
	elManifestDigest = "ManifestDigest"
)

var manifestElements = []string{
	elFiscalCode, elPeriodFrom, elPeriodTo, elCreatedAt, elReceiptCount, elTotalAmount, elManifestDigest,
}

// signManifest returns manifest.xml: m as XML with an enveloped XML-DSig
// signature (RSA-SHA256, exclusive C14N, Reference URI "") whose KeyInfo
// carries cert.
func signManifest(m *manifestInfo, signer crypto.Signer, cert *x509.Certificate) ([]byte, error) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := doc.CreateElement("PackageManifest")
	root.CreateAttr("xmlns", Namespace)
	root.CreateAttr("Version", manifestVersion)
	root.CreateElement(elFiscalCode).SetText(m.FiscalCode)
	root.CreateElement(elPeriodFrom).SetText(m.From.String())
	root.CreateElement(elPeriodTo).SetText(m.To.String())
	root.CreateElement(elCreatedAt).SetText(m.Created.UTC().Format(time.RFC3339))
	root.CreateElement(elReceiptCount).SetText(strconv.Itoa(m.ReceiptCount))
	root.CreateElement(elTotalAmount).SetText(strconv.FormatInt(m.TotalAmountCents, 10))
	digest := root.CreateElement(elManifestDigest)
	digest.CreateAttr("File", ManifestName)
	digest.CreateAttr("Algorithm", sha256Algorithm)
	digest.SetText(m.ManifestSHA256)
	doc.Indent(2)

	ctx, err := dsig.NewSigningContext(signer, [][]byte{cert.Raw})
	if err != nil {
		return nil, err
	}
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	if err := ctx.SetSignatureMethod(dsig.RSASHA256SignatureMethod); err != nil {
		return nil, err
	}
	signed, err := ctx.SignEnveloped(doc.Root())
	if err != nil {
		return nil, fmt.Errorf("archive: signing manifest.xml: %w", err)
	}
	doc.SetRoot(signed)
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// checkSigner checks that signer holds the RSA key of cert.
func checkSigner(signer crypto.Signer, cert *x509.Certificate) error {
	pub, ok := signer.Public().(*rsa.PublicKey)
	if !ok {
		return &OptionError{Option: "Signer", Err: ErrUnsupportedKey}
	}
	certPub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return &OptionError{Option: "Certificate", Err: ErrUnsupportedKey}
	}
	if !pub.Equal(certPub) {
		return &OptionError{Option: "Signer", Err: ErrKeyMismatch}
	}
	return nil
}

// verifyManifestXML checks manifest.xml's structure and signature
// against the pinned certificate and returns what the signed element
// records. at is the time the certificate must be valid at; the zero
// time means the document's own (signed) creation time.
//
// Only the element returned by the signature library is read: the
// unverified tree is only inspected for its shape and its KeyInfo.
func verifyManifestXML(data []byte, cert *x509.Certificate, at time.Time) (*manifestInfo, Problem) {
	fail := func(kind ProblemKind, format string, args ...any) (*manifestInfo, Problem) {
		return nil, Problem{Kind: kind, File: ManifestXMLName, Detail: fmt.Sprintf(format, args...)}
	}
	unverified := etree.NewDocument()
	unverified.ReadSettings.MaxDepth = 16
	if err := unverified.ReadFromBytes(data); err != nil {
		return fail(ProblemFormat, "not well-formed XML: %v", err)
	}
	if err := checkTokens(unverified); err != "" {
		return fail(ProblemFormat, "%s", err)
	}
	unverifiedRoot := unverified.Root()
	if unverifiedRoot == nil || unverifiedRoot.Tag != "PackageManifest" || unverifiedRoot.NamespaceURI() != Namespace {
		return fail(ProblemFormat, "root element is not {%s}PackageManifest", Namespace)
	}

	// The shape of the signature: one ds:Signature, a child of the root,
	// RSA-SHA256 over a single reference to the whole document, and a
	// KeyInfo holding exactly the pinned certificate.
	var sigs []*etree.Element
	var find func(el *etree.Element)
	find = func(el *etree.Element) {
		for _, c := range el.ChildElements() {
			if c.Tag == "Signature" && c.NamespaceURI() == dsig.Namespace {
				sigs = append(sigs, c)
			}
			find(c)
		}
	}
	find(unverifiedRoot)
	if len(sigs) != 1 {
		return fail(ProblemSignature, "want one ds:Signature, found %d", len(sigs))
	}
	if sigs[0].Parent() != unverifiedRoot {
		return fail(ProblemSignature, "the ds:Signature is not a child of the root but of %s", sigs[0].Parent().FullTag())
	}
	sig := sigs[0]
	method := dsChild(dsChild(sig, "SignedInfo"), "SignatureMethod")
	if method == nil || method.SelectAttrValue("Algorithm", "") != dsig.RSASHA256SignatureMethod {
		return fail(ProblemSignature, "signature method is not RSA-SHA256")
	}
	if refs := dsChildren(dsChild(sig, "SignedInfo"), "Reference"); len(refs) != 1 || refs[0].SelectAttrValue("URI", "-") != "" {
		return fail(ProblemSignature, `want one Reference with URI ""`)
	}
	certs := dsChildren(dsChild(dsChild(sig, "KeyInfo"), "X509Data"), "X509Certificate")
	if len(certs) != 1 {
		return fail(ProblemUntrusted, "KeyInfo holds %d certificates, want the signer's only", len(certs))
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(certs[0].Text()), ""))
	if err != nil || !bytes.Equal(der, cert.Raw) {
		return fail(ProblemUntrusted, "the certificate in KeyInfo is not the trusted one")
	}
	atCreation := at.IsZero()
	if atCreation {
		// The creation time is read from the unverified tree only to
		// choose the clock; the signature then covers it, and it is
		// compared with the verified value below.
		created := dsChildText(unverifiedRoot, elCreatedAt, Namespace)
		t, err := time.Parse(time.RFC3339, created)
		if err != nil {
			return fail(ProblemFormat, "CreatedAt %q is not RFC 3339", created)
		}
		at = t
	}
	if at.Before(cert.NotBefore) || at.After(cert.NotAfter) {
		return fail(ProblemUntrusted, "certificate not valid at %s (valid %s to %s)",
			at.UTC().Format(time.RFC3339), cert.NotBefore.UTC().Format(time.RFC3339), cert.NotAfter.UTC().Format(time.RFC3339))
	}

	ctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	ctx.Clock = dsig.NewFakeClockAt(at)
	verified, err := ctx.Validate(unverifiedRoot)
	if err != nil {
		return fail(ProblemSignature, "signature not valid: %v", err)
	}

	m, detail := readManifest(verified)
	if detail != "" {
		return fail(ProblemFormat, "%s", detail)
	}
	if atCreation && !m.Created.Equal(at) {
		return fail(ProblemSignature, "the signed CreatedAt is not the one the certificate was checked at")
	}
	return m, Problem{}
}

// readManifest reads the verified element.
func readManifest(root *etree.Element) (*manifestInfo, string) {
	if root.Tag != "PackageManifest" || root.NamespaceURI() != Namespace {
		return nil, "signed element is not {" + Namespace + "}PackageManifest"
	}
	if v := root.SelectAttrValue("Version", ""); v != manifestVersion {
		return nil, fmt.Sprintf("Version %q, want %q", v, manifestVersion)
	}
	children := root.ChildElements()
	if len(children) != len(manifestElements) {
		return nil, fmt.Sprintf("%d elements, want %d", len(children), len(manifestElements))
	}
	values := map[string]string{}
	for i, el := range children {
		if el.Tag != manifestElements[i] || el.NamespaceURI() != Namespace || len(el.ChildElements()) != 0 {
			return nil, fmt.Sprintf("element %d is %s, want %s", i+1, el.FullTag(), manifestElements[i])
		}
		values[el.Tag] = el.Text()
	}
	m := &manifestInfo{FiscalCode: values[elFiscalCode], ManifestSHA256: values[elManifestDigest]}
	if !fiscalCodeOK(m.FiscalCode) {
		return nil, fmt.Sprintf("FiscalCode %q is not 11 digits", m.FiscalCode)
	}
	var ok bool
	if m.From, ok = parseDate(values[elPeriodFrom]); !ok {
		return nil, fmt.Sprintf("PeriodFrom %q is not a date", values[elPeriodFrom])
	}
	if m.To, ok = parseDate(values[elPeriodTo]); !ok {
		return nil, fmt.Sprintf("PeriodTo %q is not a date", values[elPeriodTo])
	}
	if err := checkPeriod(m.From, m.To); err != nil {
		return nil, err.Error()
	}
	var err error
	if m.Created, err = time.Parse(time.RFC3339, values[elCreatedAt]); err != nil {
		return nil, fmt.Sprintf("CreatedAt %q is not RFC 3339", values[elCreatedAt])
	}
	if m.ReceiptCount, err = strconv.Atoi(values[elReceiptCount]); err != nil || m.ReceiptCount < 0 {
		return nil, fmt.Sprintf("ReceiptCount %q is not a count", values[elReceiptCount])
	}
	if m.TotalAmountCents, err = strconv.ParseInt(values[elTotalAmount], 10, 64); err != nil {
		return nil, fmt.Sprintf("TotalAmountCents %q is not an integer", values[elTotalAmount])
	}
	digest := children[len(children)-1]
	if digest.SelectAttrValue("File", "") != ManifestName || digest.SelectAttrValue("Algorithm", "") != sha256Algorithm {
		return nil, "ManifestDigest does not name manifest.sha256 and SHA-256"
	}
	if !hexSHA256(m.ManifestSHA256) {
		return nil, fmt.Sprintf("ManifestDigest %q is not a hex SHA-256", m.ManifestSHA256)
	}
	return m, ""
}

// checkTokens refuses DTDs, processing instructions other than the XML
// declaration, comments and documents of too many elements.
func checkTokens(doc *etree.Document) string {
	elements := 0
	var walk func(tokens []etree.Token, top bool) string
	walk = func(tokens []etree.Token, top bool) string {
		for i, tok := range tokens {
			switch t := tok.(type) {
			case *etree.Directive:
				return "DTDs and directives are refused"
			case *etree.ProcInst:
				if !top || i != 0 || t.Target != "xml" {
					return "processing instruction refused"
				}
			case *etree.Comment:
				return "comments are refused"
			case *etree.Element:
				if elements++; elements > maxManifestXMLElements {
					return "too many elements"
				}
				if s := walk(t.Child, false); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(doc.Child, true)
}

// dsChild returns el's first child {xmldsig}tag, or nil.
func dsChild(el *etree.Element, tag string) *etree.Element {
	if c := dsChildren(el, tag); len(c) > 0 {
		return c[0]
	}
	return nil
}

func dsChildren(el *etree.Element, tag string) []*etree.Element {
	if el == nil {
		return nil
	}
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == dsig.Namespace {
			out = append(out, c)
		}
	}
	return out
}

func dsChildText(el *etree.Element, tag, ns string) string {
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == ns {
			return c.Text()
		}
	}
	return ""
}

func fiscalCodeOK(s string) bool {
	if len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// manifestLine is one line of manifest.sha256, in the format of
// sha256sum: the hex digest, two spaces, the path.
func manifestLine(sum []byte, name string) string {
	return hex.EncodeToString(sum) + "  " + name + "\n"
}
