package notice

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t testing.TB, s string) Number {
	t.Helper()
	n, err := ParseLenient(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQRPayload(t *testing.T) {
	n := mustParse(t, "302000000000000184")
	for _, tt := range []struct {
		cents int64
		want  string
	}{
		{13650, "PAGOPA|002|302000000000000184|01234567890|13650"}, // pagopa.md §2.1 worked example
		{5, "PAGOPA|002|302000000000000184|01234567890|05"},        // 2 digits at least
		{10, "PAGOPA|002|302000000000000184|01234567890|10"},
		{9_999_999_999, "PAGOPA|002|302000000000000184|01234567890|9999999999"},
	} {
		got, err := QR{Number: n, FiscalCode: "01234567890", AmountCents: tt.cents}.Payload()
		if err != nil || got != tt.want {
			t.Errorf("Payload(%d) = %q, %v; want %q", tt.cents, got, err, tt.want)
		}
	}
}

func TestQRPayloadErrors(t *testing.T) {
	good := mustParse(t, "302000000000000184")
	for _, tt := range []struct {
		q     QR
		field string
		want  error
	}{
		{QR{FiscalCode: "01234567890", AmountCents: 100}, "notice_number", ErrMissing},
		{QR{Number: mustParse(t, "302012387654312384"), FiscalCode: "01234567890", AmountCents: 100}, "notice_number", ErrCheckDigit},
		{QR{Number: good, AmountCents: 100}, "fiscal_code", ErrMissing},
		{QR{Number: good, FiscalCode: "0123456789", AmountCents: 100}, "fiscal_code", ErrFiscalCode},
		{QR{Number: good, FiscalCode: "012345678901", AmountCents: 100}, "fiscal_code", ErrFiscalCode},
		{QR{Number: good, FiscalCode: "RSSMRA80A01", AmountCents: 100}, "fiscal_code", ErrFiscalCode},
		{QR{Number: good, FiscalCode: "01234567890", AmountCents: 0}, "amount_cents", ErrAmount},
		{QR{Number: good, FiscalCode: "01234567890", AmountCents: -100}, "amount_cents", ErrAmount},
		{QR{Number: good, FiscalCode: "01234567890", AmountCents: 10_000_000_000}, "amount_cents", ErrAmount},
	} {
		_, err := tt.q.Payload()
		var fe *FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%+v.Payload() = %v, want %s: %v", tt.q, err, tt.field, tt.want)
		}
	}
}

func TestParseQR(t *testing.T) {
	for _, tt := range []struct {
		in      string
		nav, cf string
		cents   int64
		cdValid bool
	}{
		{"PAGOPA|002|302000000000000184|01234567890|13650", "302000000000000184", "01234567890", 13650, true},
		// Official example (Allegato 2, Codice QR).
		{"PAGOPA|002|000000000000000000|00000000000|9999", "000000000000000000", "00000000000", 9999, true},
		// SANP 2 maximum-length example: aux digit 1, no check digits.
		{"PAGOPA|002|123456789012345678|12345678901|1234567801", "123456789012345678", "12345678901", 1234567801, true},
		// Wrong check digits are reported, not refused (3123456789012345 mod 93 = 45).
		{"PAGOPA|002|312345678901234578|12345678901|1234567801", "312345678901234578", "12345678901", 1234567801, false},
		// One-digit amounts are found on printed notices.
		{"PAGOPA|002|302000000000000184|01234567890|5", "302000000000000184", "01234567890", 5, true},
		{"PAGOPA|002|302000000000000184|01234567890|0000013650", "302000000000000184", "01234567890", 13650, true},
	} {
		q, err := ParseQR(tt.in)
		if err != nil {
			t.Errorf("ParseQR(%q): %v", tt.in, err)
			continue
		}
		got := []any{q.Number.String(), q.FiscalCode, q.AmountCents, q.Number.CheckDigitValid()}
		want := []any{tt.nav, tt.cf, tt.cents, tt.cdValid}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseQR(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseQRErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"", ErrSyntax},
		{"PAGOPA|001|302000000000000184|01234567890|13650", ErrSyntax},
		{"pagopa|002|302000000000000184|01234567890|13650", ErrSyntax},
		{"PAGOPA|002|302000000000000184|01234567890", ErrSyntax},
		{"PAGOPA|002|302000000000000184", ErrSyntax},
		{"PAGOPA|002|3020 0000 0000 0001 84|01234567890|13650", ErrLength},
		{"PAGOPA|002|30200000000000018|01234567890|13650", ErrLength},
		{"PAGOPA|002|902000000000000184|01234567890|13650", ErrAuxDigit},
		{"PAGOPA|002|302000000000000184|0123456789|13650", ErrFiscalCode},
		{"PAGOPA|002|302000000000000184|01234567890|", ErrLength},
		{"PAGOPA|002|302000000000000184|01234567890|12345678901", ErrLength},
		{"PAGOPA|002|302000000000000184|01234567890|136.50", ErrDigits},
		{"PAGOPA|002|302000000000000184|01234567890|13650|", ErrDigits},
		{"PAGOPA|002|302000000000000184|01234567890|null", ErrDigits}, // GovPay printed "null" once
		{"PAGOPA|002|302000000000000184|01234567890|0", ErrAmount},
		{"PAGOPA|002|302000000000000184|01234567890|-5", ErrDigits},
	} {
		if _, err := ParseQR(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParseQR(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestQRSymbol(t *testing.T) {
	q := QR{Number: mustParse(t, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650}
	m, err := q.Modules()
	if err != nil {
		t.Fatal(err)
	}
	// Version 4: 33×33 modules (Allegato 2, Codice QR).
	if len(m) != 33 || len(m[0]) != 33 {
		t.Fatalf("symbol is %d×%d, want 33×33", len(m), len(m[0]))
	}
	// Finder patterns: the top row of each 7×7 pattern is dark, the
	// separator next to it light.
	for _, x := range []int{0, 6, 26, 32} {
		if !m[0][x] {
			t.Errorf("module (%d,0) of a finder pattern is light", x)
		}
	}
	if m[0][7] || m[0][25] {
		t.Error("finder separators are dark")
	}

	img, err := q.PNG(330)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width != 330 || cfg.Height != 330 {
		t.Errorf("PNG is %dx%d (%v), want 330x330", cfg.Width, cfg.Height, err)
	}
	for _, size := range []int{0, 40, 8193} {
		if _, err := q.PNG(size); err == nil {
			t.Errorf("PNG(%d) succeeded", size)
		}
	}
	if _, err := (QR{}).PNG(330); !errors.Is(err, ErrMissing) {
		t.Errorf("PNG of an empty QR: %v", err)
	}
}

func TestQRSVG(t *testing.T) {
	q := QR{Number: mustParse(t, "302000000000000184"), FiscalCode: "01234567890", AmountCents: 13650}
	var buf bytes.Buffer
	if err := q.WriteSVG(&buf, 25); err != nil {
		t.Fatal(err)
	}
	var svg struct {
		Width   string `xml:"width,attr"`
		ViewBox string `xml:"viewBox,attr"`
		Path    struct {
			D string `xml:"d,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &svg); err != nil {
		t.Fatalf("SVG is not well-formed XML: %v", err)
	}
	if svg.Width != "25mm" || svg.ViewBox != "0 0 41 41" {
		t.Errorf("width %q viewBox %q, want 25mm and 0 0 41 41 (33 modules + 2×4 quiet)", svg.Width, svg.ViewBox)
	}
	// The first row of the symbol is finder (7) light (1) … light (1) finder (7):
	// its first run starts at the quiet-zone offset 4 and is 7 wide.
	if !strings.HasPrefix(svg.Path.D, "M4 4h7v1h-7z") {
		t.Errorf("path starts %q", svg.Path.D[:20])
	}
	if err := q.WriteSVG(&buf, 0); err == nil {
		t.Error("WriteSVG(0 mm) succeeded")
	}
}
