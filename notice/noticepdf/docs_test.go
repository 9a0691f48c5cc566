package noticepdf

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// TestDocsImages renders every variant to docs/notice/<variant>-<page>.png
// when PAGOKIT_DOCS_IMAGES names the output directory: the images in the
// repository's docs/ come from it.
func TestDocsImages(t *testing.T) {
	dir := os.Getenv("PAGOKIT_DOCS_IMAGES")
	if dir == "" {
		t.Skip("set PAGOKIT_DOCS_IMAGES to a directory to render the documentation images")
	}
	pdftoppm := testenv.Tool(t, "pdftoppm", "poppler-utils")
	for _, v := range variants {
		path, _, _ := renderFile(t, v.req(t))
		runTool(t, pdftoppm, "-r", "60", "-png", path, filepath.Join(dir, v.name))
	}
}
