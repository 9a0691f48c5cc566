package taxcode

import (
	"errors"
	"strings"
	"testing"
)

// checkError checks the shape of an error returned for input s.
func checkError(t *testing.T, name, s string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s(%q) = %v (%T), want *Error", name, s, err, err)
	}
	known := false
	for _, sentinel := range []error{ErrLength, ErrSyntax, ErrMonth, ErrDay, ErrCheck} {
		known = known || e.Err == sentinel
	}
	if !known {
		t.Fatalf("%s(%q): unknown reason %v", name, s, e.Err)
	}
	if (e.Pos == 0) != (e.Err == ErrLength) || e.Pos < 0 || e.Pos > len(s) {
		t.Fatalf("%s(%q): %v has bad position", name, s, err)
	}
}

func FuzzValidate(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		err := Validate(s)
		if err != nil {
			checkError(t, "Validate", s, err)
		}
		want := refValidPerson(s) || refValidNumeric(s)
		if (err == nil) != want {
			t.Fatalf("Validate(%q) = %v, reference says valid = %v", s, err, want)
		}
		if err != nil {
			if base, err := Base(s); base != "" || err == nil {
				t.Fatalf("Base(%q) = %q, %v; want error", s, base, err)
			}
			if IsOmocode(s) {
				t.Fatalf("IsOmocode(%q) = true for an invalid code", s)
			}
			return
		}

		if len(s) == numericLen {
			d, err := CheckDigit(s[:10])
			if err != nil || d != s[10] {
				t.Fatalf("CheckDigit(%q) = %q, %v; want %q", s[:10], d, err, s[10])
			}
			flipped := s[:10] + string('0'+(s[10]-'0'+1)%10)
			if !errors.Is(Validate(flipped), ErrCheck) {
				t.Fatalf("Validate(%q) = %v, want ErrCheck", flipped, Validate(flipped))
			}
			return
		}

		u := refUpper(s)
		base, err := Base(s)
		if err != nil || base != refBase(s) {
			t.Fatalf("Base(%q) = %q, %v; want %q", s, base, err, refBase(s))
		}
		if err := Validate(base); err != nil {
			t.Fatalf("Validate(Base(%q)) = %v", s, err)
		}
		if again, _ := Base(base); again != base {
			t.Fatalf("Base(Base(%q)) = %q, want %q", s, again, base)
		}
		if got, want := IsOmocode(s), base != u; got != want {
			t.Fatalf("IsOmocode(%q) = %v, want %v", s, got, want)
		}
		c, err := CheckChar(s[:15])
		if err != nil || c != u[15] {
			t.Fatalf("CheckChar(%q) = %q, %v; want %q", s[:15], c, err, u[15])
		}
		flipped := s[:15] + string('A'+(u[15]-'A'+1)%26)
		if !errors.Is(Validate(flipped), ErrCheck) {
			t.Fatalf("Validate(%q) = %v, want ErrCheck", flipped, Validate(flipped))
		}
		if err := Validate(strings.ToLower(s)); err != nil {
			t.Fatalf("Validate(%q) = %v", strings.ToLower(s), err)
		}
	})
}

func FuzzValidateVAT(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateVAT(s)
		if err != nil {
			checkError(t, "ValidateVAT", s, err)
		}
		digits := s
		if len(s) >= 2 && refUpper(s[:2]) == "IT" {
			digits = s[2:]
		}
		want := refValidNumeric(digits)
		if (err == nil) != want {
			t.Fatalf("ValidateVAT(%q) = %v, reference says valid = %v", s, err, want)
		}
		if want {
			if err := ValidateNumeric(digits); err != nil {
				t.Fatalf("ValidateNumeric(%q) = %v", digits, err)
			}
			flipped := digits[:10] + string('0'+(digits[10]-'0'+9)%10)
			if !errors.Is(ValidateVAT(flipped), ErrCheck) {
				t.Fatalf("ValidateVAT(%q) = %v, want ErrCheck", flipped, ValidateVAT(flipped))
			}
		}
	})
}
