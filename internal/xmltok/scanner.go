package xmltok

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// Kind tells what a token is.
type Kind uint8

// The kinds of token.
const (
	StartElement Kind = iota + 1
	EndElement
	Text      // character data, with entities and CDATA decoded
	Comment   // Text holds the comment
	ProcInst  // Local holds the target, Text the instruction
	Directive // <!DOCTYPE and the like, reported unparsed
)

// A Token is one token of the document. Its slices are valid until the
// next call to Next.
type Token struct {
	Kind Kind
	// Prefix and Local are the raw name of an element, split at its
	// colon as encoding/xml does ("a:b" → "a", "b"; ":b" and "b:" are
	// local names).
	Prefix, Local []byte
	// Text is the decoded character data of a Text token, or the
	// content of a comment or processing instruction.
	Text []byte
	// Attrs are the attributes of a StartElement, in document order,
	// when the Scanner keeps them (KeepAttrs); nil otherwise.
	Attrs []Attr
}

// An Attr is an attribute: its raw name split as element names are, and
// its value decoded as encoding/xml decodes it (entities replaced, \r\n
// and \r turned into \n, no other white-space normalisation). Its slices
// are valid until the next call to Next.
type Attr struct {
	Prefix, Local, Value []byte
}

// A SyntaxError reports malformed XML and where it was found.
type SyntaxError struct {
	Offset int // byte offset in the input
	Msg    string
}

// Error describes the problem and its offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("xml: syntax error at byte %d: %s", e.Offset, e.Msg)
}

// A Scanner reads the tokens of one document.
type Scanner struct {
	in  []byte
	pos int
	err error
	buf []byte // decoded text that is not a slice of in

	pendingEnd bool // the last start tag was self-closing
	endPrefix  []byte
	endLocal   []byte
	bufBacking [256]byte

	keepAttrs bool
	slow      bool   // the last chars call decoded into buf
	attrs     []Attr // the attributes of the last start tag
	attrBuf   []byte // decoded attribute values that are not slices of in
	spans     []span
}

// KeepAttrs makes Next return the attributes of start tags in
// Token.Attrs. Reset turns it off.
func (s *Scanner) KeepAttrs() { s.keepAttrs = true }

// New returns a Scanner over in, which must not change while it is read.
func New(in []byte) *Scanner {
	s := &Scanner{}
	s.Reset(in)
	return s
}

// Reset makes s read in from the start.
func (s *Scanner) Reset(in []byte) {
	*s = Scanner{in: in}
	s.buf = s.bufBacking[:0]
}

// Offset returns the offset in the input just past the last token read.
func (s *Scanner) Offset() int { return s.pos }

func (s *Scanner) fail(at int, format string, args ...any) (Token, error) {
	s.err = &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
	return Token{}, s.err
}

func (s *Scanner) eof() (Token, error) {
	return s.fail(len(s.in), "unexpected EOF")
}

// Next returns the next token, or io.EOF at the end of the input. After
// an error every call returns the same error.
func (s *Scanner) Next() (Token, error) {
	if s.err != nil {
		return Token{}, s.err
	}
	if s.pendingEnd {
		s.pendingEnd = false
		return Token{Kind: EndElement, Prefix: s.endPrefix, Local: s.endLocal}, nil
	}
	if s.pos >= len(s.in) {
		s.err = io.EOF
		return Token{}, io.EOF
	}
	if s.in[s.pos] != '<' {
		return s.text()
	}
	start := s.pos
	s.pos++
	if s.pos >= len(s.in) {
		return s.eof()
	}
	switch s.in[s.pos] {
	case '/':
		s.pos++
		prefix, local, ok := s.nsname()
		if !ok {
			return s.fail(s.pos, "expected element name after </")
		}
		s.space()
		if s.pos >= len(s.in) {
			return s.eof()
		}
		if s.in[s.pos] != '>' {
			return s.fail(s.pos, "invalid characters between </%s and >", local)
		}
		s.pos++
		return Token{Kind: EndElement, Prefix: prefix, Local: local}, nil
	case '?':
		return s.procInst(start)
	case '!':
		return s.bang()
	}
	return s.startElement()
}

func (s *Scanner) startElement() (Token, error) {
	prefix, local, ok := s.nsname()
	if !ok {
		return s.fail(s.pos, "expected element name after <")
	}
	var attrs []Attr
	if s.keepAttrs {
		attrs = s.attrs[:0]
		s.attrBuf = s.attrBuf[:0]
	}
	for {
		s.space()
		if s.pos >= len(s.in) {
			return s.eof()
		}
		switch s.in[s.pos] {
		case '/':
			s.pos++
			if s.pos >= len(s.in) {
				return s.eof()
			}
			if s.in[s.pos] != '>' {
				return s.fail(s.pos, "expected /> in element")
			}
			s.pos++
			s.pendingEnd, s.endPrefix, s.endLocal = true, prefix, local
			return Token{Kind: StartElement, Prefix: prefix, Local: local, Attrs: s.finishAttrs(attrs)}, nil
		case '>':
			s.pos++
			return Token{Kind: StartElement, Prefix: prefix, Local: local, Attrs: s.finishAttrs(attrs)}, nil
		}
		// An attribute: name, =, quoted value.
		aPrefix, aLocal, ok := s.nsname()
		if !ok {
			return s.fail(s.pos, "expected attribute name in element")
		}
		s.space()
		if s.pos >= len(s.in) {
			return s.eof()
		}
		if s.in[s.pos] != '=' {
			return s.fail(s.pos, "attribute name without = in element")
		}
		s.pos++
		s.space()
		if s.pos >= len(s.in) {
			return s.eof()
		}
		q := s.in[s.pos]
		if q != '"' && q != '\'' {
			return s.fail(s.pos, "unquoted or missing attribute value in element")
		}
		s.pos++
		v, err := s.chars(int(q), false)
		if err != nil {
			return Token{}, err
		}
		if s.keepAttrs {
			a := Attr{Prefix: aPrefix, Local: aLocal, Value: v}
			if s.slow {
				// buf is reused by the next value: the value goes to
				// attrBuf, and Value is set from its span once the tag
				// is read (attrBuf may move while it grows).
				start := len(s.attrBuf)
				s.attrBuf = append(s.attrBuf, v...)
				a.Value = nil
				s.spans = append(s.spans, span{len(attrs), start, len(s.attrBuf)})
			}
			attrs = append(attrs, a)
		}
	}
}

// A span locates a decoded attribute value in attrBuf.
type span struct{ attr, start, end int }

// finishAttrs sets the values kept in attrBuf and returns the attributes
// of the tag just read, or nil when attributes are not kept.
func (s *Scanner) finishAttrs(attrs []Attr) []Attr {
	if !s.keepAttrs {
		return nil
	}
	for _, sp := range s.spans {
		attrs[sp.attr].Value = s.attrBuf[sp.start:sp.end:sp.end]
	}
	s.spans = s.spans[:0]
	s.attrs = attrs
	return attrs
}

// procInst reads <?target content?>. An XML declaration is checked by
// encoding/xml itself, so that its version and encoding are read by the
// very same rules.
func (s *Scanner) procInst(start int) (Token, error) {
	s.pos++ // the ?
	target, ok := s.name()
	if !ok {
		return s.fail(s.pos, "expected target name after <?")
	}
	s.space()
	i := bytes.Index(s.in[s.pos:], []byte("?>"))
	if i < 0 {
		return s.eof()
	}
	content := s.in[s.pos : s.pos+i]
	s.pos += i + 2
	if string(target) == "xml" {
		d := xml.NewDecoder(bytes.NewReader(s.in[start:s.pos]))
		if _, err := d.RawToken(); err != nil {
			s.err = &SyntaxError{Offset: start, Msg: err.Error()}
			return Token{}, s.err
		}
	}
	return Token{Kind: ProcInst, Local: target, Text: content}, nil
}

// bang reads what starts with <!: a comment, a CDATA section or a
// directive.
func (s *Scanner) bang() (Token, error) {
	s.pos++ // the !
	rest := s.in[s.pos:]
	switch {
	case len(rest) == 0:
		return s.eof()
	case rest[0] == '-':
		if len(rest) < 2 {
			return s.eof()
		}
		if rest[1] != '-' {
			return s.fail(s.pos+1, "invalid sequence <!- not part of <!--")
		}
		s.pos += 2
		i := bytes.Index(s.in[s.pos:], []byte("--"))
		if i < 0 {
			return s.eof()
		}
		end := s.pos + i + 2
		if end >= len(s.in) {
			return s.eof()
		}
		if s.in[end] != '>' {
			return s.fail(end, `invalid sequence "--" not allowed in comments`)
		}
		text := s.in[s.pos : s.pos+i]
		s.pos = end + 1
		return Token{Kind: Comment, Text: text}, nil
	case rest[0] == '[':
		const cdata = "[CDATA["
		for i := 1; i < len(cdata); i++ {
			if i >= len(rest) {
				return s.eof()
			}
			if rest[i] != cdata[i] {
				return s.fail(s.pos+i, "invalid <![ sequence")
			}
		}
		s.pos += len(cdata)
		text, err := s.chars(-1, true)
		if err != nil {
			return Token{}, err
		}
		return Token{Kind: Text, Text: text}, nil
	}
	return Token{Kind: Directive}, nil
}

func (s *Scanner) text() (Token, error) {
	text, err := s.chars(-1, false)
	if err != nil {
		return Token{}, err
	}
	return Token{Kind: Text, Text: text}, nil
}

// chars reads character data from s.pos: text up to the next < (quote
// < 0, cdata false), a CDATA section up to ]]> (cdata true) or an
// attribute value up to its closing quote. It decodes entities (not in
// CDATA), turns \r\n and \r into \n, and checks UTF-8 and the XML
// character range of the result.
func (s *Scanner) chars(quote int, cdata bool) ([]byte, error) {
	in := s.in
	start := s.pos
	if cdata {
		return s.charsSlow(quote, cdata)
	}
	// The fast path: plain ASCII text needing no decoding is returned
	// as a slice of the input.
	i := start
	for ; i < len(in); i++ {
		c := in[i]
		if c < 0x20 && c != '\t' && c != '\n' || c >= 0x80 || c == '&' || c == '<' || c == ']' || int(c) == quote {
			break
		}
	}
	s.slow = false
	if i == len(in) || in[i] == '<' && quote < 0 {
		s.pos = i
		return in[start:i], nil
	}
	if int(in[i]) == quote {
		s.pos = i + 1
		return in[start:i], nil
	}
	return s.charsSlow(quote, cdata)
}

func (s *Scanner) charsSlow(quote int, cdata bool) ([]byte, error) {
	s.slow = true
	in := s.in
	out := s.buf[:0]
	i := s.pos
	for {
		if i >= len(in) {
			if cdata {
				return nil, s.charsFail(len(in), "unexpected EOF in CDATA section")
			}
			break
		}
		c := in[i]
		if c == '>' && quote < 0 && i-s.pos >= 2 && in[i-1] == ']' && in[i-2] == ']' {
			if cdata {
				out = out[:len(out)-2]
				i++
				break
			}
			return nil, s.charsFail(i, "unescaped ]]> not in CDATA section")
		}
		if c == '<' && !cdata {
			if quote >= 0 {
				return nil, s.charsFail(i, "unescaped < inside quoted string")
			}
			break
		}
		if quote >= 0 && int(c) == quote {
			i++
			break
		}
		if c == '&' && !cdata {
			amp := i
			var ok bool
			out, i, ok = entity(out, in, i)
			if !ok {
				if i >= len(in) {
					return nil, s.charsFail(len(in), "unexpected EOF")
				}
				return nil, s.charsFail(amp, "invalid character entity")
			}
			continue
		}
		switch {
		case c == '\r':
			out = append(out, '\n')
		case c == '\n' && i > s.pos && in[i-1] == '\r':
		default:
			out = append(out, c)
		}
		i++
	}
	if err := checkChars(out); err != "" {
		return nil, s.charsFail(s.pos, err)
	}
	s.pos = i
	s.buf = out
	return out, nil
}

func (s *Scanner) charsFail(at int, msg string) error {
	s.err = &SyntaxError{Offset: at, Msg: msg}
	return s.err
}

// entity decodes the reference at in[i] (an &) onto out. It returns the
// offset past the reference, or false when the reference is not one of
// the five predefined entities or a character reference up to
// unicode.MaxRune.
func entity(out, in []byte, i int) ([]byte, int, bool) {
	j := i + 1
	if j < len(in) && in[j] == '#' {
		j++
		base := 10
		if j < len(in) && in[j] == 'x' {
			base = 16
			j++
		}
		digits := j
		var n uint64
		for ; j < len(in); j++ {
			c := in[j]
			var d byte
			switch {
			case '0' <= c && c <= '9':
				d = c - '0'
			case base == 16 && 'a' <= c && c <= 'f':
				d = c - 'a' + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = c - 'A' + 10
			default:
				goto done
			}
			if n <= unicode.MaxRune {
				n = n*uint64(base) + uint64(d)
			}
		}
	done:
		if j >= len(in) {
			return out, j, false
		}
		if in[j] != ';' || j == digits || n > unicode.MaxRune {
			return out, j, false
		}
		return utf8.AppendRune(out, rune(n)), j + 1, true
	}
	for _, e := range predefined {
		if bytes.HasPrefix(in[j:], []byte(e.name)) {
			return append(out, e.char), j + len(e.name), true
		}
	}
	// Not predefined: an error; find where, for the offset.
	for j < len(in) && (isNameByte(in[j]) || in[j] >= utf8.RuneSelf) {
		j++
	}
	return out, j, false
}

var predefined = []struct {
	name string
	char byte
}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"apos;", '\''}, {"quot;", '"'}}

// checkChars reports invalid UTF-8 or a character outside XML's range.
func checkChars(b []byte) string {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fmt.Sprintf("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8"
		}
		if !inCharacterRange(r) {
			return fmt.Sprintf("illegal character code %U", r)
		}
		i += size
	}
	return ""
}

// inCharacterRange is XML 1.0's Char production.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func (s *Scanner) space() {
	for s.pos < len(s.in) {
		switch s.in[s.pos] {
		case ' ', '\r', '\n', '\t':
			s.pos++
		default:
			return
		}
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// name reads a name: the bytes that may make one, then checked.
func (s *Scanner) name() ([]byte, bool) {
	start := s.pos
	i := start
	ascii := true
	for ; i < len(s.in); i++ {
		c := s.in[i]
		if c >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if !isNameByte(c) {
			break
		}
	}
	n := s.in[start:i]
	if len(n) == 0 {
		return nil, false
	}
	s.pos = i
	if ascii {
		c := n[0]
		return n, 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	return n, validName(n)
}

// validName checks a name with non-ASCII letters by encoding/xml's own
// tables (of XML's name characters), so that both accept the same names.
// Colons, valid anywhere in a name, become underscores so that
// encoding/xml's reading of prefixes does not interfere.
func validName(n []byte) bool {
	doc := make([]byte, 0, len(n)+3)
	doc = append(doc, '<')
	for _, c := range n {
		if c == ':' {
			c = '_'
		}
		doc = append(doc, c)
	}
	doc = append(doc, "/>"...)
	t, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	if err != nil {
		return false
	}
	se, ok := t.(xml.StartElement)
	return ok && se.Name.Space == "" && len(se.Name.Local) == len(n)
}

// nsname reads a name and splits it at its colon as encoding/xml does;
// a name with more than one colon is refused.
func (s *Scanner) nsname() (prefix, local []byte, ok bool) {
	n, ok := s.name()
	if !ok {
		return nil, nil, false
	}
	switch bytes.Count(n, []byte(":")) {
	case 0:
		return nil, n, true
	case 1:
		p, l, _ := bytes.Cut(n, []byte(":"))
		if len(p) == 0 || len(l) == 0 {
			return nil, n, true
		}
		return p, l, true
	}
	return nil, nil, false
}
