package soap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pagokit/pagokit/internal/xmltok"
)

// A decoder reads one message with xmltok (encoding/xml's rules, at a
// fraction of the cost), counting depth and elements on every token, and
// keeps the path of the element being read for error reports.
//
// It reads raw tokens: the operations are recognised by local name in any
// namespace, so namespace translation would be wasted work; the decoder
// matches end tags to start tags itself.
type decoder struct {
	d       xmltok.Scanner
	open    []rawName // the elements open
	in      []byte    // the whole message
	lim     Limits
	depth   int // elements open
	elems   int // elements started
	start   int // offset in in where the last token read began
	path    []frame
	scratch []byte // text of the current simple element

	openBuf    [16]rawName
	pathBuf    [12]frame
	scratchBuf [128]byte
}

// A frame is one element of the path: its local name and, for a repeated
// element, its 1-based position.
type frame struct {
	name string
	idx  int
}

// inPool recycles input buffers. Nothing decoded refers to them: strings
// are copied, base64 is decoded into new slices and Raw is cloned.
var inPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// maxPooled is the largest buffer put back in inPool.
const maxPooled = 256 << 10

// withInput reads r (at most lim.MaxBytes) into a pooled buffer and calls
// f with a decoder over it.
func withInput(r io.Reader, lim Limits, f func(p *decoder) error) error {
	bp := inPool.Get().(*[]byte)
	in, err := readAll(r, lim.MaxBytes, (*bp)[:0])
	defer func() {
		if cap(in) <= maxPooled {
			*bp = in[:0]
			inPool.Put(bp)
		}
	}()
	if err != nil {
		return err
	}
	doc := bytes.TrimPrefix(in, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	p := &decoder{in: doc, lim: lim}
	p.d.Reset(doc)
	p.path, p.scratch, p.open = p.pathBuf[:0], p.scratchBuf[:0], p.openBuf[:0]
	return f(p)
}

// readAll appends r to buf, failing with ErrTooLarge beyond max bytes.
func readAll(r io.Reader, max int64, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if left := max + 1 - int64(len(buf)); int64(len(room)) > left {
			room = room[:left]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return buf, ErrTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, fmt.Errorf("soap: reading the message: %w", err)
		}
	}
}

// A rawName is an element's name as written: prefix and local name,
// slices of the input.
type rawName struct{ prefix, local []byte }

func (n rawName) String() string {
	if len(n.prefix) == 0 {
		return string(n.local)
	}
	return string(n.prefix) + ":" + string(n.local)
}

// next returns the next token, enforcing the limits, matching end tags
// and refusing DTDs. It returns io.EOF only at the clean end of the
// input.
func (p *decoder) next() (xmltok.Token, error) {
	p.start = p.d.Offset()
	t, err := p.d.Next()
	if err != nil {
		if err == io.EOF {
			if p.depth > 0 {
				return t, fmt.Errorf("%w: unexpected end of input inside <%s>", ErrMalformed, p.open[len(p.open)-1])
			}
			return t, io.EOF
		}
		return t, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	switch t.Kind {
	case xmltok.StartElement:
		p.depth++
		p.elems++
		if p.depth > p.lim.MaxDepth {
			return t, ErrTooDeep
		}
		if p.elems > p.lim.MaxElements {
			return t, ErrTooManyElements
		}
		p.open = append(p.open, rawName{t.Prefix, t.Local})
	case xmltok.EndElement:
		if p.depth == 0 {
			return t, fmt.Errorf("%w: unexpected end tag </%s>", ErrMalformed, rawName{t.Prefix, t.Local})
		}
		if top := p.open[len(p.open)-1]; !bytes.Equal(top.prefix, t.Prefix) || !bytes.Equal(top.local, t.Local) {
			return t, fmt.Errorf("%w: element <%s> closed by </%s>", ErrMalformed, top, rawName{t.Prefix, t.Local})
		}
		p.open = p.open[:len(p.open)-1]
		p.depth--
	case xmltok.Directive:
		return t, errDTD
	}
	return t, nil
}

// body reads up to the start of the first element in the SOAP Body and
// returns its local name. A Header and other elements before the Body are
// skipped.
func (p *decoder) body() (string, error) {
	// The prolog, up to the Envelope.
	for {
		t, err := p.next()
		if err == io.EOF {
			return "", errNoEnvelope
		}
		if err != nil {
			return "", err
		}
		switch t.Kind {
		case xmltok.Text:
			if len(trim(t.Text)) > 0 {
				return "", errNoEnvelope
			}
		case xmltok.StartElement:
			if string(t.Local) != "Envelope" {
				return "", errNoEnvelope
			}
			return p.inBody()
		}
	}
}

func (p *decoder) inBody() (string, error) {
	inBody := false
	for {
		t, err := p.next()
		if err != nil {
			return "", err
		}
		switch t.Kind {
		case xmltok.StartElement:
			switch {
			case inBody:
				return string(t.Local), nil
			case string(t.Local) == "Body" && p.depth == 2:
				inBody = true
			default:
				if err := p.skip(); err != nil {
					return "", err
				}
			}
		case xmltok.EndElement:
			if inBody {
				return "", ErrUnknownOperation // an empty Body
			}
			return "", errNoBody
		}
	}
}

// finish reads the rest of the message: what follows in the Body and the
// Envelope is skipped; after the Envelope only white space, comments and
// processing instructions may appear.
func (p *decoder) finish() error {
	for p.depth > 0 {
		if _, err := p.next(); err != nil {
			return err
		}
	}
	for {
		t, err := p.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t.Kind {
		case xmltok.StartElement:
			return errAfterRoot
		case xmltok.Text:
			if len(trim(t.Text)) > 0 {
				return errAfterRoot
			}
		}
	}
}

// settle completes a decode that ended with err: the rest of the message
// is read, and an error that makes the message not well formed or over
// the limits takes precedence over an XSD error.
func (p *decoder) settle(err error) error {
	if err == nil {
		return p.finish()
	}
	if errors.Is(err, ErrInvalid) || errors.Is(err, ErrUnknownOperation) || errors.Is(err, ErrServerFault) {
		if err2 := p.finish(); err2 != nil {
			return err2
		}
	}
	return err
}

// skip reads the rest of the element just started.
func (p *decoder) skip() error {
	for d := p.depth - 1; p.depth > d; {
		if _, err := p.next(); err != nil {
			return err
		}
	}
	return nil
}

// fail returns err tied to the current path.
func (p *decoder) fail(err error) error {
	return &fieldError{field: p.pathString(""), err: err}
}

// failAt returns err tied to the child name of the current element.
func (p *decoder) failAt(name string, err error) error {
	return &fieldError{field: p.pathString(name), err: err}
}

func (p *decoder) pathString(child string) string {
	return pathString(p.path, child)
}

func pathString(path []frame, child string) string {
	var b strings.Builder
	for _, f := range path {
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(f.name)
		if f.idx > 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(f.idx))
			b.WriteByte(']')
		}
	}
	if child != "" {
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(child)
	}
	return b.String()
}

// A fieldSet lists the child elements of a complex type in XSD order:
// which are required, and which one (if any) may repeat.
type fieldSet struct {
	names    []string
	required uint64
	many     int // index of the repeated element, or -1
	max      int // its maxOccurs
}

// fields builds a fieldSet from names in XSD order: "name" is required,
// "name?" optional, "name+N" required and repeated up to N times.
func fields(spec ...string) *fieldSet {
	fs := &fieldSet{many: -1}
	for i, s := range spec {
		switch {
		case strings.HasSuffix(s, "?"):
			s = strings.TrimSuffix(s, "?")
		case strings.Contains(s, "+"):
			name, n, _ := strings.Cut(s, "+")
			max, err := strconv.Atoi(n)
			if err != nil || fs.many >= 0 {
				panic("soap: bad field spec " + s)
			}
			s, fs.many, fs.max = name, i, max
			fs.required |= 1 << i
		default:
			fs.required |= 1 << i
		}
		fs.names = append(fs.names, s)
	}
	return fs
}

func (fs *fieldSet) index(name []byte) int {
	for i, n := range fs.names {
		if n == string(name) {
			return i
		}
	}
	return -1
}

// each reads the children of the element just started, up to its end.
// For each child named in fs it calls f, which must read the child
// entirely; other children are skipped. Text between children is ignored.
// It reports a repeated child, too many repetitions and, at the end, the
// first required child missing in XSD order.
func (p *decoder) each(fs *fieldSet, f func(name string) error) error {
	var seen uint64
	count := 0
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		switch t.Kind {
		case xmltok.StartElement:
			i := fs.index(t.Local)
			if i < 0 {
				if err := p.skip(); err != nil {
					return err
				}
				continue
			}
			fr := frame{name: fs.names[i]}
			if i == fs.many {
				count++
				fr.idx = count
			}
			p.path = append(p.path, fr)
			switch {
			case i == fs.many && count > fs.max:
				return p.fail(errTooMany)
			case seen&(1<<i) != 0 && i != fs.many:
				return p.fail(errDuplicate)
			}
			seen |= 1 << i
			if err := f(fr.name); err != nil {
				return err
			}
			p.path = p.path[:len(p.path)-1]
		case xmltok.EndElement:
			if missing := fs.required &^ seen; missing != 0 {
				return p.failAt(fs.names[bits.TrailingZeros64(missing)], errMissing)
			}
			return nil
		}
	}
}

// text reads the content of a simple element up to its end. The result
// is valid until the next read.
func (p *decoder) text() ([]byte, error) {
	p.scratch = p.scratch[:0]
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t.Kind {
		case xmltok.Text:
			p.scratch = append(p.scratch, t.Text...)
		case xmltok.StartElement:
			return nil, p.fail(errNotSimple)
		case xmltok.EndElement:
			return p.scratch, nil
		}
	}
}

// str reads a string of kind k into *dst.
func (p *decoder) str(dst *string, k kind) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	s := string(b)
	if k.collapses() {
		s = collapse(s)
	}
	if err := check(k, s); err != nil {
		return p.fail(err)
	}
	*dst = s
	return nil
}

// amount reads an stAmount (notZero: stAmountNotZero) into *dst.
func (p *decoder) amount(dst *int64, notZero bool) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	v, err := parseAmount(b, notZero)
	if err != nil {
		return p.fail(err)
	}
	*dst = v
	return nil
}

// amountPtr reads an optional stAmount into a new *int64.
func (p *decoder) amountPtr(dst **int64) error {
	var v int64
	if err := p.amount(&v, false); err != nil {
		return err
	}
	*dst = &v
	return nil
}

func (p *decoder) date(dst *time.Time) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	t, err := parseDate(b)
	if err != nil {
		return p.fail(err)
	}
	*dst = t
	return nil
}

func (p *decoder) dateTime(dst *time.Time) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	t, err := parseDateTime(b)
	if err != nil {
		return p.fail(err)
	}
	*dst = t
	return nil
}

func (p *decoder) boolean(dst *bool) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	v, err := parseBool(b)
	if err != nil {
		return p.fail(err)
	}
	*dst = v
	return nil
}

func (p *decoder) idTransfer(dst *int) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	v, err := parseIDTransfer(b)
	if err != nil {
		return p.fail(err)
	}
	*dst = v
	return nil
}

// base64 reads an xs:base64Binary into *dst, never nil.
func (p *decoder) base64(dst *[]byte) error {
	b, err := p.text()
	if err != nil {
		return err
	}
	v, ok := decodeBase64(b)
	if !ok {
		return p.fail(errBase64)
	}
	*dst = v
	return nil
}
