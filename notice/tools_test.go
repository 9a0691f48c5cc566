package notice

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// TestRandomSymbolsDecode renders random payloads, across the range of
// each field, and reads them back with the external decoders.
func TestRandomSymbolsDecode(t *testing.T) {
	zbarimg := testenv.Tool(t, "zbarimg", "zbar-tools")
	dmtxread := testenv.Tool(t, "dmtxread", "dmtx-utils")
	r := rand.New(rand.NewPCG(9, 10))
	dir := t.TempDir()
	text := func(n int) string {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:'/-|()&%+"
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return strings.TrimSpace(string(b)) + "z"
	}
	decode := func(tool string, img []byte, args ...string) string {
		t.Helper()
		f := filepath.Join(dir, "symbol.png")
		if err := os.WriteFile(f, img, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool, append(args, f)...).Output()
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(tool), err)
		}
		return string(out)
	}
	for i := 0; i < 12; i++ {
		q := QR{Number: randomNumber(t, r), FiscalCode: randomNumber(t, r).String()[:11], AmountCents: 1 + r.Int64N(MaxQRAmountCents)}
		want, _ := q.Payload()
		img, err := q.PNG(41 * (3 + r.IntN(5)))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimRight(decode(zbarimg, img, "--quiet", "--raw"), "\n"); got != want {
			t.Errorf("zbarimg read %q, want %q", got, want)
		}

		d := DataMatrix{
			Number:        randomNumber(t, r),
			PostalAccount: strconv.FormatInt(1+r.Int64N(999_999_999_999), 10),
			AmountCents:   1 + r.Int64N(MaxQRAmountCents),
			FiscalCode:    randomNumber(t, r).String()[:11],
			DebtorName:    text(1 + r.IntN(39)),
			Subject:       text(1 + r.IntN(109)),
		}
		want, err = d.Payload()
		if err != nil {
			t.Fatal(err)
		}
		img, err = d.PNG(3 + r.IntN(4))
		if err != nil {
			t.Fatal(err)
		}
		if got := decode(dmtxread, img, "--stop-after=1"); got != want {
			t.Errorf("dmtxread read %q, want %q", got, want)
		}
	}
}
