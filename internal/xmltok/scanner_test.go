package xmltok

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tok is a token in a comparable form.
type tok struct {
	Kind         Kind
	Space, Local string
	Text         string
	Offset       int
	Attrs        string // of a start tag, as attrString writes them
}

// attrString writes attributes as `prefix|local="value"`, space
// separated.
func attrString(n int, at func(int) (prefix, local, value string)) string {
	var b strings.Builder
	for i := range n {
		p, l, v := at(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s|%s=%q", p, l, v)
	}
	return b.String()
}

// scan returns the tokens of doc by Scanner, up to the end, an error
// (then err is set) or a directive (the last token).
func scan(doc []byte) (toks []tok, err error) {
	s := New(doc)
	s.KeepAttrs()
	for {
		t, err := s.Next()
		if err == io.EOF {
			return toks, nil
		}
		if err != nil {
			return toks, err
		}
		attrs := attrString(len(t.Attrs), func(i int) (string, string, string) {
			a := t.Attrs[i]
			return string(a.Prefix), string(a.Local), string(a.Value)
		})
		toks = append(toks, tok{t.Kind, string(t.Prefix), string(t.Local), string(t.Text), s.Offset(), attrs})
		if t.Kind == Directive {
			return toks, nil
		}
	}
}

// reference returns the tokens of doc by encoding/xml's RawToken in
// strict mode, in the same form.
func reference(doc []byte) (toks []tok, err error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		t, err := d.RawToken()
		if err == io.EOF {
			return toks, nil
		}
		if err != nil {
			return toks, err
		}
		off := int(d.InputOffset())
		switch t := t.(type) {
		case xml.StartElement:
			attrs := attrString(len(t.Attr), func(i int) (string, string, string) {
				a := t.Attr[i]
				return a.Name.Space, a.Name.Local, a.Value
			})
			toks = append(toks, tok{StartElement, t.Name.Space, t.Name.Local, "", off, attrs})
		case xml.EndElement:
			toks = append(toks, tok{EndElement, t.Name.Space, t.Name.Local, "", off, ""})
		case xml.CharData:
			toks = append(toks, tok{Text, "", "", string(t), off, ""})
		case xml.Comment:
			toks = append(toks, tok{Comment, "", "", string(t), off, ""})
		case xml.ProcInst:
			toks = append(toks, tok{ProcInst, "", t.Target, string(t.Inst), off, ""})
		case xml.Directive:
			toks = append(toks, tok{Kind: Directive})
			return toks, nil
		}
	}
}

// compare checks that Scanner reads doc as encoding/xml does: the same
// tokens at the same offsets, and an error exactly when encoding/xml has
// one. A directive ends the comparison (Scanner reports it unparsed).
func compare(t *testing.T, doc []byte) {
	t.Helper()
	got, gotErr := scan(doc)
	want, wantErr := reference(doc)
	if n := len(got); n > 0 && got[n-1].Kind == Directive {
		if len(want) < n {
			// encoding/xml failed inside the directive (or before it,
			// which the token comparison below catches).
			want = append(want, tok{Kind: Directive})
		}
		want, wantErr = want[:n], nil
		got[n-1] = tok{Kind: Directive}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("tokens of %q differ (-encoding/xml +xmltok):\n%s\nerrors: %v / %v", doc, diff, wantErr, gotErr)
	}
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%q: xmltok error %v, encoding/xml error %v", doc, gotErr, wantErr)
	}
	var se *SyntaxError
	if gotErr != nil && !errors.As(gotErr, &se) {
		t.Fatalf("%q: error %v is not a *SyntaxError", doc, gotErr)
	}
}

var samples = []string{
	``,
	`<a/>`,
	`<a></a>`,
	`<?xml version="1.0" encoding="UTF-8"?><a/>`,
	`<?xml version="1.0" encoding="utf-8" standalone="yes"?>` + "\n<a/>",
	`<?xml version='1.0'?><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
	`<?xml version = "1.0" encoding = "ISO-8859-1"?><a/>`,
	`<?xml?><a/>`,
	`<?xml-stylesheet href="x"?><a/>`,
	`<? xml?>`,
	`<?x`,
	`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">
  <soapenv:Header/>
  <soapenv:Body>
    <pafn:paVerifyPaymentNoticeReq>
      <idPA>77777777777</idPA>
      <qrCode><fiscalCode>77777777777</fiscalCode><noticeNumber>311111111112222222</noticeNumber></qrCode>
    </pafn:paVerifyPaymentNoticeReq>
  </soapenv:Body>
</soapenv:Envelope>`,
	`<a b="1" c='2'>x</a>`,
	`<a b="1"c="2"/>`,
	`<a b = "1" />`,
	`<a b>`,
	`<a b=1>`,
	`<a b="<">`,
	`<a b="&lt;&#60;&#x3c;]]>">`,
	`<a b="x`,
	`<a>&lt;&gt;&amp;&apos;&quot;</a>`,
	`<a>&#65;&#x41;&#X41;</a>`,
	`<a>&#0;</a>`,
	`<a>&#1;</a>`,
	`<a>&#9;&#10;&#13;</a>`,
	`<a>&#xD800;</a>`,
	`<a>&#x10FFFF;&#x110000;</a>`,
	`<a>&#99999999999999999999999;</a>`,
	`<a>&#;</a>`,
	`<a>&#x;</a>`,
	`<a>&nbsp;</a>`,
	`<a>&lt</a>`,
	`<a>&amp`,
	`<a>& b</a>`,
	`<a>&;</a>`,
	"<a>x\r\ny\rz\n\r</a>",
	"<a>x&#13;\ny</a>",
	`<a>]]></a>`,
	`<a>]]&gt;</a>`,
	`<a>]&#93;></a>`,
	`<a>] ]></a>`,
	`<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]></a>`,
	"<a><![CDATA[x\r\ny]]></a>",
	`<a><![CDATA[x`,
	`<a><![CDATA[]]></a>`,
	`<a><![CDAT[x]]></a>`,
	`<a><!-- c --></a>`,
	`<a><!-- c -- d --></a>`,
	`<a><!----></a>`,
	`<a><!---></a>-->`,
	`<a><!- c --></a>`,
	`<a><!-- c`,
	`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`,
	`<!DOCTYPE a`,
	`<!ENTITY`,
	`<a:b xmlns:a="u"></a:b>`,
	`<:a></:a>`,
	`<a:></a:>`,
	`<a:b:c/>`,
	`<1a/>`,
	`<-a/>`,
	`<_a.b-c/>`,
	`<élan/>`,
	`<a é="1"/>`,
	"<a\xff/>",
	`<a>é</a>`,
	"<a>\xff</a>",
	"<a>\x00</a>",
	"<a>\x1f</a>",
	"<a>\uFFFE</a>",
	"<a>\U0001F600</a>",
	`< a/>`,
	`<a / >`,
	`<a/ >`,
	`</a>`,
	`</a >`,
	`</a b>`,
	`</ a>`,
	`<a>`,
	`<`,
	`<a`,
	`<a b="1"`,
	`text only`,
	`x<a/>y`,
	`<a>x</b>`,
}

func TestScannerMatchesEncodingXML(t *testing.T) {
	for _, doc := range samples {
		t.Run(fmt.Sprintf("%.30q", doc), func(t *testing.T) { compare(t, []byte(doc)) })
	}
}

func FuzzScanner(f *testing.F) {
	for _, doc := range samples {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) { compare(t, doc) })
}

func TestScannerTokens(t *testing.T) {
	doc := `<?xml version="1.0"?><s:E xmlns:s="u"><!--c--><b x="1">t&amp;u</b><c/><![CDATA[<d>]]></s:E>`
	got, err := scan([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []tok{
		{ProcInst, "", "xml", `version="1.0"`, 21, ""},
		{StartElement, "s", "E", "", 38, `xmlns|s="u"`},
		{Comment, "", "", "c", 46, ""},
		{StartElement, "", "b", "", 55, `|x="1"`},
		{Text, "", "", "t&u", 62, ""},
		{EndElement, "", "b", "", 66, ""},
		{StartElement, "", "c", "", 70, ""},
		{EndElement, "", "c", "", 70, ""},
		{Text, "", "", "<d>", 85, ""},
		{EndElement, "s", "E", "", 91, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

// Values that need decoding are kept apart from the scanner's buffer,
// which the next value reuses; without KeepAttrs no attribute is kept.
func TestScannerAttrs(t *testing.T) {
	doc := []byte("<a p:x=\"&lt;1&gt;\" y='2\r\n3' xmlns:p=\"urn:p\" z=\"&#233;\"/>")
	s := New(doc)
	s.KeepAttrs()
	tk, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	got := attrString(len(tk.Attrs), func(i int) (string, string, string) {
		a := tk.Attrs[i]
		return string(a.Prefix), string(a.Local), string(a.Value)
	})
	if want := `p|x="<1>" |y="2\n3" xmlns|p="urn:p" |z="é"`; got != want {
		t.Errorf("attributes %s; want %s", got, want)
	}
	s = New(doc)
	if tk, _ := s.Next(); tk.Attrs != nil {
		t.Errorf("attributes kept without KeepAttrs: %v", tk.Attrs)
	}
}

func TestScannerStickyError(t *testing.T) {
	s := New([]byte(`<a>&bad;</a>`))
	if _, err := s.Next(); err != nil {
		t.Fatal(err)
	}
	_, err1 := s.Next()
	_, err2 := s.Next()
	var se *SyntaxError
	if !errors.As(err1, &se) || err1 != err2 {
		t.Fatalf("errors %v, %v; want the same *SyntaxError twice", err1, err2)
	}
	if !strings.Contains(se.Error(), "entity") || se.Offset != 3 {
		t.Errorf("error %q at %d; want an entity error at 3", se.Error(), se.Offset)
	}
}

func TestScannerTextIsASlice(t *testing.T) {
	doc := []byte(`<a>plain text</a>`)
	s := New(doc)
	s.Next()
	tk, _ := s.Next()
	if string(tk.Text) != "plain text" || &tk.Text[0] != &doc[3] {
		t.Errorf("plain text was copied (or wrong): %q", tk.Text)
	}
}
