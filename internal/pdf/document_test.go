package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font/gofont/goregular"
)

// testFonts are the three Go fonts of goFonts, parsed once.
var testFonts = sync.OnceValue(func() []*Font {
	var fs []*Font
	for _, gf := range goFonts {
		f, err := ParseFont(gf.ttf)
		if err != nil {
			panic(err)
		}
		fs = append(fs, f)
	}
	return fs
})

// render returns the PDF of d.
func render(t testing.TB, d *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	return buf.Bytes()
}

// object returns the text of object obj of a PDF, from "obj" to "endobj",
// using the cross-reference table.
func object(t testing.TB, pdf []byte, obj int) []byte {
	t.Helper()
	offs := xref(t, pdf)
	if obj < 1 || obj >= len(offs) {
		t.Fatalf("no object %d", obj)
	}
	b := pdf[offs[obj]:]
	head := fmt.Sprintf("%d 0 obj\n", obj)
	if !bytes.HasPrefix(b, []byte(head)) {
		t.Fatalf("object %d: offset %d points to %.20q", obj, offs[obj], b)
	}
	end := bytes.Index(b, []byte("\nendobj\n"))
	return b[len(head):end]
}

// xref checks the cross-reference table and trailer of a PDF and returns
// the object offsets (offs[0] unused).
func xref(t testing.TB, pdf []byte) []int {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no startxref at the end: %q", pdf[max(0, len(pdf)-60):])
	}
	start, _ := strconv.Atoi(string(m[1]))
	b := pdf[start:]
	var n int
	if _, err := fmt.Sscanf(string(b), "xref\n0 %d\n", &n); err != nil {
		t.Fatalf("xref at %d: %v", start, err)
	}
	b = b[bytes.IndexByte(b[5:], '\n')+6:]
	offs := make([]int, n)
	for i := range n {
		e := string(b[20*i : 20*i+20])
		if i == 0 {
			if e != "0000000000 65535 f \n" {
				t.Errorf("xref entry 0 = %q", e)
			}
			continue
		}
		if !regexp.MustCompile(`^\d{10} 00000 n \n$`).MatchString(e) {
			t.Fatalf("xref entry %d = %q", i, e)
		}
		offs[i], _ = strconv.Atoi(e[:10])
	}
	trailer := string(b[20*n:])
	want := fmt.Sprintf(`^trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R /ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\] >>\n`, n)
	if !regexp.MustCompile(want).MatchString(trailer) {
		t.Errorf("trailer %q does not match %q", trailer, want)
	}
	return offs
}

// stream returns the decompressed data of stream object obj.
func stream(t testing.TB, pdf []byte, obj int) (dict string, data []byte) {
	t.Helper()
	b := object(t, pdf, obj)
	i := bytes.Index(b, []byte(" >>\nstream\n"))
	if i < 0 || !bytes.HasSuffix(b, []byte("\nendstream")) {
		t.Fatalf("object %d is not a stream: %.80q", obj, b)
	}
	dict = string(b[:i+3])
	raw := b[i+len(" >>\nstream\n") : len(b)-len("\nendstream")]
	m := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(dict)
	if m == nil || m[1] != strconv.Itoa(len(raw)) {
		t.Fatalf("object %d: %s for %d bytes", obj, dict, len(raw))
	}
	if !strings.Contains(dict, "/Filter /FlateDecode") {
		return dict, raw
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	data, err = io.ReadAll(zr)
	if err != nil {
		t.Fatalf("object %d: %v", obj, err)
	}
	return dict, data
}

// content returns the content stream of page i (from 0).
func content(t testing.TB, pdf []byte, i int) string {
	t.Helper()
	_, data := stream(t, pdf, objFirstPage+2*i+1)
	return string(data)
}

func TestContent(t *testing.T) {
	f := testFonts()[0]
	for _, tt := range []struct {
		name string
		draw func(p *Page)
		want string
	}{
		{"nothing", func(p *Page) {}, ""},
		{"rect", func(p *Page) { p.Rect(10, 20, 30, 40) }, "10 40 30 40 re\nf\n"},
		{"negative rect", func(p *Page) { p.Rect(40, 60, -30, -40) }, "10 40 30 40 re\nf\n"},
		{"gray", func(p *Page) { p.SetFill(Color{51, 51, 51}); p.Rect(0, 0, 1, 1) }, "0.2 g\n0 99 1 1 re\nf\n"},
		{"colours", func(p *Page) {
			p.SetFill(Black) // the initial colour: nothing written
			p.SetFill(Color{255, 0, 0})
			p.SetStroke(Color{0, 0, 255})
			p.SetStroke(Color{0, 0, 255})
			p.SetFill(White)
		}, "1 0 0 rg\n0 0 1 RG\n1 g\n"},
		{"runs of rects", func(p *Page) {
			for x := range 3 {
				p.Rect(float64(x)*1.1, 0, 1.1, 1) // one run
			}
			p.Rect(4, 0, 1, 1) // a gap
			p.Rect(5, 0, 1, 2) // another height
			p.Rect(6, 1, 1, 1) // another row
			p.SetFill(White)   // ends the path
			p.Rect(7, 1, 1, 1) // adjacent, but another colour
		}, "0 99 3.3 1 re\n4 99 1 1 re\n5 98 1 2 re\n6 98 1 1 re\nf\n1 g\n7 98 1 1 re\nf\n"},
		{"stroke", func(p *Page) {
			p.SetLineWidth(0.5)
			p.SetDash(3, 1.5)
			p.StrokeRect(10, 10, 20, 20)
			p.SetDash(0, 0)
			p.SetLineWidth(1)
			p.Line(0, 0, 100, 100)
		}, "0.5 w\n[3 1.5] 0 d\n10 70 20 20 re S\n[] 0 d\n1 w\n0 100 m\n100 0 l S\n"},
		{"bad line width and dash", func(p *Page) {
			p.SetLineWidth(-1)
			p.SetDash(-1, 2)
			p.SetDash(2, 0)
		}, "0 w\n"},
		{"round rect", func(p *Page) { p.RoundRect(0, 0, 100, 50, 10, false) },
			"10 50 m\n90 50 l\n95.523 50 100 54.477 100 60 c\n100 90 l\n100 95.523 95.523 100 90 100 c\n" +
				"10 100 l\n4.477 100 0 95.523 0 90 c\n0 60 l\n0 54.477 4.477 50 10 50 c\nh S\n"},
		{"filled round rect, radius too large", func(p *Page) { p.RoundRect(0, 0, 10, 4, 100, true) },
			"2 96 m\n8 96 l\n9.105 96 10 96.895 10 98 c\n10 98 l\n10 99.105 9.105 100 8 100 c\n" +
				"2 100 l\n0.895 100 0 99.105 0 98 c\n0 98 l\n0 96.895 0.895 96 2 96 c\nh\nf\n"},
		{"square round rect", func(p *Page) { p.RoundRect(0, 0, 10, 10, 0, true); p.Rect(10, 0, 1, 1) },
			"0 90 m\n10 90 l\n10 100 l\n0 100 l\n0 90 l\nh\n10 99 1 1 re\nf\n"},
		{"text", func(p *Page) {
			p.Text(f, 12, 10, 20, "Aé\n")
			p.Text(f, 12, 10, 34.5, "A")
			p.Text(f, 10, 10, 34.5, "")
			p.Rect(0, 0, 1, 1)
			p.Text(f, 10, 10.0004, 30, "A")
		}, fmt.Sprintf("BT\n/F1 12 Tf\n10 80 Td\n<%04X%04X> Tj\n0 -14.5 Td\n<%04X> Tj\nET\n0 99 1 1 re\nf\nBT\n/F1 10 Tf\n10 70 Td\n<%04X> Tj\nET\n",
			f.glyph('A'), f.glyph('é'), f.glyph('A'), f.glyph('A'))},
		{"nil font and image", func(p *Page) { p.Text(nil, 10, 0, 0, "x"); p.Image(nil, 0, 0, 1, 1) }, ""},
	} {
		d := New()
		tt.draw(d.AddPage(100, 100))
		if got := content(t, render(t, d), 0); got != tt.want {
			t.Errorf("%s: content\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// TestTextPositionNoDrift checks that relative text positions do not
// accumulate rounding errors.
func TestTextPositionNoDrift(t *testing.T) {
	f := testFonts()[0]
	d := New()
	p := d.AddPage(100, 1000)
	for i := range 300 {
		p.Text(f, 10, 0.0004*float64(i), 1000-float64(i)*(1+1.0/3), "A")
	}
	var x, y float64
	for _, line := range strings.Split(content(t, render(t, d), 0), "\n") {
		var dx, dy float64
		if n, _ := fmt.Sscanf(line, "%g %g Td", &dx, &dy); n == 2 {
			x, y = x+dx, y+dy
		}
	}
	wantX, wantY := 0.0004*299, float64(299)*(1+1.0/3)
	if d := x - wantX; d > 0.0005 || d < -0.0005 {
		t.Errorf("last text at x %v, want %v", x, wantX)
	}
	if d := y - wantY; d > 0.0005 || d < -0.0005 {
		t.Errorf("last text at y %v, want %v", y, wantY)
	}
}

// testPNG returns a w×h PNG of colour c, partly transparent if c.A < 255.
func testPNG(t testing.TB, w, h int, c color.NRGBA) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testJPEG returns a w×h JPEG, gray or colour.
func testJPEG(t testing.TB, w, h int, gray bool) []byte {
	t.Helper()
	var m image.Image
	if gray {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = uint8(i * 7)
		}
		m = g
	} else {
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range c.Pix {
			c.Pix[i] = uint8(i * 13)
		}
		m = c
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fullDocument draws a document using every feature: three pages, three
// fonts, a transparent PNG, gray and colour JPEGs, dashes, round rects.
func fullDocument(t testing.TB, d *Document) {
	t.Helper()
	fs := testFonts()
	alpha, err := ParseImage(testPNG(t, 8, 4, color.NRGBA{200, 30, 30, 128}))
	if err != nil {
		t.Fatal(err)
	}
	grayJPEG, err := ParseImage(testJPEG(t, 16, 8, true))
	if err != nil {
		t.Fatal(err)
	}
	rgbJPEG, err := ParseImage(testJPEG(t, 16, 16, false))
	if err != nil {
		t.Fatal(err)
	}
	d.SetInfo(Info{Title: "Avviso di pagamento", Author: "Città di Castello", Producer: "pagokit"})
	for i, lines := range [][]string{
		{"AVVISO DI PAGAMENTO", "Città di Castello – l’ente", "Importo: 1.234,56 €"},
		{"Grüße aus Köln: äöü ÄÖÜ ß", "àèéìòù · ÀÈÉÌÒÙ", "perché più così"},
		{"Codice avviso 3012 3456 7890 1234 56"},
	} {
		p := d.AddPage(A4Width, A4Height)
		for j, s := range lines {
			p.SetFill(Color{0, uint8(40 * j), 80})
			p.Text(fs[(i+j)%3], 12, 50, 100+20*float64(j), s)
		}
		p.SetStroke(Color{0, 102, 204})
		p.SetLineWidth(0.75)
		p.SetDash(4, 2)
		p.RoundRect(40, 60, 400, 100, 8, false)
		p.SetDash(0, 0)
		p.Line(40, 200, 440, 200)
		p.SetFill(Color{230, 230, 230})
		p.RoundRect(40, 220, 200, 60, 6, true)
		p.SetFill(Black)
		for k := range 200 {
			if k*7%3 != 0 {
				p.Rect(300+float64(k%20)*3, 220+float64(k/20)*3, 3, 3)
			}
		}
		p.Image(alpha, 50, 300, 80, 40)
		p.Image(grayJPEG, 150, 300, 80, 40)
		p.Image(rgbJPEG, 250, 300, 40, 40)
		p.StrokeRect(48, 298, 244, 44)
	}
}

func TestDeterministic(t *testing.T) {
	d := New()
	fullDocument(t, d)
	first := render(t, d)

	d = New()
	fullDocument(t, d)
	if second := render(t, d); !bytes.Equal(first, second) {
		t.Error("a second rendering differs")
	}
	d.Reset()
	fullDocument(t, d)
	if reused := render(t, d); !bytes.Equal(first, reused) {
		t.Error("a rendering with a reset Document differs")
	}
	// Fresh fonts: the subsets are built again.
	for _, f := range testFonts() {
		f.mu.Lock()
		f.subsets = nil
		f.mu.Unlock()
	}
	d = New()
	fullDocument(t, d)
	if rebuilt := render(t, d); !bytes.Equal(first, rebuilt) {
		t.Error("a rendering with the subsets built again differs")
	}
}

func TestStructure(t *testing.T) {
	d := New()
	fullDocument(t, d)
	pdf := render(t, d)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n%")) {
		t.Errorf("header %q", pdf[:12])
	}
	offs := xref(t, pdf)
	// Catalog, pages, info, resources, 3 pages and contents, 3 fonts of 5
	// objects, 3 images, one with a soft mask.
	if want := 4 + 2*3 + 3*5 + 4 + 1; len(offs) != want {
		t.Errorf("%d objects, want %d", len(offs)-1, want-1)
	}
	for obj := 1; obj < len(offs); obj++ {
		object(t, pdf, obj) // checks the offset
	}
	for _, tt := range []struct {
		obj  int
		want string
	}{
		{objCatalog, "<< /Type /Catalog /Pages 2 0 R >>"},
		{objPages, "<< /Type /Pages /Kids [5 0 R 7 0 R 9 0 R] /Count 3 >>"},
		{objInfo, "<< /Title (Avviso di pagamento) /Author <FEFF004300690074007400E0002000640069002000430061007300740065006C006C006F> /Producer (pagokit) >>"},
		{objResources, "<< /Font << /F1 11 0 R /F2 16 0 R /F3 21 0 R >> /XObject << /I1 26 0 R /I2 28 0 R /I3 29 0 R >> >>"},
		{5, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 841.89] /Resources 4 0 R /Contents 6 0 R >>"},
	} {
		if got := string(object(t, pdf, tt.obj)); got != tt.want {
			t.Errorf("object %d:\n%s\nwant\n%s", tt.obj, got, tt.want)
		}
	}
	for i, obj := range []int{11, 16, 21} {
		for _, re := range []string{
			`^<< /Type /Font /Subtype /Type0 /BaseFont /[A-Z]{6}\+Go[-A-Za-z]+ /Encoding /Identity-H /DescendantFonts \[\d+ 0 R\] /ToUnicode \d+ 0 R >>$`,
		} {
			if got := object(t, pdf, obj); !regexp.MustCompile(re).Match(got) {
				t.Errorf("object %d: %s does not match %s", obj, got, re)
			}
		}
		desc := string(object(t, pdf, obj+2))
		flags := "/Flags 4 " // symbolic
		if goFonts[i].name == "GoMono" {
			flags = "/Flags 5 " // and fixed pitch
		}
		for _, want := range []string{"/Type /FontDescriptor", flags, "/FontBBox [", "/ItalicAngle 0 ", "/Ascent ", "/Descent -", "/CapHeight ", "/StemV 80 ", "/FontFile2 "} {
			if !strings.Contains(desc, want) {
				t.Errorf("font descriptor %s lacks %q", desc, want)
			}
		}
		dict, prog := stream(t, pdf, obj+3)
		if !strings.Contains(dict, "/Length1 "+strconv.Itoa(len(prog))+" ") {
			t.Errorf("font file %s: %d bytes", dict, len(prog))
		}
	}
	for _, tt := range []struct {
		obj  int
		want string
	}{
		{26, "<< /Type /XObject /Subtype /Image /Width 8 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8 /SMask 27 0 R /Filter /FlateDecode /Length "},
		{27, "<< /Type /XObject /Subtype /Image /Width 8 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length "},
		{28, "<< /Type /XObject /Subtype /Image /Width 16 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length "},
		{29, "<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length "},
	} {
		if got := object(t, pdf, tt.obj); !bytes.HasPrefix(got, []byte(tt.want)) {
			t.Errorf("object %d: %.150s\nwant prefix %s", tt.obj, got, tt.want)
		}
	}
	_, rgb := stream(t, pdf, 26)
	_, alpha := stream(t, pdf, 27)
	if !bytes.Equal(rgb, bytes.Repeat([]byte{200, 30, 30}, 32)) || !bytes.Equal(alpha, bytes.Repeat([]byte{128}, 32)) {
		t.Errorf("PNG samples % x, alpha % x", rgb, alpha)
	}
	if _, jpg := stream(t, pdf, 28); !bytes.Equal(jpg, testJPEG(t, 16, 8, true)) {
		t.Error("the JPEG is not embedded as it is")
	}
}

// TestFontObjects checks the widths and ToUnicode map of a font.
func TestFontObjects(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	d := New()
	const s = "€ba\U0001F600\u00A0ab é"
	d.AddPage(100, 100).Text(f, 10, 0, 50, s)
	pdf := render(t, d)
	font := objFirstPage + 2

	type glyph struct {
		gid   uint16
		width string
		text  string
	}
	var want []glyph // by glyph id, with the first rune drawn
	seen := map[uint16]bool{}
	for _, r := range s {
		g := f.glyph(r)
		if seen[g] {
			continue
		}
		seen[g] = true
		text := fmt.Sprintf("%04X", r)
		if g == 0 {
			text = ""
		}
		want = append(want, glyph{g, string(appendNum(nil, float64(f.advance[g])*1000/2048)), text})
	}
	slices.SortFunc(want, func(a, b glyph) int { return int(a.gid) - int(b.gid) })
	if len(want) != 7 || want[0].gid != 0 || f.glyph('\u00A0') == f.glyph(' ') {
		t.Fatalf("the test assumes other glyphs: %v", want)
	}

	// /W: the widths of consecutive glyphs are grouped.
	cid := string(object(t, pdf, font+fontCID))
	var w strings.Builder
	for i, g := range want {
		switch {
		case i == 0:
			fmt.Fprintf(&w, "%d [%s", g.gid, g.width)
		case g.gid == want[i-1].gid+1:
			fmt.Fprintf(&w, " %s", g.width)
		default:
			fmt.Fprintf(&w, "] %d [%s", g.gid, g.width)
		}
	}
	if wantW := "/W [" + w.String() + "]] >>"; !strings.HasSuffix(cid, wantW) {
		t.Errorf("CIDFont %s\nwant widths %s", cid, wantW)
	}

	// ToUnicode: every glyph but .notdef, with its first rune.
	_, cmap := stream(t, pdf, font+fontToUnicode)
	var bf strings.Builder
	fmt.Fprintf(&bf, "%d beginbfchar\n", len(want)-1)
	for _, g := range want[1:] {
		fmt.Fprintf(&bf, "<%04X> <%s>\n", g.gid, g.text)
	}
	bf.WriteString("endbfchar\n")
	if !strings.Contains(string(cmap), "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"+bf.String()+"endcmap\n") {
		t.Errorf("ToUnicode\n%s\nwant\n%s", cmap, bf.String())
	}
}

// TestToUnicodeBlocks checks that bfchar blocks hold at most 100 entries
// and that runes beyond the BMP are written as surrogate pairs.
func TestToUnicodeBlocks(t *testing.T) {
	u := &fontUse{uni: make([]int32, 300)}
	for g := 1; g < 251; g++ {
		u.add(uint16(g), rune(0x10000+g))
	}
	cmap := string(appendToUnicode(nil, string(u.appendKey(nil))))
	if got := strings.Count(cmap, "beginbfchar"); got != 3 {
		t.Errorf("%d bfchar blocks, want 3", got)
	}
	for _, want := range []string{"100 beginbfchar\n<0001> <D800DC01>\n", "50 beginbfchar\n<00C9> <D800DCC9>\n"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("ToUnicode lacks %q", want)
		}
	}
}

func TestInfo(t *testing.T) {
	d := New()
	d.SetInfo(Info{Subject: "a (b)", Creator: "c\\d", CreationDate: time.Date(2025, 6, 1, 12, 0, 0, 0, time.FixedZone("", 7200))})
	if got, want := string(object(t, render(t, d), objInfo)), `<< /Subject (a \(b\)) /Creator (c\\d) /CreationDate (D:20250601120000+02'00') >>`; got != want {
		t.Errorf("info %s, want %s", got, want)
	}
	d = New()
	if got := string(object(t, render(t, d), objInfo)); got != "<< >>" {
		t.Errorf("empty info %s", got)
	}
}

func TestEmptyDocument(t *testing.T) {
	pdf := render(t, New())
	if got, want := string(object(t, pdf, objPages)), "<< /Type /Pages /Kids [5 0 R] /Count 1 >>"; got != want {
		t.Errorf("pages %s, want %s", got, want)
	}
}

func TestPageSize(t *testing.T) {
	d := New()
	d.AddPage(-5, 1e6)
	d.AddPage(200.5, 300.25)
	pdf := render(t, d)
	for i, want := range []string{"[0 0 1 14400]", "[0 0 200.5 300.25]"} {
		if got := string(object(t, pdf, objFirstPage+2*i)); !strings.Contains(got, "/MediaBox "+want) {
			t.Errorf("page %d: %s, want MediaBox %s", i, got, want)
		}
	}
}

// TestReset checks that a reset Document forgets the previous one: its
// pages, fonts, images and information.
func TestReset(t *testing.T) {
	fs := testFonts()
	d := New()
	fullDocument(t, d)
	render(t, d)
	d.Reset()
	d.AddPage(100, 100).Text(fs[1], 10, 10, 10, "b")
	got := render(t, d)

	fresh := New()
	fresh.AddPage(100, 100).Text(fs[1], 10, 10, 10, "b")
	if want := render(t, fresh); !bytes.Equal(got, want) {
		t.Errorf("reset document:\n%s\nwant\n%s", got, want)
	}
}

// TestConcurrent renders documents sharing fonts and images from many
// goroutines, each checked against a serial rendering; run with -race.
func TestConcurrent(t *testing.T) {
	fs := testFonts()
	names := []string{"Mario Rossi", "Anna Bianchi", "Jürgen Groß", "Niccolò Àlvarez", "Zoë Ünal", "Ilaria Neri"}
	draw := func(d *Document, i int) {
		p := d.AddPage(A4Width, A4Height)
		p.Text(fs[i%3], 12, 50, 50, names[i%len(names)])
		p.Text(fs[(i+1)%3], 12, 50, 70, strconv.Itoa(i))
	}
	want := make([][]byte, 24)
	for i := range want {
		d := New()
		draw(d, i)
		want[i] = render(t, d)
	}
	pool := sync.Pool{New: func() any { return New() }}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 30 {
				i := (g*7 + k) % len(want)
				d := pool.Get().(*Document)
				d.Reset()
				draw(d, i)
				var buf bytes.Buffer
				if _, err := d.WriteTo(&buf); err != nil {
					t.Error(err)
				}
				pool.Put(d)
				if !bytes.Equal(buf.Bytes(), want[i]) {
					t.Errorf("document %d differs when rendered concurrently", i)
				}
			}
		})
	}
	wg.Wait()
}

func TestColorNames(t *testing.T) {
	if diff := cmp.Diff([]Color{{0, 0, 0}, {255, 255, 255}}, []Color{Black, White}); diff != "" {
		t.Error(diff)
	}
}

// TestToUnicodeFirstRune checks that a glyph drawn for two runes maps to
// the first one drawn, in each document, although the subsets share their
// glyphs.
func TestToUnicodeFirstRune(t *testing.T) {
	f := mustParseFont(t, testTTF([][]byte{triangle(100), triangle(200)}, [][3]int{{'X', 'X', 1}, {'Y', 'Y', 1}}).bytes())
	for _, tt := range []struct{ s, want string }{{"XY", "<0001> <0058>"}, {"YX", "<0001> <0059>"}, {"XY", "<0001> <0058>"}} {
		d := New()
		d.AddPage(100, 100).Text(f, 10, 0, 50, tt.s)
		_, cmap := stream(t, render(t, d), objFirstPage+2+fontToUnicode)
		if !strings.Contains(string(cmap), "1 beginbfchar\n"+tt.want+"\nendbfchar\n") {
			t.Errorf("%s: ToUnicode\n%s\nwant %s", tt.s, cmap, tt.want)
		}
	}
	if len(f.subsets) != 2 {
		t.Errorf("%d subsets cached, want 2", len(f.subsets))
	}
}

// TestResetBounds checks that Reset keeps a bounded number of pages and
// drops large buffers.
func TestResetBounds(t *testing.T) {
	d := New()
	for range maxSparePages + 10 {
		d.AddPage(100, 100)
	}
	d.pages[0].content = make([]byte, 0, 2*maxSpareBytes)
	d.out = make([]byte, 0, 2*maxSpareBytes)
	d.Reset()
	if len(d.sparePages) != maxSparePages {
		t.Errorf("%d pages kept, want %d", len(d.sparePages), maxSparePages)
	}
	if cap(d.sparePages[0].content) != 0 || cap(d.out) != 0 {
		t.Error("large buffers kept")
	}
	d.AddPage(100, 100)
	render(t, d)
}
