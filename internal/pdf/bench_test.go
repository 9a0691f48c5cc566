package pdf

import (
	"io"
	"strconv"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// benchTexts are the 120 texts of benchPage.
var benchTexts = func() []string {
	texts := []string{
		"AVVISO DI PAGAMENTO", "Comune di Città di Castello", "Tassa sui rifiuti – anno 2025",
		"Codice fiscale ente", "01234567890", "Destinatario dell’avviso", "Mario Rossi",
		"Via Giuseppe Garibaldi 12 · 06012 Città di Castello (PG)", "Euro", "1.234,56 €",
		"entro il", "31/12/2025", "Puoi pagare con le app della tua banca", "Codice avviso",
	}
	s := make([]string, 120)
	for i := range s {
		s[i] = texts[i%len(texts)] + " " + strconv.Itoa(i)
	}
	return s
}()

// benchPage draws a typical payment notice page: about 120 texts in three
// fonts and a QR code and a DataMatrix of about 1,500 modules together.
func benchPage(d *Document, fonts [3]*Font) {
	p := d.AddPage(A4Width, A4Height)
	for i, s := range benchTexts {
		f := fonts[i%3]
		y := 40 + float64(i%60)*13
		x := 40 + float64(i/60)*280
		p.SetFill(Color{uint8(i % 2 * 0x33), 0x33, 0x66})
		p.Text(f, 7+float64(i%5), x, y, s)
	}
	p.SetFill(Black)
	// Modules of a 55×55 symbol, about half of them dark, drawn one by one
	// as a barcode renderer does: 1,500 calls to Rect.
	seed := uint32(1)
	for i, n := 0, 0; n < 1500; i++ {
		seed = seed*1664525 + 1013904223
		if seed>>31 == 0 {
			continue
		}
		p.Rect(60+float64(i%55)*2.1, 600+float64(i/55)*2.1, 2.1, 2.1)
		n++
	}
	p.SetStroke(Color{0, 0x66, 0xCC})
	p.SetLineWidth(0.5)
	p.RoundRect(30, 30, A4Width-60, 300, 6, false)
	p.SetDash(2, 2)
	p.Line(30, 420, A4Width-30, 420)
}

func benchFonts(b testing.TB) [3]*Font {
	var fs [3]*Font
	for i, data := range [][]byte{goregular.TTF, gobold.TTF, gomono.TTF} {
		f, err := ParseFont(data)
		if err != nil {
			b.Fatal(err)
		}
		fs[i] = f
	}
	return fs
}

func BenchmarkDocument(b *testing.B) {
	fonts := benchFonts(b)
	d := New()
	b.ReportAllocs()
	for b.Loop() {
		d.Reset()
		benchPage(d, fonts)
		if _, err := d.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDocumentNew(b *testing.B) {
	fonts := benchFonts(b)
	b.ReportAllocs()
	for b.Loop() {
		d := New()
		benchPage(d, fonts)
		if _, err := d.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseFont(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFont(goregular.TTF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocumentUncached is BenchmarkDocument with the fonts' subset
// caches emptied before each document, as when every document of a batch
// draws a different set of glyphs.
func BenchmarkDocumentUncached(b *testing.B) {
	fonts := benchFonts(b)
	d := New()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range fonts {
			f.subsets = nil
		}
		d.Reset()
		benchPage(d, fonts)
		if _, err := d.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocumentParallel is BenchmarkDocument on all processors, the
// fonts shared and each goroutine reusing its Document.
func BenchmarkDocumentParallel(b *testing.B) {
	fonts := benchFonts(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		d := New()
		for pb.Next() {
			d.Reset()
			benchPage(d, fonts)
			if _, err := d.WriteTo(io.Discard); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
