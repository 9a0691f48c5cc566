package pdf

import (
	"bytes"
	"errors"
	"image/color"
	"io"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// fuzzText holds the runes the fuzz targets draw: ASCII, the accented
// letters pagokit uses, runes mapped by the synthetic fonts and one beyond
// the Basic Multilingual Plane.
const fuzzText = " !09AZaz~ABCàèéìòùÀÈ·€’ß\u2200\U0001F600\U0001F601"

// fontSeeds returns the seeds of FuzzParseFont beyond testdata: synthetic
// fonts, and the Go font cut short or with one table's offset broken.
func fontSeeds() [][]byte {
	seeds := [][]byte{
		testTTF([][]byte{triangle(100), triangle(200), composite(1), composite(3, 2)},
			[][3]int{{'A', 'C', 1}, {0x1F600, 0x1F600, 3}}).bytes(),
	}
	t4 := testTTF([][]byte{triangle(100), triangle(200), triangle(300)}, nil)
	t4["cmap"] = cmap4Table([][3]int{{'0', '9', 1 - '0'}, {'a', 'b', 0}}, [][]int{nil, {1, 2}})
	seeds = append(seeds, t4.bytes())
	for _, n := range []int{12, 100, 1000, len(goregular.TTF) / 2} {
		seeds = append(seeds, goregular.TTF[:n])
	}
	for i := range int(be16(goregular.TTF[4:])) {
		b := bytes.Clone(goregular.TTF)
		b[12+16*i+8] ^= 0x40 // the table's offset
		seeds = append(seeds, b)
	}
	return seeds
}

// FuzzParseFont checks that ParseFont never panics and that a font it
// accepts can be measured, drawn and embedded.
func FuzzParseFont(f *testing.F) {
	for _, seed := range fontSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := ParseFont(data)
		if err != nil {
			if !errors.Is(err, ErrFont) {
				t.Fatalf("error %v does not wrap ErrFont", err)
			}
			return
		}
		if font.Name() == "" {
			t.Error("empty name")
		}
		if w := font.Width(fuzzText, 10); !(w >= 0) {
			t.Errorf("Width = %v", w)
		}
		if font.Ascent(10) < 0 || font.Descent(10) < 0 || font.CapHeight(10) < 0 {
			t.Error("negative metrics")
		}
		if r, ok := font.Covers(fuzzText); !ok && font.glyph(r) != 0 {
			t.Errorf("Covers says %q is missing", r)
		}
		d := New()
		d.AddPage(A4Width, A4Height).Text(font, 10, 10, 10, fuzzText)
		if _, err := d.WriteTo(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseImage checks that ParseImage never panics and that an image it
// accepts can be embedded.
func FuzzParseImage(f *testing.F) {
	f.Add(testPNG(f, 3, 2, color.NRGBA{10, 20, 30, 40}))
	f.Add(testJPEG(f, 8, 8, true))
	f.Add(cmykJPEGHeader(true))
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := ParseImage(data)
		if err != nil {
			if !errors.Is(err, ErrImage) {
				t.Fatalf("error %v does not wrap ErrImage", err)
			}
			return
		}
		if w, h := im.Size(); w <= 0 || h <= 0 || w*h > maxImagePixels {
			t.Fatalf("Size() = %d, %d", w, h)
		}
		d := New()
		d.AddPage(A4Width, A4Height).Image(im, 10, 10, 100, 100)
		if _, err := d.WriteTo(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}
