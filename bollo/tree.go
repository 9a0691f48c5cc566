package bollo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// Bounds of an MBD. A real one is about 4 KB with 30 elements, most of
// them in the Signature.
const (
	// MaxMBDSize is the largest MBD, in bytes, ParseMBD and Verify read.
	MaxMBDSize = 64 << 10
	maxDepth   = 16
	maxElems   = 200
)

// A node is an element read by readTree: its name, its path, the
// character data directly inside it (comments removed, so text split by
// a comment reads whole) and its child elements.
type node struct {
	space, local string
	path         string
	attrs        []xml.Attr
	text         strings.Builder
	children     []*node
}

// readTree reads b as a bounded tree of elements. It refuses DTDs and
// any other directive, processing instructions other than the XML
// declaration, entities other than the predefined ones, character data
// outside the root and more than one root.
func readTree(b []byte) (*node, error) {
	if len(b) > MaxMBDSize {
		return nil, parseErr(ErrTooLarge, "", strconv.Itoa(len(b))+" bytes, at most "+strconv.Itoa(MaxMBDSize))
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var (
		root  *node
		stack []*node
		elems int
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, parseErr(ErrMalformed, pathOf(stack), err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elems++
			if elems > maxElems {
				return nil, parseErr(ErrTooLarge, pathOf(stack), "more than "+strconv.Itoa(maxElems)+" elements")
			}
			if len(stack) >= maxDepth {
				return nil, parseErr(ErrTooLarge, pathOf(stack), "nested deeper than "+strconv.Itoa(maxDepth))
			}
			n := &node{space: tok.Name.Space, local: tok.Name.Local, attrs: tok.Attr}
			n.path = pathOf(stack) + "/" + n.local
			if len(stack) == 0 {
				if root != nil {
					return nil, parseErr(ErrMalformed, n.path, "more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(tok)) != 0 {
					return nil, parseErr(ErrMalformed, "", "text outside the root element")
				}
				continue
			}
			stack[len(stack)-1].text.Write(tok)
		case xml.Directive:
			return nil, parseErr(ErrMalformed, pathOf(stack), "DTD or other declaration refused")
		case xml.ProcInst:
			if tok.Target != "xml" || root != nil {
				return nil, parseErr(ErrMalformed, pathOf(stack), "processing instruction <?"+tok.Target+"?> refused")
			}
		case xml.Comment:
			// Comments are not content.
		}
	}
	if root == nil {
		return nil, parseErr(ErrMalformed, "", "no root element")
	}
	return root, nil
}

func pathOf(stack []*node) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1].path
}

func (n *node) is(space, local string) bool { return n.space == space && n.local == local }

// leaf returns the text of an element that must hold only text.
func (n *node) leaf() (string, error) {
	if len(n.children) > 0 {
		return "", parseErr(ErrMalformed, n.children[0].path, "element inside "+n.local)
	}
	return n.text.String(), nil
}

// container checks that an element holding elements holds no text.
func (n *node) container() error {
	if strings.TrimSpace(n.text.String()) != "" {
		return parseErr(ErrMalformed, n.path, "text inside "+n.local)
	}
	return nil
}

// attr returns the value of the unqualified attribute name.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// sequence checks that n holds exactly the elements want of namespace
// space, in order, and returns them.
func (n *node) sequence(space string, want ...string) ([]*node, error) {
	if err := n.container(); err != nil {
		return nil, err
	}
	for i, local := range want {
		if i >= len(n.children) {
			return nil, parseErr(ErrMissing, n.path+"/"+local, "")
		}
		c := n.children[i]
		if !c.is(space, local) {
			return nil, parseErr(ErrMalformed, c.path, "unexpected element {"+c.space+"}"+c.local+", want "+local)
		}
	}
	if len(n.children) > len(want) {
		c := n.children[len(want)]
		return nil, parseErr(ErrMalformed, c.path, "unexpected element {"+c.space+"}"+c.local+" after "+want[len(want)-1])
	}
	return n.children, nil
}

// nodeOf returns el as a node, with the paths of readTree under parent:
// the element a verifier returns, read without parsing again. Its
// character data is concatenated, as readTree does.
func nodeOf(el *etree.Element, parent string) *node {
	n := &node{space: el.NamespaceURI(), local: el.Tag, path: parent + "/" + el.Tag}
	for _, a := range el.Attr {
		n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Space: a.NamespaceURI(), Local: a.Key}, Value: a.Value})
	}
	for _, t := range el.Child {
		switch t := t.(type) {
		case *etree.Element:
			n.children = append(n.children, nodeOf(t, n.path))
		case *etree.CharData:
			n.text.WriteString(t.Data)
		}
	}
	return n
}
