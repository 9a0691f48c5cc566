package xmldsig

import (
	"bytes"
	"io"
	"maps"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/pagokit/pagokit/internal/xmltok"
)

const (
	xmlNamespace   = "http://www.w3.org/XML/1998/namespace"
	xmlnsNamespace = "http://www.w3.org/2000/xmlns/"
)

// A tree is a parsed, unverified document with the namespace URI of each
// of its elements resolved.
type tree struct {
	doc  *etree.Document
	root *etree.Element
	ns   map[*etree.Element]string
}

// space returns the namespace URI of el.
func (t *tree) space(el *etree.Element) string { return t.ns[el] }

// is reports whether el has the namespace URI ns and the local name local.
func (t *tree) is(el *etree.Element, ns, local string) bool {
	return el.Tag == local && t.ns[el] == ns
}

// parse reads doc under the limits: a pre-scan with xmltok refuses
// directives (DTDs, entity declarations), processing instructions other
// than the XML declaration, and documents too deep or too big before
// etree reads anything; then namespaces are resolved and checked.
func parse(doc []byte, lim Limits) (*tree, error) {
	if err := checkSize(doc, lim); err != nil {
		return nil, err
	}
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	d, err := build(doc, lim)
	if err != nil {
		return nil, err
	}
	var root *etree.Element
	for _, tok := range d.Child {
		switch tok := tok.(type) {
		case *etree.Element:
			if root != nil {
				return nil, newError(ErrMalformed, "/"+tok.FullTag(), "more than one root element")
			}
			root = tok
		case *etree.CharData:
			if !tok.IsWhitespace() {
				return nil, newError(ErrMalformed, "", "text outside the root element")
			}
		}
	}
	if root == nil {
		return nil, newError(ErrMalformed, "", "no root element")
	}
	t := &tree{doc: d, root: root, ns: make(map[*etree.Element]string)}
	if err := t.resolve(root, map[string]string{"xml": xmlNamespace}, ""); err != nil {
		return nil, err
	}
	return t, nil
}

// checkSize refuses an input over lim.MaxBytes.
func checkSize(doc []byte, lim Limits) error {
	if int64(len(doc)) > lim.MaxBytes {
		return newError(ErrTooLarge, "", strconv.Itoa(len(doc))+" bytes, limit "+strconv.FormatInt(lim.MaxBytes, 10))
	}
	return nil
}

// build reads doc into an etree document in one pass of xmltok, under
// the limits: directives (DTDs, entity declarations) and processing
// instructions other than the XML declaration are refused, and so are
// documents too deep or with too many elements, before they are read
// further. The document is the one etree's own reader (with duplicate
// attributes kept) would build, element names, attributes in order,
// character data and comments included, at a fraction of the cost (the
// two are compared by FuzzBuild); an end tag must match its start tag.
func build(doc []byte, lim Limits) (*etree.Document, error) {
	s := xmltok.New(doc)
	s.KeepAttrs()
	d := etree.NewDocument()
	top := &d.Element
	depth, elements := 0, 0
	for first := true; ; first = false {
		tok, err := s.Next()
		if err == io.EOF {
			if top != &d.Element {
				return nil, newError(ErrMalformed, path(top), "unexpected end of the document")
			}
			return d, nil
		}
		if err != nil {
			return nil, wrapError(ErrMalformed, "", "", err)
		}
		switch tok.Kind {
		case xmltok.Directive:
			return nil, newError(ErrMalformed, "", "DTD or other <! directive at byte "+strconv.Itoa(s.Offset())+" refused")
		case xmltok.ProcInst:
			if !first || string(tok.Local) != "xml" {
				return nil, newError(ErrMalformed, "", "processing instruction <?"+string(tok.Local)+"?> refused")
			}
			d.CreateProcInst("xml", string(tok.Text))
		case xmltok.StartElement:
			depth++
			elements++
			if depth > lim.MaxDepth {
				return nil, newError(ErrTooLarge, "", "elements nested deeper than "+strconv.Itoa(lim.MaxDepth))
			}
			if elements > lim.MaxElements {
				return nil, newError(ErrTooLarge, "", "more than "+strconv.Itoa(lim.MaxElements)+" elements")
			}
			el := etree.NewElement("")
			el.Space, el.Tag = string(tok.Prefix), string(tok.Local)
			for _, a := range tok.Attrs {
				// A key no XML name can be, so that CreateAttr
				// replaces nothing: duplicates are kept (and refused
				// by resolve, by their namespace).
				at := el.CreateAttr("\x00", string(a.Value))
				at.Space, at.Key = string(a.Prefix), string(a.Local)
			}
			top.AddChild(el)
			top = el
		case xmltok.EndElement:
			if top == &d.Element || top.Tag != string(tok.Local) || top.Space != string(tok.Prefix) {
				return nil, newError(ErrMalformed, path(top), "end tag </"+string(tok.Local)+"> does not match")
			}
			depth--
			top = top.Parent()
		case xmltok.Text:
			top.CreateText("").SetData(string(tok.Text))
		case xmltok.Comment:
			top.CreateComment(string(tok.Text))
		}
	}
}

// resolve records the namespace URI of el and its descendants, given the
// prefixes in scope and the default namespace, and refuses undeclared
// prefixes, misuse of the reserved xml and xmlns namespaces and
// duplicate attributes.
func (t *tree) resolve(el *etree.Element, prefixes map[string]string, def string) error {
	copied := false
	for _, a := range el.Attr {
		switch {
		case a.Space == "xmlns":
			switch {
			case a.Key == "xmlns", a.Value == xmlnsNamespace,
				a.Key == "xml" && a.Value != xmlNamespace,
				a.Key != "xml" && a.Value == xmlNamespace:
				return newError(ErrMalformed, path(el), "reserved namespace misused in xmlns:"+a.Key)
			case a.Value == "":
				return newError(ErrMalformed, path(el), "empty namespace declaration xmlns:"+a.Key)
			}
			if !copied {
				prefixes, copied = maps.Clone(prefixes), true
			}
			prefixes[a.Key] = a.Value
		case a.Space == "" && a.Key == "xmlns":
			if a.Value == xmlNamespace || a.Value == xmlnsNamespace {
				return newError(ErrMalformed, path(el), "reserved namespace as default namespace")
			}
			def = a.Value
		}
	}
	if strings.Contains(el.Tag, ":") {
		return newError(ErrMalformed, path(el), "element name with more than one colon")
	}
	if el.Space == "" {
		t.ns[el] = def
	} else {
		uri, ok := prefixes[el.Space]
		if !ok {
			return newError(ErrMalformed, path(el), "undeclared namespace prefix "+el.Space)
		}
		t.ns[el] = uri
	}
	type qname struct{ space, local string }
	seen := make(map[qname]bool, len(el.Attr))
	for _, a := range el.Attr {
		if strings.Contains(a.Key, ":") {
			return newError(ErrMalformed, path(el), "attribute name with more than one colon")
		}
		var q qname
		switch {
		case a.Space == "xmlns", a.Space == "" && a.Key == "xmlns":
			q = qname{xmlnsNamespace, a.FullKey()}
		case a.Space == "":
			q = qname{"", a.Key}
		default:
			uri, ok := prefixes[a.Space]
			if !ok {
				return newError(ErrMalformed, path(el), "undeclared namespace prefix "+a.Space+" of attribute "+a.Key)
			}
			q = qname{uri, a.Key}
		}
		if seen[q] {
			return newError(ErrMalformed, path(el), "duplicate attribute "+a.FullKey())
		}
		seen[q] = true
	}
	for _, c := range el.ChildElements() {
		if err := t.resolve(c, prefixes, def); err != nil {
			return err
		}
	}
	return nil
}

// path returns the element path of el, such as
// "/marcaDaBollo/Signature/SignedInfo/Reference[2]", with a position only
// where siblings share the name.
func path(el *etree.Element) string {
	var parts []string
	for e := el; e != nil; e = e.Parent() {
		if e.Tag == "" { // the document
			break
		}
		part := e.FullTag()
		if p := e.Parent(); p != nil && p.Tag != "" {
			n, pos := 0, 0
			for _, s := range p.ChildElements() {
				if s.Space == e.Space && s.Tag == e.Tag {
					n++
					if s == e {
						pos = n
					}
				}
			}
			if n > 1 {
				part += "[" + strconv.Itoa(pos) + "]"
			}
		}
		parts = append(parts, part)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}
