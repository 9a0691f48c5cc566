package xmldsig

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// buildMatchesEtree checks that build reads doc as etree's own reader
// does: the same document when both read it, and a failure of build
// when etree fails. Documents build refuses by policy are not compared:
// directives, processing instructions, over the limits, and an XML
// declaration naming an encoding other than UTF-8 (encoding/xml refuses
// it without a CharsetReader; etree's default reads the bytes as UTF-8
// whatever the declaration says).
func buildMatchesEtree(t *testing.T, doc []byte) {
	t.Helper()
	got, gotErr := build(doc, Limits{MaxBytes: 1 << 20, MaxDepth: 1000, MaxElements: 100000})
	if gotErr != nil {
		checkTyped(t, "build", gotErr)
		if errors.Is(gotErr, ErrTooLarge) || strings.Contains(gotErr.Error(), "refused") ||
			strings.Contains(gotErr.Error(), "CharsetReader") {
			return
		}
	}
	want := etree.NewDocument()
	want.ReadSettings = etree.ReadSettings{PreserveDuplicateAttrs: true, MaxDepth: 1001}
	wantErr := want.ReadFromBytes(doc)
	switch {
	case gotErr != nil && wantErr == nil:
		// xmltok is held to encoding/xml's rules by its own fuzz test;
		// build also refuses what etree keeps: text after the end of
		// the document's last element is fine, an unmatched end tag is
		// not for either.
		t.Fatalf("%q: build fails (%v), etree reads it", doc, gotErr)
	case gotErr == nil && wantErr != nil:
		t.Fatalf("%q: build reads it, etree fails (%v)", doc, wantErr)
	case gotErr == nil:
		g, err1 := got.WriteToString()
		w, err2 := want.WriteToString()
		if err1 != nil || err2 != nil || g != w {
			t.Fatalf("%q: build wrote\n%s\netree wrote\n%s", doc, g, w)
		}
		// The whitespace flag of character data, used to find text
		// outside the root, is the same too.
		if gw, ww := whitespaceFlags(&got.Element), whitespaceFlags(&want.Element); gw != ww {
			t.Fatalf("%q: whitespace flags %s, etree %s", doc, gw, ww)
		}
	}
}

func whitespaceFlags(el *etree.Element) string {
	var b strings.Builder
	for _, c := range el.Child {
		switch c := c.(type) {
		case *etree.CharData:
			if c.IsWhitespace() {
				b.WriteByte('w')
			} else {
				b.WriteByte('t')
			}
		case *etree.Element:
			b.WriteString("(" + whitespaceFlags(c) + ")")
		}
	}
	return b.String()
}

var buildSamples = []string{
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8"?>` + "\n<a:b xmlns:a=\"urn:a\" x='1' a:y=\"&lt;2&gt;\">t&amp;u<!--c--><![CDATA[<d>]]>\r\n<c/></a:b>\n",
	`<a x="1" x="2"/>`,
	`<a><b></a></b>`,
	`<a>`,
	`</a>`,
	`<a></b>`,
	`<a/><b/>`,
	`text<a/>`,
	" <a/> ",
	`<a xmlns="urn:x" xmlns:p="urn:p"><p:b p:c="&#233;&#x9;"/></a>`,
	`<a b="` + "\t\n" + `"/>`,
}

func TestBuildMatchesEtree(t *testing.T) {
	for _, s := range buildSamples {
		buildMatchesEtree(t, []byte(s))
	}
	// Every seed of the verifier's fuzz corpus: signed documents.
	files, _ := filepath.Glob("testdata/fuzz/FuzzVerify/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if doc, ok := corpusBytes(b); ok {
			buildMatchesEtree(t, doc)
		}
	}
}

func FuzzBuild(f *testing.F) {
	for _, s := range buildSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(buildMatchesEtree)
}

// corpusBytes reads the []byte of a "go test fuzz v1" corpus file.
func corpusBytes(b []byte) ([]byte, bool) {
	lines := strings.SplitN(string(b), "\n", 2)
	if len(lines) != 2 || lines[0] != "go test fuzz v1" {
		return nil, false
	}
	v := strings.TrimSpace(lines[1])
	if !strings.HasPrefix(v, "[]byte(") || !strings.HasSuffix(v, ")") {
		return nil, false
	}
	s, err := strconv.Unquote(v[len("[]byte(") : len(v)-1])
	return []byte(s), err == nil
}
