package receipt

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/pagokit/pagokit/internal/xmltok"
)

// A tree is a document read into memory as elements (local name, text,
// children), bounded by Limits while it is read. Namespaces are not
// resolved: the messages are recognised by local name, whatever the
// prefix or namespace the sender used.
//
// The local names and texts of all elements are kept in one string, s,
// that the values of a receipt are cut from, and the elements refer to
// it by offsets: a tree costs a few allocations, none of which the
// garbage collector has to scan.
//
// Trees are recycled (with their tokenizer and node storage, which
// nothing read from them refers to): readTree takes one from a pool and
// release gives it back.
type tree struct {
	nodes []node
	s     string
	sc    xmltok.Scanner
}

var treePool = sync.Pool{New: func() any { return new(tree) }}

// maxPooledNodes is the largest node storage kept for reuse.
const maxPooledNodes = 4096

// release gives t back to the pool; t must not be used afterwards.
func (t *tree) release() {
	if cap(t.nodes) > maxPooledNodes {
		t.nodes = nil
	}
	t.nodes = t.nodes[:0]
	t.s = ""
	t.sc.Reset(nil)
	treePool.Put(t)
}

// A node is one element. Indexes are into tree.nodes, -1 being none;
// name and text are offsets in tree.s.
type node struct {
	name0, name1 int32 // local name
	start, end   int32 // text
	parent       int32
	first, last  int32 // children
	next         int32 // next sibling
}

const none = -1

// A rawName is an element's name as written, slices of the document,
// to match end tags with.
type rawName struct{ prefix, local []byte }

// skipXMLDecl returns doc without its XML declaration when that
// declaration is one XML 1.0 allows for UTF-8 (version 1.0, an optional
// UTF-8 encoding, an optional standalone), and doc unchanged otherwise,
// for xmltok to judge. xmltok checks a declaration with encoding/xml,
// at some cost; the ones skipped here are those both accept.
func skipXMLDecl(doc []byte) []byte {
	s := doc
	eat := func(p string) bool {
		if len(s) >= len(p) && string(s[:len(p)]) == p {
			s = s[len(p):]
			return true
		}
		return false
	}
	space := func() bool {
		n := 0
		for len(s) > 0 && isSpace(s[0]) {
			s, n = s[1:], n+1
		}
		return n > 0
	}
	// attr reads S name Eq quoted-value, the value being one of values.
	attr := func(name string, values ...string) bool {
		save := s
		if !space() || !eat(name) {
			s = save
			return false
		}
		space()
		if !eat("=") {
			s = save
			return false
		}
		space()
		for _, v := range values {
			if eat(`"`+v+`"`) || eat(`'`+v+`'`) {
				return true
			}
		}
		s = save
		return false
	}
	if !eat("<?xml") || !attr("version", "1.0") {
		return doc
	}
	attr("encoding", "UTF-8", "utf-8")
	attr("standalone", "yes", "no")
	space()
	if !eat("?>") {
		return doc
	}
	return s
}

// readTree reads doc into a tree. It refuses a DTD or any directive, a
// document that is not well-formed, nesting deeper than lim.MaxDepth and
// more than lim.MaxElements elements, reporting ErrMalformed,
// ErrTooDeep and ErrTooManyElements.
//
// The text of an element is what comes before its first child element
// (the receipts have no mixed content); space before any other text is
// dropped, as values are trimmed anyway.
func readTree(doc []byte, lim Limits) (*tree, error) {
	t := treePool.Get().(*tree)
	if err := t.read(doc, lim); err != nil {
		t.release()
		return nil, err
	}
	return t, nil
}

func (t *tree) read(doc []byte, lim Limits) error {
	doc = skipXMLDecl(doc)
	// Receipts have an element for about every 50 bytes, and names and
	// texts take about half of the document.
	guess := len(doc)/40 + 8
	if guess > lim.MaxElements+1 {
		guess = lim.MaxElements + 1
	}
	if cap(t.nodes) < guess {
		t.nodes = make([]node, 0, guess)
	}
	var arena strings.Builder
	arena.Grow(len(doc)*3/4 + 64)
	var openBuf [32]rawName
	open := openBuf[:0]

	sc := &t.sc
	sc.Reset(doc)
	cur := int32(none) // the element open
	rootDone := false
	for {
		tok, err := sc.Next()
		if err == io.EOF {
			if cur != none {
				return fmt.Errorf("%w: the input ends inside <%s>", ErrMalformed, clip(string(open[len(open)-1].local)))
			}
			if !rootDone {
				return fmt.Errorf("%w: no root element", ErrMalformed)
			}
			t.s = arena.String()
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		switch tok.Kind {
		case xmltok.Directive:
			return fmt.Errorf("%w: a DTD or other directive (refused)", ErrMalformed)
		case xmltok.StartElement:
			if cur == none && rootDone {
				return fmt.Errorf("%w: a second root element", ErrMalformed)
			}
			if len(open) >= lim.MaxDepth {
				return fmt.Errorf("%w: more than %d levels", ErrTooDeep, lim.MaxDepth)
			}
			if len(t.nodes) >= lim.MaxElements {
				return fmt.Errorf("%w: more than %d elements", ErrTooManyElements, lim.MaxElements)
			}
			open = append(open, rawName{tok.Prefix, tok.Local})
			name0 := int32(arena.Len())
			arena.Write(tok.Local)
			name1 := int32(arena.Len())
			i := int32(len(t.nodes))
			t.nodes = append(t.nodes, node{
				name0: name0, name1: name1, start: name1, end: name1,
				parent: cur, first: none, last: none, next: none,
			})
			if cur != none {
				p := &t.nodes[cur]
				if p.first == none {
					p.first = i
				} else {
					t.nodes[p.last].next = i
				}
				p.last = i
			}
			cur = i
		case xmltok.EndElement:
			if cur == none {
				return fmt.Errorf("%w: an end tag outside the root element", ErrMalformed)
			}
			top := open[len(open)-1]
			if !bytes.Equal(top.local, tok.Local) || !bytes.Equal(top.prefix, tok.Prefix) {
				return fmt.Errorf("%w: element <%s> closed by </%s>", ErrMalformed, clip(string(top.local)), clip(string(tok.Local)))
			}
			open = open[:len(open)-1]
			cur = t.nodes[cur].parent
			if cur == none {
				rootDone = true
			}
		case xmltok.Text:
			if cur == none {
				if len(trimSpace(tok.Text)) > 0 {
					return fmt.Errorf("%w: text outside the root element", ErrMalformed)
				}
				continue
			}
			n := &t.nodes[cur]
			if n.first != none {
				continue // space between child elements
			}
			if n.start == n.end {
				if len(trimSpace(tok.Text)) == 0 {
					continue
				}
				n.start = int32(arena.Len())
			}
			arena.Write(tok.Text)
			n.end = int32(arena.Len())
		}
	}
}

// local returns the local name of n.
func (t *tree) local(n int32) string { return t.s[t.nodes[n].name0:t.nodes[n].name1] }

// is reports whether n's local name is name.
func (t *tree) is(n int32, name string) bool { return t.local(n) == name }

// text returns the text of n with XML white space trimmed.
func (t *tree) text(n int32) string {
	s := t.s[t.nodes[n].start:t.nodes[n].end]
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// child returns the first child of n named name, or none.
func (t *tree) child(n int32, name string) int32 {
	for c := t.nodes[n].first; c != none; c = t.nodes[c].next {
		if t.local(c) == name {
			return c
		}
	}
	return none
}

// repeated names the elements that may occur more than once; their
// paths carry a 1-based position, as in transfer[2].
func repeated(local string) bool {
	switch local {
	case "transfer", "mapEntry", "datiSingoloPagamento":
		return true
	}
	return false
}

// path returns the element path of n from root (included), e.g.
// receipt/transferList/transfer[2]/transferAmount.
func (t *tree) path(root, n int32) string {
	parts := make([]int32, 0, 16)
	for c := n; c != none; c = t.nodes[c].parent {
		parts = append(parts, c)
		if c == root {
			break
		}
	}
	var b strings.Builder
	b.Grow(96)
	for j := len(parts) - 1; j >= 0; j-- {
		c := parts[j]
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(t.local(c))
		if repeated(t.local(c)) {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(t.position(c)))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// position returns the 1-based position of n among its siblings of the
// same name.
func (t *tree) position(n int32) int {
	p := t.nodes[n].parent
	if p == none {
		return 1
	}
	k := 0
	for c := t.nodes[p].first; c != none; c = t.nodes[c].next {
		if t.local(c) == t.local(n) {
			k++
		}
		if c == n {
			break
		}
	}
	return k
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
