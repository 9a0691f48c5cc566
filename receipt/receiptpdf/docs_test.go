package receiptpdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/receipt"
)

// TestDocsImages renders sample receipts to <dir>/<name>-<page>.png when
// PAGOKIT_DOCS_IMAGES names the output directory: the images in the
// repository's docs/receipt come from it.
func TestDocsImages(t *testing.T) {
	dir := os.Getenv("PAGOKIT_DOCS_IMAGES")
	if dir == "" {
		t.Skip("set PAGOKIT_DOCS_IMAGES to a directory to render the documentation images")
	}
	pdftoppm := testenv.Tool(t, "pdftoppm", "poppler-utils")
	for _, c := range []struct {
		name string
		lang string
		rc   *receipt.Receipt
	}{
		{"receipt-it", Italian, fullReceipt()},
		{"receipt-en", English, fullReceipt()},
		{"receipt-rt", Italian, legacyReceipt()},
		{"receipt-5-transfers", Italian, manyReceipt()},
	} {
		r, err := New(WithLang(c.lang))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, c.rc); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), c.name+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(pdftoppm, "-r", "60", "-png", path, filepath.Join(dir, c.name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
	}
}
