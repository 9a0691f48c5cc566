package money

import (
	"errors"
	"math/big"
	"regexp"
	"strings"
	"testing"
)

// Reference grammars, written independently of wellFormed.
var (
	decimalRE = regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)
	commaRE   = regexp.MustCompile(`^[0-9]+,[0-9]{2}$`)
	italianRE = regexp.MustCompile(`^(0|[1-9][0-9]{0,2}(\.[0-9]{3})*),[0-9]{2}$`)
)

// fuzzParse checks parse against the reference grammar re: s must be
// rejected with ErrSyntax exactly when re does not match, with ErrRange
// exactly when its value exceeds math.MaxInt64 cents, and must otherwise
// parse to its value and survive a format/parse round trip.
func fuzzParse(t *testing.T, s, name string, re *regexp.Regexp, parse func(string) (int64, error), format func(int64) string, sep string) {
	got, err := parse(s)

	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s(%q): error %v is %T, want *Error", name, s, err, err)
		}
		if e.Input != s || e.Func != name {
			t.Fatalf("%s(%q): error has Func %q, Input %q", name, s, e.Func, e.Input)
		}
	}

	if !re.MatchString(s) {
		if !errors.Is(err, ErrSyntax) {
			t.Fatalf("%s(%q) = %d, %v; want ErrSyntax", name, s, got, err)
		}
		return
	}

	// The digits of s spell the amount in cents.
	digits := strings.NewReplacer(".", "", ",", "").Replace(s)
	want, isInt := new(big.Int).SetString(digits, 10)
	if !isInt {
		t.Fatalf("reference: cannot read %q", digits)
	}
	if !want.IsInt64() {
		if !errors.Is(err, ErrRange) {
			t.Fatalf("%s(%q) = %d, %v; want ErrRange", name, s, got, err)
		}
		return
	}
	if err != nil || got != want.Int64() {
		t.Fatalf("%s(%q) = %d, %v; want %d, nil", name, s, got, err, want.Int64())
	}
	if got < 0 {
		t.Fatalf("%s(%q) = %d, negative", name, s, got)
	}

	out := format(got)
	again, err := parse(out)
	if err != nil || again != got {
		t.Fatalf("%s(%q) = %d, but %s(%q) = %d, %v", name, s, got, name, out, again, err)
	}
	intPart := strings.ReplaceAll(s[:len(s)-3], sep, "")
	if intPart == "0" || intPart[0] != '0' {
		if out != s {
			t.Fatalf("%s(%q) = %d, formatted back as %q", name, s, got, out)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		fuzzParse(t, s, "ParseDecimal", decimalRE, ParseDecimal, FormatDecimal, "")
	})
}

func FuzzParseComma(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		fuzzParse(t, s, "ParseComma", commaRE, ParseComma, FormatComma, "")
	})
}

func FuzzParseItalian(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		fuzzParse(t, s, "ParseItalian", italianRE, ParseItalian, FormatItalian, ".")
	})
}
