package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// keyOf returns the subset key of the glyphs of s in f, as a Document
// drawing s makes it.
func keyOf(f *Font, s string) []byte {
	u := New().use(f)
	for _, r := range s {
		if g := f.glyph(r); u.uni[g] == 0 {
			u.add(g, r)
		}
	}
	return u.appendKey(nil)
}

// subsetOf returns the key of the glyphs of s in f and the uncompressed
// font program of their subset, checking the zlib stream (with its
// Adler-32 checksum) on the way.
func subsetOf(t *testing.T, f *Font, s string) (string, []byte) {
	t.Helper()
	key := keyOf(f, s)
	sub := f.subsetFor(key)
	zr, err := zlib.NewReader(bytes.NewReader(sub.stream))
	if err != nil {
		t.Fatal(err)
	}
	prog, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("font program stream: %v", err)
	}
	if len(prog) != sub.length1 {
		t.Errorf("font program of %d bytes, Length1 %d", len(prog), sub.length1)
	}
	return string(key), prog
}

// TestSubsetProgram checks a subset of a Go font with an independent
// reader, golang.org/x/image/font/sfnt: the glyphs drawn have their
// original outlines and advances, the others none, and the checksums are
// right.
func TestSubsetProgram(t *testing.T) {
	const drawn = "Città di Castello · € 12,34"
	f := mustParseFont(t, goregular.TTF)
	_, prog := subsetOf(t, f, drawn)
	if len(prog) >= len(goregular.TTF)/2 {
		t.Errorf("subset of %d bytes, font of %d", len(prog), len(goregular.TTF))
	}

	// Checksums: each table's, and the whole file's with the adjustment.
	n := int(be16(prog[4:]))
	var tags []string
	for i := range n {
		e := prog[12+16*i:]
		tag, sum, off, size := string(e[:4]), be32(e[4:]), be32(e[8:]), be32(e[12:])
		tags = append(tags, tag)
		tab := slices.Clone(prog[off : off+size])
		if tag == "head" {
			binary.BigEndian.PutUint32(tab[8:], 0)
		}
		if got := checksum(tab); got != sum {
			t.Errorf("table %q: checksum %#x, directory says %#x", tag, got, sum)
		}
		if off%4 != 0 {
			t.Errorf("table %q at offset %d, not a multiple of 4", tag, off)
		}
	}
	wantTags := []string{"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}
	if diff := cmp.Diff(wantTags, tags); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	if got := checksum(prog); got != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", got)
	}

	ref, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(withCmap(t, prog, goregular.TTF))
	if err != nil {
		t.Fatalf("sfnt cannot parse the subset: %v", err)
	}
	var b1, b2 sfnt.Buffer
	ppem := fixed.I(int(ref.UnitsPerEm()))
	for _, r := range drawn + "Zqx" {
		g, err := ref.GlyphIndex(&b1, r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ref.LoadGlyph(&b1, g, ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sub.LoadGlyph(&b2, g, ppem, nil)
		if err != nil {
			t.Fatalf("%q: %v", r, err)
		}
		if bytes.ContainsRune([]byte(drawn), r) {
			if !slices.Equal(got, want) || len(got) == 0 && r != ' ' {
				t.Errorf("%q: subset outline of %d segments, font's of %d", r, len(got), len(want))
			}
		} else if len(got) != 0 {
			t.Errorf("%q, not drawn: subset outline of %d segments, want none", r, len(got))
		}
		wantAdv, _ := ref.GlyphAdvance(&b1, g, ppem, font.HintingNone)
		gotAdv, err := sub.GlyphAdvance(&b2, g, ppem, font.HintingNone)
		if err != nil || gotAdv != wantAdv {
			t.Errorf("%q: subset advance %v, %v; want %v", r, gotAdv, err, wantAdv)
		}
	}
}

// TestSubsetComposite checks that the components of composite glyphs are
// kept, through nesting and cycles, up to maxComponentDepth levels.
func TestSubsetComposite(t *testing.T) {
	glyphs := [][]byte{
		0: triangle(500),
		1: triangle(100),
		2: triangle(200),
		3: composite(1, 4), // 'A': 1 and nested 4
		4: composite(2),
		5: triangle(300),   // not drawn
		6: composite(6, 1), // 'B': itself and 1
	}
	// 'C': a chain of composites 7 → 8 → … → 7+chain, then a triangle.
	const chain = maxComponentDepth + 4
	for range chain {
		glyphs = append(glyphs, composite(len(glyphs)+1))
	}
	glyphs = append(glyphs, triangle(400))
	ttf := testTTF(glyphs, [][3]int{{'A', 'A', 3}, {'B', 'B', 6}, {'C', 'C', 7}}).bytes()
	f := mustParseFont(t, ttf)
	for _, tt := range []struct {
		s    string
		kept []int
	}{
		{"", []int{0}},
		{"A", []int{0, 1, 2, 3, 4}},
		{"B", []int{0, 1, 6}},
		{"AB", []int{0, 1, 2, 3, 4, 6}},
		// Glyph 7 and maxComponentDepth+1 levels of components.
		{"C", append([]int{0}, seq(7, 7+maxComponentDepth+1)...)},
	} {
		_, prog := subsetOf(t, f, tt.s)
		sub := mustParseFont(t, withCmap(t, prog, ttf))
		var kept []int
		for g := range sub.numGlyphs {
			if sub.loca[g+1] > sub.loca[g] {
				kept = append(kept, g)
				want := f.glyf[f.loca[g]:f.loca[g+1]]
				if got := sub.glyf[sub.loca[g]:sub.loca[g+1]]; !bytes.Equal(got, want) {
					t.Errorf("%q: glyph %d is % x, want % x", tt.s, g, got, want)
				}
			}
		}
		if diff := cmp.Diff(tt.kept, kept); diff != "" {
			t.Errorf("%q: glyphs kept (-want +got):\n%s", tt.s, diff)
		}
	}
}

// withCmap returns the font program prog with the cmap, post, name and OS/2
// tables of font added, for font readers that need them: subsets, made
// for PDF, have none.
func withCmap(t *testing.T, prog []byte, font []byte) []byte {
	t.Helper()
	tables := ttf{}
	for _, data := range [][]byte{prog, font} {
		for i := range int(be16(data[4:])) {
			e := data[12+16*i:]
			tag, off, size := string(e[:4]), be32(e[8:]), be32(e[12:])
			if _, dup := tables[tag]; !dup && (&data[0] == &prog[0] || tag == "cmap" || tag == "post" || tag == "name" || tag == "OS/2") {
				tables[tag] = data[off : off+size]
			}
		}
	}
	if tables["cmap"] == nil {
		t.Fatal("no cmap")
	}
	return tables.bytes()
}

// seq returns the integers from lo to hi inclusive.
func seq(lo, hi int) []int {
	var s []int
	for i := lo; i <= hi; i++ {
		s = append(s, i)
	}
	return s
}

func TestSubsetCache(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	key := func(s string) []byte { return keyOf(f, s) }
	first := f.subsetFor(key("ab"))
	if again := f.subsetFor(key("ab")); again != first {
		t.Error("the same glyphs gave a new subset")
	}
	if other := f.subsetFor(key("ac")); other == first || other.name == first.name {
		t.Errorf("different glyphs gave the same subset or name %q", other.name)
	}
	for r := 'd'; r < 'd'+maxSubsets+2; r++ {
		f.subsetFor(key("a" + string(r)))
	}
	if len(f.subsets) != maxSubsets {
		t.Errorf("%d subsets cached, want %d", len(f.subsets), maxSubsets)
	}
	if f.subsets[0].key != string(key("a"+string('d'+maxSubsets+1))) {
		t.Error("the most recent subset is not first")
	}
	if slices.Contains(f.subsets, first) {
		t.Error("the least recently used subset is still cached")
	}
	// Built anew, it is identical.
	if again := f.subsetFor(key("ab")); again == first || !bytes.Equal(again.stream, first.stream) || again.name != first.name {
		t.Error("the subset built again differs")
	}
}

func TestSubsetTag(t *testing.T) {
	a, b := "\x00\x01\x00\x00\x00\x42", "\x00\x02\x00\x00\x00\x43"
	if subsetTag(a+b) == subsetTag(a) {
		t.Errorf("subsetTag(%q) = subsetTag(%q)", a+b, a)
	}
	if subsetTag(a) != subsetTag(a[:2]+"\x00\x00\x00\x44") {
		t.Error("the subset tag depends on the text of the glyphs")
	}
	for _, key := range []string{"", a, a + b} {
		tag := subsetTag(key)
		if len(tag) != 6 || tag != subsetTag(key) {
			t.Errorf("subsetTag(%q) = %q", key, tag)
		}
		for _, c := range tag {
			if c < 'A' || c > 'Z' {
				t.Errorf("subsetTag(%q) = %q, not 6 capital letters", key, tag)
			}
		}
	}
}

// TestSubsetConcurrent builds subsets of one font from many goroutines;
// run with -race.
func TestSubsetConcurrent(t *testing.T) {
	f := mustParseFont(t, goregular.TTF)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				key := []byte{0, byte(3 + (i+j)%12), 0, 0, 0, 0x42}
				if s := f.subsetFor(key); s.key != string(key) {
					t.Errorf("subset %q for key %q", s.key, key)
				}
			}
		})
	}
	wg.Wait()
}
