package noticepdf

import (
	"bytes"
	"encoding/base64"
	"errors"
	"github.com/google/go-cmp/cmp"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomonobold"

	"github.com/pagokit/pagokit/internal/testenv"
)

func TestRenderInvalidWritesNothing(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	n := mustNotice(t, validRequest(t))
	n.Amount = 0
	var buf bytes.Buffer
	if err := r.Render(&buf, n); !errors.Is(err, ErrAmount) {
		t.Fatalf("Render = %v, want ErrAmount", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Render wrote %d bytes for an invalid notice", buf.Len())
	}
}

func TestRenderDeterministic(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	n := mustNotice(t, withPoste(instalmentsRequest(t)))
	var a, b bytes.Buffer
	if err := r.Render(&a, n); err != nil {
		t.Fatal(err)
	}
	if err := r.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same notice rendered twice gives different bytes")
	}
}

func TestFontCoverage(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	n := mustNotice(t, validRequest(t))
	n.Debtor.Name = "王小明"
	err = r.Validate(n)
	if diff := problemsOf(t, err); len(diff) != 1 || diff[0] != (wantProblem{"debtor.fullName", ErrCharset}) {
		t.Errorf("Validate = %v", err)
	}
	if strings.Contains(err.Error(), "王") {
		t.Errorf("the error leaks the debtor's name: %v", err)
	}
}

// TestPrepare checks that a request's problems, font coverage included,
// come together and carry the request's JSON paths.
func TestPrepare(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	req := validRequest(t)
	req.Data.Debtor.FullName = "王小明"
	req.Data.Notice.PaymentAmount = 0
	_, err = r.Prepare(req, nil)
	want := []wantProblem{{"data.notice.paymentAmount", ErrAmount}, {"data.debtor.fullName", ErrCharset}}
	if diff := cmp.Diff(want, problemsOf(t, err), errorsEq); diff != "" {
		t.Errorf("Prepare problems (-want +got):\n%s", diff)
	}
	n, err := r.Prepare(validRequest(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.Debtor.Name, "Mario Rossi"; got != want {
		t.Errorf("Prepare: debtor name %q, want %q", got, want)
	}
}

// TestWithFonts renders with caller-supplied TrueType fonts (here the Go
// italic fonts) and checks with pdffonts that those are the fonts embedded.
func TestWithFonts(t *testing.T) {
	r, err := NewRenderer(WithFonts(goitalic.TTF, gobolditalic.TTF, gomonobold.TTF))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, mustNotice(t, validRequest(t))); err != nil {
		t.Fatal(err)
	}
	if _, err := NewRenderer(WithFonts([]byte("not a font"), nil, nil)); err == nil {
		t.Error("NewRenderer accepted a bad font")
	}
	pdffonts := testenv.Tool(t, "pdffonts", "poppler-utils")
	path := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runTool(t, pdffonts, path)
	for _, want := range []string{"Go-Italic", "Go-BoldItalic", "GoMono-Bold"} {
		if !strings.Contains(out, "+"+want+" ") {
			t.Errorf("pdffonts does not list the subset font %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Go-Regular") {
		t.Errorf("the default font is still embedded:\n%s", out)
	}
}

func testPNG(t *testing.T, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: 0x66, B: 0xCC, A: 0xFF})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogo(t *testing.T) {
	logo := testPNG(t, 120, 60)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), logo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		ref   string
		logos *Logos
		want  error
	}{
		{"base64", base64.StdEncoding.EncodeToString(logo), nil, nil},
		{"data URI", "data:image/png;base64," + base64.StdEncoding.EncodeToString(logo), nil, nil},
		{"file, enabled", "logo.png", FileLogos(dir), nil},
		{"file, not enabled", "logo.png", nil, ErrLogo},
		{"file, missing", "nope.png", FileLogos(dir), ErrLogo},
		{"not an image", base64.StdEncoding.EncodeToString([]byte("GIF89a not really an image")), nil, ErrLogo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validRequest(t)
			req.Data.CreditorInstitution.Logo = tt.ref
			n, err := req.Notice(tt.logos)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Notice = %v, want %v", err, tt.want)
			}
			if err != nil {
				if got := problemsOf(t, err); got[0].Path != "data.creditorInstitution.logo" {
					t.Errorf("problem path %q", got[0].Path)
				}
				return
			}
			if n.Creditor.Logo == nil {
				t.Fatal("no logo")
			}
			path, _ := renderNotice(t, n)
			pdfimages := testenv.Tool(t, "pdfimages", "poppler-utils")
			if out := runTool(t, pdfimages, "-list", path); !strings.Contains(out, "  120    60  rgb") {
				t.Errorf("pdfimages -list does not show the 120×60 logo:\n%s", out)
			}
		})
	}
}

func TestLogosCache(t *testing.T) {
	logos := &Logos{}
	ref := base64.StdEncoding.EncodeToString(testPNG(t, 10, 10))
	a, err := logos.load(ref)
	if err != nil {
		t.Fatal(err)
	}
	b, err := logos.load(ref)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same logo was decoded twice")
	}
}
