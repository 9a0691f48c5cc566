package soap

import (
	"encoding/base64"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pagokit/pagokit/internal/money"
)

// An encoder appends one message to a byte slice. It checks every value
// against its XSD type before writing it and keeps the first failure,
// with the path of the element, in err.
type encoder struct {
	b    []byte
	path []frame
	err  error
}

// encPool recycles encoders and their buffers.
var encPool = sync.Pool{New: func() any { return &encoder{b: make([]byte, 0, 4<<10), path: make([]frame, 0, 8)} }}

// The envelope around every message, and the prefix of the wrapper.
const (
	envelopeOpen  = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="` + NSEnvelope + `"><soapenv:Body>`
	envelopeClose = `</soapenv:Body></soapenv:Envelope>`
)

// write encodes a message whose wrapper is the element wrapper, with body
// writing its children, and writes it to w in one Write.
func write(w io.Writer, op Operation, wrapper string, body func(e *encoder)) error {
	e := encPool.Get().(*encoder)
	e.b, e.path, e.err = e.b[:0], e.path[:0], nil
	e.b = append(e.b, envelopeOpen...)
	e.b = append(e.b, "<paf:"...)
	e.b = append(e.b, wrapper...)
	e.b = append(e.b, ` xmlns:paf="`+NSPaForNode+`">`...)
	body(e)
	e.b = append(e.b, "</paf:"...)
	e.b = append(e.b, wrapper...)
	e.b = append(e.b, '>')
	e.b = append(e.b, envelopeClose...)
	var err error
	if e.err != nil {
		err = encodeError(op, e.err)
	} else {
		_, err = w.Write(e.b)
	}
	if cap(e.b) <= maxPooled {
		e.err = nil
		encPool.Put(e)
	}
	return err
}

// encodeError turns an encoding failure into an *Error.
func encodeError(op Operation, err error) error {
	e := &Error{Fault: FaultSystem, Op: op, Err: err}
	if fe, ok := err.(*fieldError); ok {
		e.Field, e.Err = fe.field, fe.err
	}
	return e
}

// fail records err for the child name of the current element.
func (e *encoder) fail(name string, err error) {
	if e.err == nil {
		e.err = &fieldError{field: pathString(e.path, name), err: err}
	}
}

func (e *encoder) open(name string) { e.openAt(name, 0) }

// openAt opens the idx-th (1-based) occurrence of a repeated element.
func (e *encoder) openAt(name string, idx int) {
	e.b = append(e.b, '<')
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
	e.path = append(e.path, frame{name, idx})
}

func (e *encoder) close() {
	name := e.path[len(e.path)-1].name
	e.path = e.path[:len(e.path)-1]
	e.b = append(e.b, "</"...)
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
}

// leaf writes <name>v</name> with v already in its lexical form.
func (e *encoder) leaf(name string, v []byte) {
	e.b = append(e.b, '<')
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
	e.b = append(e.b, v...)
	e.b = append(e.b, "</"...)
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
}

// leafString writes <name>v</name> with v already in its lexical form.
func (e *encoder) leafString(name, v string) {
	e.b = append(e.b, '<')
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
	e.b = append(e.b, v...)
	e.b = append(e.b, "</"...)
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
}

// str writes a required string of kind k, escaped.
func (e *encoder) str(name, s string, k kind) {
	if err := check(k, s); err != nil {
		e.fail(name, err)
	}
	e.b = append(e.b, '<')
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
	e.b = appendEscaped(e.b, s)
	e.b = append(e.b, "</"...)
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
}

// optStr writes an optional string; "" is omitted.
func (e *encoder) optStr(name, s string, k kind) {
	if s != "" {
		e.str(name, s, k)
	}
}

// amount writes an stAmount (notZero: stAmountNotZero).
func (e *encoder) amount(name string, cents int64, notZero bool) {
	if err := checkAmount(cents, notZero); err != nil {
		e.fail(name, err)
	}
	e.leafString(name, money.FormatDecimal(cents))
}

func (e *encoder) optAmount(name string, cents *int64) {
	if cents != nil {
		e.amount(name, *cents, false)
	}
}

// date writes an xs:date: t's date in t's location.
func (e *encoder) date(name string, t time.Time) {
	if err := checkYear(t, errDate); err != nil {
		e.fail(name, err)
	}
	var buf [16]byte
	e.leaf(name, t.AppendFormat(buf[:0], time.DateOnly))
}

// optDate writes an optional xs:date; the zero time is omitted.
func (e *encoder) optDate(name string, t time.Time) {
	if !t.IsZero() {
		e.date(name, t)
	}
}

// dateTime writes an xs:dateTime without zone: t's wall clock in t's
// location, with the fraction of second only when it is not zero.
func (e *encoder) dateTime(name string, t time.Time) {
	if err := checkYear(t, errDateTime); err != nil {
		e.fail(name, err)
	}
	var buf [32]byte
	e.leaf(name, t.AppendFormat(buf[:0], "2006-01-02T15:04:05.999999999"))
}

func (e *encoder) boolean(name string, v bool) {
	if v {
		e.leafString(name, "true")
	} else {
		e.leafString(name, "false")
	}
}

func (e *encoder) idTransfer(name string, id int) {
	if id < 1 || id > 5 {
		e.fail(name, errIDTransfer)
	}
	var buf [20]byte
	e.leaf(name, strconv.AppendInt(buf[:0], int64(id), 10))
}

// base64 writes an xs:base64Binary.
func (e *encoder) base64(name string, v []byte) {
	e.b = append(e.b, '<')
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
	e.b = base64.StdEncoding.AppendEncode(e.b, v)
	e.b = append(e.b, "</"...)
	e.b = append(e.b, name...)
	e.b = append(e.b, '>')
}

// appendEscaped appends s as XML character data: <, >, & and " become
// entity references, a carriage return becomes &#xD; (so that it
// survives end-of-line normalisation), and bytes that are not valid
// UTF-8 or not XML characters become U+FFFD, as in xml.EscapeText.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '&':
				esc = "&amp;"
			case c == '"':
				esc = "&quot;"
			case c == '\r':
				esc = "&#xD;"
			case c < 0x20 && c != '\t' && c != '\n':
				esc = "\uFFFD"
			}
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && width == 1 || r == 0xFFFE || r == 0xFFFF {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(b, s[last:i]...)
			b = append(b, esc...)
			last = i + width
		}
		i += width
	}
	return append(b, s[last:]...)
}
