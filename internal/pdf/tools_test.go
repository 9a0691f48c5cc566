package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// writeTemp writes a PDF to a temporary file and returns its path.
func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.pdf")
	if err := os.WriteFile(path, pdf, 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs a tool and returns its standard output, failing the test if it
// fails or writes to its standard error.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %s wrote to its standard error:\n%s", filepath.Base(name), strings.Join(args, " "), stderr.String())
	}
	return stdout.String()
}

// TestQPDF checks the full document with qpdf, which exits with status 0
// only if it finds neither errors nor warnings.
func TestQPDF(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf", "qpdf")
	d := New()
	fullDocument(t, d)
	path := writeTemp(t, render(t, d))
	out := run(t, qpdf, "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	// qpdf also decodes every stream but the JPEGs.
	run(t, qpdf, "--decode-level=generalized", "--check", path)
}

// TestPDFToText checks that the text drawn, accents included, is extracted
// as it was drawn, thanks to the ToUnicode maps.
func TestPDFToText(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	d := New()
	fullDocument(t, d)
	out := run(t, pdftotext, "-enc", "UTF-8", writeTemp(t, render(t, d)), "-")
	for _, want := range []string{
		"AVVISO DI PAGAMENTO", "Città di Castello – l’ente", "Importo: 1.234,56 €",
		"Grüße aus Köln: äöü ÄÖÜ ß", "àèéìòù · ÀÈÉÌÒÙ", "perché più così",
		"Codice avviso 3012 3456 7890 1234 56",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("pdftotext output lacks the line %q:\n%s", want, out)
		}
	}
}

// TestPDFFonts checks that pdffonts lists the three fonts as embedded
// subsets of CID TrueType fonts with ToUnicode maps.
func TestPDFFonts(t *testing.T) {
	pdffonts := testenv.Tool(t, "pdffonts", "poppler-utils")
	d := New()
	fullDocument(t, d)
	out := run(t, pdffonts, writeTemp(t, render(t, d)))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2+len(goFonts) {
		t.Fatalf("pdffonts:\n%s", out)
	}
	for i, gf := range goFonts {
		re := fmt.Sprintf(`^[A-Z]{6}\+%s +CID TrueType +Identity-H +yes +yes +yes +\d+ +0$`, gf.name)
		if !regexp.MustCompile(re).MatchString(lines[2+i]) {
			t.Errorf("pdffonts line %q does not match %s", lines[2+i], re)
		}
	}
}

// TestRender rasterises a page with pdftoppm and checks the colours of
// pixels: this verifies the coordinate transform (top-left origin, y
// downwards), rounded corners, colours and images with soft masks.
func TestRender(t *testing.T) {
	pdftoppm := testenv.Tool(t, "pdftoppm", "poppler-utils")
	redBlue := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	copy(redBlue.Pix, []byte{255, 0, 0, 255, 0, 0, 255, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, redBlue); err != nil {
		t.Fatal(err)
	}
	rb, err := ParseImage(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// Transparent left half, opaque green right half.
	half := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	copy(half.Pix, []byte{0, 255, 0, 0, 0, 255, 0, 255})
	buf.Reset()
	if err := png.Encode(&buf, half); err != nil {
		t.Fatal(err)
	}
	masked, err := ParseImage(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	d := New()
	p := d.AddPage(200, 100)
	p.Rect(50, 20, 40, 30)                // black, x 50–90, y 20–50
	p.Image(rb, 120, 20, 40, 20)          // red x 120–140, blue 140–160, y 20–40
	p.SetFill(Color{0, 0, 255})           //
	p.RoundRect(10, 60, 30, 30, 15, true) // a blue disc centred at 25, 75
	p.SetFill(Black)                      //
	p.Rect(120, 60, 40, 30)               // black under the masked image
	p.Image(masked, 120, 60, 40, 30)      // black shows left, green right
	p.SetStroke(Color{255, 0, 0})         //
	p.SetLineWidth(4)                     //
	p.Line(170, 10, 190, 10)              // red line at y 8–12
	pdf := render(t, d)

	for _, dpi := range []int{72, 144} {
		out := filepath.Join(t.TempDir(), "page")
		run(t, pdftoppm, "-r", fmt.Sprint(dpi), "-png", "-singlefile", writeTemp(t, pdf), out)
		f, err := os.Open(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		scale := float64(dpi) / 72
		if b := m.Bounds(); b.Dx() != int(200*scale) || b.Dy() != int(100*scale) {
			t.Fatalf("%d dpi: image of %v", dpi, b)
		}
		white, black := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}
		for _, tt := range []struct {
			x, y float64 // in points from the top-left corner
			want color.RGBA
		}{
			{70, 35, black}, {52, 22, black}, {88, 48, black},
			{47, 35, white}, {93, 35, white}, {70, 17, white}, {70, 53, white},
			{5, 5, white}, {195, 95, white},
			{125, 30, color.RGBA{255, 0, 0, 255}}, {155, 30, color.RGBA{0, 0, 255, 255}}, {140, 43, white},
			{25, 75, color.RGBA{0, 0, 255, 255}}, {12, 62, white}, {38, 88, white}, {25, 62, color.RGBA{0, 0, 255, 255}},
			{130, 75, black}, {150, 75, color.RGBA{0, 255, 0, 255}},
			{180, 10, color.RGBA{255, 0, 0, 255}}, {180, 15, white}, {180, 5, white},
		} {
			c := color.RGBAModel.Convert(m.At(int(tt.x*scale), int(tt.y*scale))).(color.RGBA)
			if !near(c, tt.want) {
				t.Errorf("%d dpi: pixel at (%v, %v) pt is %v, want %v", dpi, tt.x, tt.y, c, tt.want)
			}
		}
	}
}

// near reports whether two colours differ by at most 8 in each component,
// allowing for anti-aliasing and rounding.
func near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= 8 && int(y)-int(x) <= 8 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}
