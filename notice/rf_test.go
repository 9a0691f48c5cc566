package notice

import (
	"errors"
	"testing"
)

func TestNewRF(t *testing.T) {
	for _, tt := range []struct{ ref, want, printed string }{
		// SACI 1.3.1 Appendice 1 worked example: "w9" → 329271500 mod 97 = 53, 98-53 = 45.
		{"w9", "RF45W9", "RF45 W9"},
		{"539007547034", "RF18539007547034", "RF18 5390 0754 7034"},
		// The reference of the SACI 1.3.1 §3.2 example, whose printed check digits (23) are wrong.
		{"567483937849450550875", "RF78567483937849450550875", "RF78 5674 8393 7849 4505 5087 5"},
		{"TARI2025abc", "RF36TARI2025ABC", "RF36 TARI 2025 ABC"},
	} {
		r, err := NewRF(tt.ref)
		if err != nil {
			t.Errorf("NewRF(%q): %v", tt.ref, err)
			continue
		}
		if r.String() != tt.want || r.Format() != tt.printed {
			t.Errorf("NewRF(%q) = %s / %s, want %s / %s", tt.ref, r, r.Format(), tt.want, tt.printed)
		}
		for _, in := range []string{tt.want, tt.printed, lower(tt.printed)} {
			p, err := ParseRF(in)
			if err != nil || p != r {
				t.Errorf("ParseRF(%q) = %v, %v; want %v", in, p, err, r)
			}
		}
		if r.CheckDigits() != tt.want[2:4] {
			t.Errorf("CheckDigits() = %s", r.CheckDigits())
		}
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestRFErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"RF23 5674 8393 7849 4505 5087 5", ErrCheckDigit}, // SACI 1.3.1 §3.2 example
		{"RF46W9", ErrCheckDigit},
		{"RF45W8", ErrCheckDigit},
		{"RF45", ErrLength},
		// 00 ≡ 97 and 01 ≡ 98 modulo 97, so these pass the remainder test,
		// but check digits are always 02 to 98 (found by FuzzParseRF).
		{"RF00NNN0000", ErrCheckDigit},
		{"RF97NNN0000", nil},
		{"RF01W9", ErrCheckDigit},
		{"RF99W9", ErrCheckDigit},
		{"RF18 5390 0754 7034 0000 0000 00", ErrLength},
		{"XX45W9", ErrSyntax},
		{"RFA5W9", ErrDigits},
		{"RF45W-9", ErrCharset},
		{"RF45Wè", ErrCharset},
	} {
		if _, err := ParseRF(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParseRF(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"", ErrMissing},
		{"1234567890123456789012", ErrTooLong},
		{"A B", ErrCharset},
		{"Àb", ErrCharset},
	} {
		if _, err := NewRF(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("NewRF(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
}
