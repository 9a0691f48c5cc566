package xmldsig

import (
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// A profile is what the structural checks learned about the one
// signature of a document, before any cryptography.
type profile struct {
	sig             *etree.Element
	signatureMethod string
	method          sigMethod
	digestMethod    string
	digestHash      crypto.Hash
	digestValue     []byte
	signatureValue  []byte
	sigValueEl      *etree.Element
	keyInfo         *etree.Element
	certs           []*x509.Certificate // KeyInfo certificates, the signer first
	crls            [][]byte            // KeyInfo X509CRL values, decoded, unverified
}

// signature finds the only ds:Signature of the document and checks that
// it is the last child element of the root.
func (t *tree) signature() (*etree.Element, error) {
	var sigs []*etree.Element
	var walk func(*etree.Element)
	walk = func(el *etree.Element) {
		if t.is(el, Namespace, "Signature") {
			sigs = append(sigs, el)
		}
		for _, c := range el.ChildElements() {
			walk(c)
		}
	}
	walk(t.root)
	switch len(sigs) {
	case 0:
		return nil, newError(ErrNoSignature, path(t.root), "no element Signature in namespace "+Namespace)
	case 1:
	default:
		return nil, newError(ErrMultipleSignatures, path(sigs[1]), strconv.Itoa(len(sigs))+" Signature elements")
	}
	sig := sigs[0]
	kids := t.root.ChildElements()
	if sig.Parent() != t.root || kids[len(kids)-1] != sig {
		return nil, newError(ErrSignatureNotLast, path(sig), "")
	}
	return sig, nil
}

// isXAdES reports namespaces of the ETSI XAdES family.
func isXAdES(ns string) bool { return strings.HasPrefix(ns, "http://uri.etsi.org/01903") }

// checkSignature checks that sig is a plain enveloped XML-DSig signature
// of the root with accepted algorithms, and collects what verification
// needs.
func (t *tree) checkSignature(sig *etree.Element, p *Policy) (*profile, error) {
	if err := t.noMarkup(sig); err != nil {
		return nil, err
	}
	if err := t.notXAdES(sig); err != nil {
		return nil, err
	}
	kids, err := t.dsChildren(sig)
	if err != nil {
		return nil, err
	}
	names := localNames(kids)
	switch names {
	case "SignedInfo SignatureValue", "SignedInfo SignatureValue KeyInfo":
	default:
		return nil, newError(ErrMalformed, path(sig), "children "+names+", want SignedInfo SignatureValue [KeyInfo]")
	}
	prof := &profile{sig: sig, sigValueEl: kids[1]}
	if len(kids) == 3 {
		prof.keyInfo = kids[2]
	}
	if err := t.checkSignedInfo(kids[0], p, prof); err != nil {
		return nil, err
	}
	v, err := base64Text(kids[1])
	if err != nil || len(v) == 0 {
		return nil, wrapError(ErrMalformed, path(kids[1]), "SignatureValue is not base64", err)
	}
	prof.signatureValue = v
	if prof.keyInfo != nil {
		if prof.certs, prof.crls, err = t.keyInfoCertificates(prof.keyInfo); err != nil {
			return nil, err
		}
	}
	return prof, nil
}

// noMarkup refuses comments and processing instructions anywhere in the
// signature: a comment could split a DigestValue differently for two
// readers.
func (t *tree) noMarkup(el *etree.Element) error {
	for _, c := range el.Child {
		switch c := c.(type) {
		case *etree.Comment:
			return newError(ErrMalformed, path(el), "comment inside the signature")
		case *etree.ProcInst:
			return newError(ErrMalformed, path(el), "processing instruction inside the signature")
		case *etree.Element:
			if err := t.noMarkup(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// notXAdES refuses a ds:Object (where XAdES keeps its
// QualifyingProperties) and a Reference to SignedProperties.
func (t *tree) notXAdES(sig *etree.Element) error {
	for _, c := range sig.ChildElements() {
		if t.is(c, Namespace, "Object") {
			if q := t.find(c, isXAdES, "QualifyingProperties"); q != nil {
				return newError(ErrUnsupportedProfile, path(q), "XAdES signature (QualifyingProperties)")
			}
			return newError(ErrUnsupportedProfile, path(c), "ds:Object in an enveloped signature")
		}
		if t.is(c, Namespace, "SignedInfo") {
			for _, r := range c.ChildElements() {
				if t.is(r, Namespace, "Reference") {
					if typ := r.SelectAttrValue("Type", ""); strings.HasPrefix(typ, "http://uri.etsi.org/01903") {
						return newError(ErrUnsupportedProfile, path(r), "XAdES signature (Reference Type "+typ+")")
					}
				}
			}
		}
	}
	return nil
}

// find returns the first descendant of el with local name local whose
// namespace satisfies ns.
func (t *tree) find(el *etree.Element, ns func(string) bool, local string) *etree.Element {
	for _, c := range el.ChildElements() {
		if c.Tag == local && ns(t.space(c)) {
			return c
		}
		if f := t.find(c, ns, local); f != nil {
			return f
		}
	}
	return nil
}

// dsChildren returns the child elements of el, which must all be in the
// XML-DSig namespace and separated only by white space.
func (t *tree) dsChildren(el *etree.Element) ([]*etree.Element, error) {
	var kids []*etree.Element
	for _, c := range el.Child {
		switch c := c.(type) {
		case *etree.CharData:
			if !c.IsWhitespace() {
				return nil, newError(ErrMalformed, path(el), "text between elements")
			}
		case *etree.Element:
			if t.space(c) != Namespace {
				return nil, newError(ErrMalformed, path(c), "element in namespace "+strconv.Quote(t.space(c))+", want "+Namespace)
			}
			kids = append(kids, c)
		}
	}
	return kids, nil
}

func localNames(els []*etree.Element) string {
	names := make([]string, len(els))
	for i, e := range els {
		names[i] = e.Tag
	}
	return strings.Join(names, " ")
}

// algorithm returns the Algorithm attribute of el, which must have no
// child element.
func algorithm(el *etree.Element) (string, error) {
	a := el.SelectAttr("Algorithm")
	if a == nil || a.Space != "" {
		return "", newError(ErrMalformed, path(el), "no Algorithm attribute")
	}
	return a.Value, nil
}

func (t *tree) checkSignedInfo(si *etree.Element, p *Policy, prof *profile) error {
	kids, err := t.dsChildren(si)
	if err != nil {
		return err
	}
	if len(kids) < 3 || kids[0].Tag != "CanonicalizationMethod" || kids[1].Tag != "SignatureMethod" {
		return newError(ErrMalformed, path(si), "children "+localNames(kids)+", want CanonicalizationMethod SignatureMethod Reference")
	}
	for _, r := range kids[2:] {
		if r.Tag != "Reference" {
			return newError(ErrMalformed, path(r), "unexpected element in SignedInfo")
		}
	}
	if len(kids) > 3 {
		return newError(ErrBadReference, path(kids[3]), strconv.Itoa(len(kids)-2)+" references, want exactly one")
	}

	c14n, err := algorithm(kids[0])
	if err != nil {
		return err
	}
	if !isC14N(c14n) {
		return newError(ErrUnsupportedTransform, path(kids[0]), "canonicalization method "+c14n)
	}
	if len(kids[0].ChildElements()) != 0 {
		return newError(ErrUnsupportedTransform, path(kids[0]), "parameters of the canonicalization method (such as InclusiveNamespaces) are not supported")
	}

	sm, err := algorithm(kids[1])
	if err != nil {
		return err
	}
	if len(kids[1].ChildElements()) != 0 {
		return newError(ErrUnsupportedAlgorithm, path(kids[1]), "signature method parameters")
	}
	m, ok := sigMethods[sm]
	switch {
	case isMD5(sm):
		return newError(ErrWeakAlgorithm, path(kids[1]), sm)
	case !ok:
		return newError(ErrUnsupportedAlgorithm, path(kids[1]), sm)
	case m.hash == crypto.SHA1 && !p.AllowSHA1:
		return newError(ErrWeakAlgorithm, path(kids[1]), sm)
	}
	prof.signatureMethod, prof.method = sm, m
	return t.checkReference(kids[2], p, prof)
}

func (t *tree) checkReference(ref *etree.Element, p *Policy, prof *profile) error {
	var uri *etree.Attr
	for i, a := range ref.Attr {
		switch {
		case a.Space == "xmlns" || a.Space == "" && a.Key == "xmlns":
		case a.Space == "" && a.Key == "URI":
			uri = &ref.Attr[i]
		case a.Space == "" && a.Key == "Id":
		case a.Space == "" && a.Key == "Type":
			return newError(ErrBadReference, path(ref), "Reference Type "+a.Value)
		default:
			return newError(ErrMalformed, path(ref), "unexpected attribute "+a.FullKey())
		}
	}
	if uri == nil {
		return newError(ErrBadReference, path(ref), "Reference without URI")
	}
	if err := t.checkURI(uri.Value, ref, p); err != nil {
		return err
	}

	kids, err := t.dsChildren(ref)
	if err != nil {
		return err
	}
	names := localNames(kids)
	switch names {
	case "Transforms DigestMethod DigestValue":
	case "DigestMethod DigestValue":
		return newError(ErrUnsupportedTransform, path(ref), "no enveloped-signature transform")
	default:
		return newError(ErrMalformed, path(ref), "children "+names+", want Transforms DigestMethod DigestValue")
	}
	if err := t.checkTransforms(kids[0]); err != nil {
		return err
	}

	dm, err := algorithm(kids[1])
	if err != nil {
		return err
	}
	if len(kids[1].ChildElements()) != 0 {
		return newError(ErrUnsupportedAlgorithm, path(kids[1]), "digest method parameters")
	}
	h, ok := digestMethods[dm]
	switch {
	case isMD5(dm):
		return newError(ErrWeakAlgorithm, path(kids[1]), dm)
	case !ok:
		return newError(ErrUnsupportedAlgorithm, path(kids[1]), dm)
	case h == crypto.SHA1 && !p.AllowSHA1:
		return newError(ErrWeakAlgorithm, path(kids[1]), dm)
	}
	v, err := base64Text(kids[2])
	if err != nil || len(v) != h.Size() {
		return wrapError(ErrMalformed, path(kids[2]), "DigestValue is not the base64 of a "+strconv.Itoa(h.Size())+"-byte digest", err)
	}
	prof.digestMethod, prof.digestHash, prof.digestValue = dm, h, v
	return nil
}

// checkURI accepts "" and, when the policy names the root's ID attribute,
// "#" followed by its value.
func (t *tree) checkURI(uri string, ref *etree.Element, p *Policy) error {
	if uri == "" {
		return nil
	}
	if p.RootIDAttr == "" {
		return newError(ErrBadReference, path(ref), "URI "+strconv.Quote(uri)+", only \"\" is accepted")
	}
	var id *etree.Attr
	for i, a := range t.root.Attr {
		if a.Key == p.RootIDAttr {
			if id != nil || a.Space != "" {
				return newError(ErrBadReference, path(t.root), "ambiguous "+p.RootIDAttr+" attribute on the root")
			}
			id = &t.root.Attr[i]
		}
	}
	if id == nil || uri != "#"+id.Value {
		return newError(ErrBadReference, path(ref), "URI "+strconv.Quote(uri)+" does not designate the root element")
	}
	return nil
}

// checkTransforms accepts enveloped-signature optionally followed by one
// C14N 1.0 method (an exclusive one may carry InclusiveNamespaces).
func (t *tree) checkTransforms(tr *etree.Element) error {
	kids, err := t.dsChildren(tr)
	if err != nil {
		return err
	}
	if len(kids) == 0 {
		return newError(ErrUnsupportedTransform, path(tr), "no transform")
	}
	for i, k := range kids {
		if k.Tag != "Transform" {
			return newError(ErrMalformed, path(k), "unexpected element in Transforms")
		}
		alg, err := algorithm(k)
		if err != nil {
			return err
		}
		switch {
		case i == 0 && alg == EnvelopedSignature:
		case i == 1 && isC14N(alg):
		default:
			return newError(ErrUnsupportedTransform, path(k), "transform "+alg+" (accepted: enveloped-signature, then at most one C14N 1.0)")
		}
		params := k.ChildElements()
		switch {
		case len(params) == 0:
		case len(params) == 1 && isExcC14N(alg) && t.is(params[0], excC14NNamespace, "InclusiveNamespaces") && len(params[0].ChildElements()) == 0:
		default:
			return newError(ErrUnsupportedTransform, path(k), "transform parameters")
		}
	}
	if len(kids) > 2 {
		return newError(ErrUnsupportedTransform, path(kids[2]), strconv.Itoa(len(kids))+" transforms")
	}
	return nil
}

// keyInfoCertificates returns the certificates of KeyInfo/X509Data, the
// signer's first, as goxmldsig reads them, and the X509CRL values
// decoded (not parsed).
func (t *tree) keyInfoCertificates(ki *etree.Element) ([]*x509.Certificate, [][]byte, error) {
	kids, err := t.dsChildren(ki)
	if err != nil {
		return nil, nil, err
	}
	var data *etree.Element
	for _, k := range kids {
		if k.Tag == "X509Data" {
			if data != nil {
				return nil, nil, newError(ErrCertificate, path(k), "more than one X509Data")
			}
			data = k
		}
	}
	if data == nil {
		return nil, nil, nil
	}
	items, err := t.dsChildren(data)
	if err != nil {
		return nil, nil, err
	}
	var certs []*x509.Certificate
	var crls [][]byte
	for _, it := range items {
		switch it.Tag {
		case "X509CRL":
			// A CRL that cannot be read is left out: it is not covered
			// by the signature, and revocation is the caller's check.
			if der, err := base64Text(it); err == nil {
				crls = append(crls, der)
			}
			continue
		case "X509Certificate":
		default:
			continue
		}
		der, err := base64Text(it)
		if err != nil {
			return nil, nil, wrapError(ErrCertificate, path(it), "X509Certificate is not base64", err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, nil, wrapError(ErrCertificate, path(it), "", err)
		}
		certs = append(certs, c)
	}
	return certs, crls, nil
}

// base64Text decodes the text of el, white space ignored; el must have no
// child element.
func base64Text(el *etree.Element) ([]byte, error) {
	if len(el.ChildElements()) != 0 {
		return nil, newError(ErrMalformed, path(el), "element inside a base64 value")
	}
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, el.Text())
	return base64.StdEncoding.Strict().DecodeString(s)
}
