package taxcode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Worked example for 1234567890 (0-based index i):
//
//	even i, added:          1 + 3 + 5 + 7 + 9          = 25
//	odd i, doubled:         2->4, 4->8, 6->12-9=3, 8->16-9=7, 0->0 = 22
//	sum 47; (10 - 47 mod 10) mod 10 = 3 -> 12345678903
//
// And for 0074311015 (partita IVA 00743110157):
//
//	even i: 0 + 7 + 3 + 1 + 1 = 12
//	odd i:  0->0, 4->8, 1->2, 0->0, 5->10-9=1 = 11
//	sum 23; (10 - 3) mod 10 = 7
//
// 0111460100: even 0+1+4+0+0 = 5; odd 1->2, 1->2, 6->3, 1->2, 0->0 = 9;
// sum 14 -> 6. 1111111111: 5 + 10 = 15 -> 5. 0636339100: even
// 0+3+3+9+0 = 15; odd 6->3, 6->3, 3->6, 1->2, 0->0 = 14; sum 29 -> 1.
func TestCheckDigit(t *testing.T) {
	type result struct {
		Digit string
		Err   error
	}
	tests := []struct {
		in   string
		want result
	}{
		{"0074311015", result{"7", nil}},
		{"0111460100", result{"6", nil}},
		{"1234567890", result{"3", nil}},
		{"1111111111", result{"5", nil}},
		{"0636339100", result{"1", nil}},
		{"0000000000", result{"0", nil}},

		{"", result{"", &Error{0, ErrLength}}},
		{"007431101", result{"", &Error{0, ErrLength}}},
		{"00743110157", result{"", &Error{0, ErrLength}}},
		{"007431101X", result{"", &Error{10, ErrSyntax}}},
		{"-074311015", result{"", &Error{1, ErrSyntax}}},
	}
	for _, tt := range tests {
		d, err := CheckDigit(tt.in)
		got := result{Err: err}
		if d != 0 {
			got.Digit = string(d)
		}
		if diff := cmp.Diff(tt.want, got, sameSentinel); diff != "" {
			t.Errorf("CheckDigit(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestValidateNumericInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want *Error
	}{
		{"", &Error{0, ErrLength}},
		{"0074311015", &Error{0, ErrLength}},
		{"007431101577", &Error{0, ErrLength}},
		{"IT00743110157", &Error{0, ErrLength}},
		{"O0743110157", &Error{1, ErrSyntax}}, // letter O
		{"00743 10157", &Error{6, ErrSyntax}},
		{"0074311015X", &Error{11, ErrSyntax}},
		{"0074311015٧", &Error{0, ErrLength}}, // Arabic-Indic seven: two bytes
		{"00743110158", &Error{11, ErrCheck}},
		{"00743110150", &Error{11, ErrCheck}},
		{"01114601007", &Error{11, ErrCheck}},
		{"00743110175", &Error{11, ErrCheck}}, // transposed digits
		{"12345678900", &Error{11, ErrCheck}},
	}
	for _, tt := range tests {
		want := error(tt.want)
		if diff := cmp.Diff(want, ValidateNumeric(tt.in), sameSentinel); diff != "" {
			t.Errorf("ValidateNumeric(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(want, Validate(tt.in), sameSentinel); len(tt.in) == numericLen && diff != "" {
			t.Errorf("Validate(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestValidateVATInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want *Error
	}{
		{"", &Error{0, ErrLength}},
		{"IT", &Error{0, ErrLength}},
		{"IT0074311015", &Error{0, ErrLength}},
		{"IT007431101577", &Error{0, ErrLength}},
		{"ITIT00743110157", &Error{0, ErrLength}},
		{"DE00743110157", &Error{0, ErrLength}},
		{"IT 0743110157", &Error{3, ErrSyntax}},
		{"IT0074311015X", &Error{13, ErrSyntax}},
		{"IT00743110158", &Error{13, ErrCheck}},
		{"00743110158", &Error{11, ErrCheck}},
		{"RSSMRA80A01H501U", &Error{0, ErrLength}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(error(tt.want), ValidateVAT(tt.in), sameSentinel); diff != "" {
			t.Errorf("ValidateVAT(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestValidateLength(t *testing.T) {
	for _, s := range []string{"", "0", "0074311015", "007431101577", "RSSMRA80A01H501", "RSSMRA80A01H501UU", "IT00743110157"} {
		if diff := cmp.Diff(error(&Error{0, ErrLength}), Validate(s), sameSentinel); diff != "" {
			t.Errorf("Validate(%q) mismatch (-want +got):\n%s", s, diff)
		}
	}
}
