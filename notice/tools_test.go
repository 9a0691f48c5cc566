package notice

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pagokit/pagokit/internal/testenv"
)

// These tests decode the rendered symbols with independent decoders:
// zbarimg (zbar-tools) for QR codes and dmtxread (dmtx-utils) for
// DataMatrix symbols. They skip when the tools are missing, except in CI.

func TestQRDecodesWithZbar(t *testing.T) {
	zbarimg := testenv.Tool(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	for i, q := range []QR{
		{Number: mustParse(t, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650},
		{Number: mustParse(t, "001000000001234516"), FiscalCode: "00000000000", AmountCents: 5},
		{Number: mustParse(t, "123456789012345678"), FiscalCode: "99999999999", AmountCents: MaxQRAmountCents},
	} {
		want, err := q.Payload()
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{123, 330} {
			img, err := q.PNG(size)
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(dir, "qr.png")
			if err := os.WriteFile(f, img, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f).Output()
			if err != nil {
				t.Fatalf("case %d size %d: zbarimg: %v", i, size, err)
			}
			if got := strings.TrimRight(string(out), "\n"); got != want {
				t.Errorf("case %d size %d: zbarimg read %q, want %q", i, size, got, want)
			}
		}
	}
}

func TestDataMatrixDecodesWithDmtxread(t *testing.T) {
	dmtxread := testenv.Tool(t, "dmtxread", "dmtx-utils")
	dir := t.TempDir()
	full := DataMatrix{
		Number:           mustParse(t, "348172725623804858"),
		PostalAccount:    "999999999999",
		AmountCents:      MaxQRAmountCents,
		FiscalCode:       "99999999999",
		DebtorFiscalCode: "RSSMRA80A01H50MM",
		DebtorName:       strings.Repeat("N", 40),
		Subject:          strings.Repeat("Tassa sui rifiuti 2025 | rata 1/3; ", 4)[:110],
	}
	for i, d := range []DataMatrix{sampleDataMatrix(t), full} {
		want, err := d.Payload()
		if err != nil {
			t.Fatal(err)
		}
		for _, module := range []int{3, 4, 8} {
			img, err := d.PNG(module)
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(dir, "dm.png")
			if err := os.WriteFile(f, img, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(dmtxread, "--stop-after=1", f).Output()
			if err != nil {
				t.Fatalf("case %d module %d: dmtxread: %v", i, module, err)
			}
			if got := string(out); got != want {
				t.Errorf("case %d module %d: dmtxread read %q, want %q", i, module, got, want)
			}
		}
	}
}
