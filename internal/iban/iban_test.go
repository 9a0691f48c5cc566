package iban

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		// Check digits computed by hand with ISO 7064 MOD 97-10 (and
		// cross-checked with python: int(bban+"1829"+"00") % 97 …).
		{"IT60X0542811101000000123456", nil}, // the ECBS example IBAN for Italy
		{"IT71A0760103200000012345678", nil},
		{"DE89370400440532013000", nil},
		{"GB82WEST12345698765432", nil},
		{"IT61X0542811101000000123456", ErrCheckDigits},
		{"IT60X054281110100000012345", ErrLength},
		{"it60X0542811101000000123456", ErrSyntax},
		{"IT6AX0542811101000000123456", ErrSyntax},
		{"IT6009542811101000000123456", ErrSyntax}, // CIN not a letter
		{"IT60X05428A1101000000123456", ErrSyntax}, // ABI not digits
		{"IT60X0542811101000000123-56", ErrSyntax},
		{"", ErrLength},
		{"IT60 X054 2811 1010 0000 0123 456", ErrSyntax}, // the paper form, with spaces
	}
	for _, tt := range tests {
		err := Validate(tt.in)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("Validate(%q) = %v, want %v", tt.in, err, tt.want)
		}
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Errorf("Validate(%q) error %T is not an *Error", tt.in, err)
		}
	}
}

func TestIsPostal(t *testing.T) {
	if !IsPostal("IT71A0760103200000012345678") {
		t.Error("IsPostal(ABI 07601) = false")
	}
	if IsPostal("IT60X0542811101000000123456") {
		t.Error("IsPostal(ABI 05428) = true")
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"IT60X0542811101000000123456", "DE89370400440532013000", "XX00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Validate(s)
		if err == nil {
			if len(s) < 15 || len(s) > 34 || mod97(s[4:]+s[:4]) != 1 {
				t.Fatalf("Validate(%q) accepted an invalid IBAN", s)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T is not an *Error", err)
		}
	})
}
