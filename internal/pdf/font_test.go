package pdf

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// goFonts are the Go fonts the tests use, by name.
var goFonts = []struct {
	name string
	ttf  []byte
}{
	{"GoRegular", goregular.TTF},
	{"Go-Bold", gobold.TTF},
	{"GoMono", gomono.TTF},
}

func mustParseFont(t testing.TB, data []byte) *Font {
	t.Helper()
	f, err := ParseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// widthStrings are texts whose widths are compared with sfnt's.
var widthStrings = []string{
	"", "A", "Avviso di pagamento", "Città di Castello · più perché",
	"Grüße aus Köln, Straße", "€ 1.234,56", "l’ente creditore", "0123456789",
	"ÀÈÉÌÒÙ àèéìòù", "missing: \u4E2D\U0001F600", "tab\there",
}

// TestWidth compares Font.Width with the advances of
// golang.org/x/image/font/sfnt, an independent parser.
func TestWidth(t *testing.T) {
	for _, gf := range goFonts {
		f := mustParseFont(t, gf.ttf)
		ref, err := sfnt.Parse(gf.ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := ref.UnitsPerEm()
		for _, s := range widthStrings {
			var units fixed.Int26_6
			for _, r := range s {
				g, err := ref.GlyphIndex(&buf, r)
				if err != nil {
					t.Fatal(err)
				}
				// At a ppem of unitsPerEm, advances are in font units.
				adv, err := ref.GlyphAdvance(&buf, g, fixed.I(int(upem)), font.HintingNone)
				if err != nil {
					t.Fatal(err)
				}
				units += adv
			}
			for _, size := range []float64{1, 9.5, 12} {
				want := float64(units) / 64 * size / float64(upem)
				if got := f.Width(s, size); math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: Width(%q, %v) = %v, want %v", gf.name, s, size, got, want)
				}
			}
		}
	}
}

func TestWidthIgnoresLineFeed(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	if a, b := f.Width("ab\ncd", 10), f.Width("abcd", 10); a != b {
		t.Errorf("Width with a line feed = %v, without = %v", a, b)
	}
}

func TestMetrics(t *testing.T) {
	for _, gf := range goFonts {
		f := mustParseFont(t, gf.ttf)
		if got := f.Name(); got != gf.name {
			t.Errorf("Name() = %q, want %q", got, gf.name)
		}
		ref, err := sfnt.Parse(gf.ttf)
		if err != nil {
			t.Fatal(err)
		}
		upem := int(ref.UnitsPerEm())
		m, err := ref.Metrics(nil, fixed.I(upem), font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		const size = 10
		for _, tt := range []struct {
			what      string
			got, want float64
		}{
			{"Ascent", f.Ascent(size), float64(m.Ascent) / 64 * size / float64(upem)},
			{"Descent", f.Descent(size), float64(m.Descent) / 64 * size / float64(upem)},
			{"CapHeight", f.CapHeight(size), float64(m.CapHeight) / 64 * size / float64(upem)},
		} {
			if tt.got <= 0 || math.Abs(tt.got-tt.want) > 1e-9 {
				t.Errorf("%s: %s(%d) = %v, want %v", gf.name, tt.what, size, tt.got, tt.want)
			}
		}
	}
	// The synthetic font has no OS/2 table.
	f := mustParseFont(t, testTTF([][]byte{triangle(100)}, nil).bytes())
	if got := f.CapHeight(20); got != 14 {
		t.Errorf("CapHeight without OS/2 = %v, want 14", got)
	}
	if got, want := f.Ascent(10), 8.0; got != want {
		t.Errorf("Ascent(10) = %v, want %v", got, want)
	}
	if got, want := f.Descent(10), 2.0; got != want {
		t.Errorf("Descent(10) = %v, want %v", got, want)
	}
	if got := f.Name(); got != "Test1" {
		t.Errorf("Name() = %q, want Test1", got)
	}
}

func TestCovers(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	for _, tt := range []struct {
		s    string
		r    rune
		want bool
	}{
		{"", 0, true},
		{"Città di Castello · € 12,34 – l’ente «più»", 0, true},
		{"Grüße\nÄÖÜäöüß", 0, true},
		{"abc\u4E2Ddef\U0001F600", '\u4E2D', false},
		{"\U0001F600", '\U0001F600', false},
		{"a\tb", '\t', false},
	} {
		r, ok := f.Covers(tt.s)
		if r != tt.r || ok != tt.want {
			t.Errorf("Covers(%q) = %q, %v; want %q, %v", tt.s, r, ok, tt.r, tt.want)
		}
	}
}

// TestGlyphMatchesSfnt compares the cmap lookup with sfnt's for every rune
// of the Basic Multilingual Plane and some beyond.
func TestGlyphMatchesSfnt(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	ref, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 0x10000+0x100; r++ {
		want, err := ref.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.glyph(r); got != uint16(want) {
			t.Fatalf("glyph(%U) = %d, want %d", r, got, want)
		}
	}
}

// TestCmap12 checks a format 12 cmap with groups in and beyond the dense
// table, overlapping it, and out of the font's glyphs.
func TestCmap12(t *testing.T) {
	glyphs := make([][]byte, 6)
	for i := range glyphs {
		glyphs[i] = triangle(100 + i)
	}
	groups := [][3]int{
		{'A', 'C', 1},                       // A B C → 1 2 3
		{denseRunes - 1, denseRunes + 1, 3}, // straddles the dense table: 3 4 5
		{0x1F600, 0x1F601, 4},               // 4 5
		{0x1F700, 0x1F702, 5},               // 5, then beyond the font
	}
	f := mustParseFont(t, testTTF(glyphs, groups).bytes())
	want := map[rune]uint16{
		'@': 0, 'A': 1, 'B': 2, 'C': 3, 'D': 0,
		denseRunes - 1: 3, denseRunes: 4, denseRunes + 1: 5, denseRunes + 2: 0,
		0x1F5FF: 0, 0x1F600: 4, 0x1F601: 5, 0x1F602: 0,
		0x1F700: 5, 0x1F701: 0, 0x1F702: 0, 0x10FFFF: 0, -1: 0,
	}
	got := make(map[rune]uint16)
	for r := range want {
		got[r] = f.glyph(r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("glyphs (-want +got):\n%s", diff)
	}
}

// TestCmap4 checks a format 4 cmap with delta segments, one wrapping past
// glyph 65535, and glyph-array segments.
func TestCmap4(t *testing.T) {
	glyphs := make([][]byte, 8)
	for i := range glyphs {
		glyphs[i] = triangle(100)
	}
	tt := testTTF(glyphs, nil)
	tt["cmap"] = cmap4Table([][3]int{
		{'0', '2', 1 - '0'},      // 0 1 2 → 1 2 3
		{'a', 'c', 0xFFFF - 'a'}, // a → 65535 (beyond the font), b → 0 (wrapped), c → 1
		{'x', 'z', 0},            // x y z → array 4 0 6
		{0x20AC, 0x20AC, 0},      // € → array 7
	}, [][]int{nil, nil, {4, 0, 6}, {7}})
	f := mustParseFont(t, tt.bytes())
	want := map[rune]uint16{'/': 0, '0': 1, '1': 2, '2': 3, '3': 0, 'a': 0, 'b': 0, 'c': 1, 'x': 4, 'y': 0, 'z': 6, '€': 7}
	got := make(map[rune]uint16)
	for r := range want {
		got[r] = f.glyph(r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("glyphs (-want +got):\n%s", diff)
	}
}

func TestParseFontErrors(t *testing.T) {
	good := testTTF([][]byte{triangle(100), triangle(100)}, [][3]int{{'A', 'A', 1}}) // loca 0 24 48
	broken := func(tag string, f func([]byte) []byte) []byte {
		t := ttf{}
		for k, v := range good {
			t[k] = bytes.Clone(v)
		}
		if f == nil {
			delete(t, tag)
		} else {
			t[tag] = f(t[tag])
		}
		return t.bytes()
	}
	set16 := func(off, v int) func([]byte) []byte {
		return func(b []byte) []byte { b[off], b[off+1] = byte(v>>8), byte(v); return b }
	}
	cut := func(n int) func([]byte) []byte { return func(b []byte) []byte { return b[:n] } }
	hugeDir := append([]byte("\x00\x01\x00\x00\x00\x01"), make([]byte, 6)...)
	hugeDir = append(hugeDir, "glyf"...)
	hugeDir = append(hugeDir, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF)
	cffOnly := ttf{"CFF ": {1, 2, 3, 4}}.bytes()

	for _, tt := range []struct {
		name string
		data []byte
		want string // in the error message
	}{
		{"empty", nil, `too short`},
		{"short", []byte("\x00\x01\x00\x00"), `too short`},
		{"OTTO", append([]byte("OTTO"), make([]byte, 20)...), `CFF-based`},
		{"collection", append([]byte("ttcf"), make([]byte, 20)...), `collections`},
		{"unknown version", append([]byte("wOFF"), make([]byte, 20)...), `unknown sfnt version`},
		{"too large", make([]byte, maxFontBytes+1), `larger than`},
		{"directory cut", good.bytes()[:40], `directory truncated`},
		{"table outside", hugeDir, `outside the file`},
		{"CFF outlines", append([]byte("\x00\x01\x00\x00"), cffOnly[4:]...), `CFF outlines`},
		{"no head", broken("head", nil), `no "head"`},
		{"no cmap", broken("cmap", nil), `no "cmap"`},
		{"no glyf", broken("glyf", nil), `no "glyf"`},
		{"no loca", broken("loca", nil), `no "loca"`},
		{"no hmtx", broken("hmtx", nil), `no "hmtx"`},
		{"head cut", broken("head", cut(50)), `"head" table truncated`},
		{"unitsPerEm 0", broken("head", set16(18, 0)), `unitsPerEm`},
		{"indexToLocFormat", broken("head", set16(50, 2)), `indexToLocFormat`},
		{"no glyphs", broken("maxp", set16(4, 0)), `no glyphs`},
		{"many glyphs", broken("maxp", set16(4, 3)), `"hmtx" table truncated`},
		{"hmetrics 0", broken("hhea", set16(34, 0)), `numberOfHMetrics`},
		{"loca outside", broken("loca", func(b []byte) []byte { b[11] = 0xFF; return b }), `outside the glyf`},
		{"loca backwards", broken("loca", func(b []byte) []byte { b[11] = 20; return b }), `negative length`},
		{"cmap cut", broken("cmap", cut(20)), `format 12 truncated`},
		{"cmap no unicode", broken("cmap", set16(4, 7)), `no Unicode`},
		{"cmap bad group", broken("cmap", func(b []byte) []byte { b[31] = 0xFF; b[30] = 0xFF; b[29] = 0xFF; return b }), `cmap group`},
		{"cmap 4 cut", broken("cmap", func([]byte) []byte { return cmap4Table([][3]int{{'a', 'z', 0}}, [][]int{{1}}) }), `glyph array truncated`},
	} {
		f, err := ParseFont(tt.data)
		if err == nil || !errors.Is(err, ErrFont) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseFont = %v, %v; want an error wrapping ErrFont saying %q", tt.name, f, err, tt.want)
		}
	}
	if _, err := ParseFont(good.bytes()); err != nil {
		t.Errorf("the unbroken font: %v", err)
	}
}

// TestParseFontCopies checks that the font does not keep the caller's
// slice.
func TestParseFontCopies(t *testing.T) {
	data := bytes.Clone(goregular.TTF)
	f := mustParseFont(t, data)
	want := f.Width("Avviso", 10)
	clear(data)
	if got := f.Width("Avviso", 10); got != want {
		t.Errorf("Width after clearing the input = %v, want %v", got, want)
	}
	d := New()
	d.AddPage(100, 100).Text(f, 10, 10, 50, "Avviso")
	if _, err := d.WriteTo(new(bytes.Buffer)); err != nil {
		t.Fatal(err)
	}
}
