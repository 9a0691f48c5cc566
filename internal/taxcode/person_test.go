package taxcode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Worked example for BNCLRA90E45F205D (a woman born on 5 May 1990 in
// Milan, F205; the day is 05+40 = 45). Odd 1-based positions use the
// odd table, even ones the plain value (A=0 ... Z=25, 0=0 ... 9=9):
//
//	pos  1 B odd   0     pos  2 N even 13
//	pos  3 C odd   5     pos  4 L even 11
//	pos  5 R odd   8     pos  6 A even  0
//	pos  7 9 odd  21     pos  8 0 even  0
//	pos  9 E odd   9     pos 10 4 even  4
//	pos 11 5 odd  13     pos 12 F even  5
//	pos 13 2 odd   5     pos 14 0 even  0
//	pos 15 5 odd  13
//
// Sum 107; 107 mod 26 = 3 -> D.
//
// Omocodia on position 15 ('5' -> 'R', odd R = 8 instead of 13) gives
// 102 mod 26 = 24 -> Y: BNCLRA90E45F20RY. Then position 14 ('0' -> 'L',
// even L = 11 instead of 0) gives 113 mod 26 = 9 -> J: BNCLRA90E45F2LRJ.
//
// RSSMRA80A01H501U sums to 98 (98 mod 26 = 20 -> U); changing the day:
//
//	41: pos 10 '4' adds 4             -> 102 mod 26 = 24 -> Y
//	31: pos 10 '3' adds 3             -> 101 mod 26 = 23 -> X
//	71: pos 10 '7' adds 7             -> 105 mod 26 =  1 -> B
//	PM: pos 10 P adds 15, pos 11 M 18 -> 131 mod 26 =  1 -> B (day 31)
func TestCheckChar(t *testing.T) {
	type result struct {
		Char string
		Err  error
	}
	tests := []struct {
		in   string
		want result
	}{
		{"RCCMNL83S18D969", result{"H", nil}},
		{"RSSMRA80A01H501", result{"U", nil}},
		{"RSSMRA80A01H50M", result{"M", nil}},
		{"BNCLRA90E45F205", result{"D", nil}},
		{"BNCLRA90E45F20R", result{"Y", nil}},
		{"BNCLRA90E45F2LR", result{"J", nil}},
		{"VRDGPP01T71Z404", result{"U", nil}},
		{"bnclra90e45f205", result{"D", nil}},

		{"", result{"", &Error{0, ErrLength}}},
		{"RSSMRA80A01H50", result{"", &Error{0, ErrLength}}},
		{"RSSMRA80A01H501U", result{"", &Error{0, ErrLength}}},
		{"RSSMRA80A01H5X1", result{"", &Error{14, ErrSyntax}}},
		{"RSSMRA80Z01H501", result{"", &Error{9, ErrMonth}}},
		{"RSSMRA80A00H501", result{"", &Error{10, ErrDay}}},
	}
	for _, tt := range tests {
		c, err := CheckChar(tt.in)
		got := result{Err: err}
		if c != 0 {
			got.Char = string(c)
		}
		if diff := cmp.Diff(tt.want, got, sameSentinel); diff != "" {
			t.Errorf("CheckChar(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestValidatePersonInvalid has one or more inputs breaking each rule.
// Unless said otherwise they are variations of RSSMRA80A01H501U.
func TestValidatePersonInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want *Error
	}{
		// Length.
		{"", &Error{0, ErrLength}},
		{"RSSMRA80A01H501", &Error{0, ErrLength}},
		{"RSSMRA80A01H501UU", &Error{0, ErrLength}},
		{" RSSMRA80A01H501U", &Error{0, ErrLength}},
		{"RSSMRÀ80A01H501U", &Error{0, ErrLength}}, // À takes two bytes

		// Letters of the names.
		{"1SSMRA80A01H501U", &Error{1, ErrSyntax}},
		{"RSS RA80A01H501U", &Error{4, ErrSyntax}},
		{"RSSMR-80A01H501U", &Error{6, ErrSyntax}},
		{"RSSMR\xc380A01H501U", &Error{6, ErrSyntax}},

		// Year: digits or omocodia letters only.
		{"RSSMRAA0A01H501U", &Error{7, ErrSyntax}},
		{"RSSMRA8KA01H501U", &Error{8, ErrSyntax}},
		{"RSSMRA8/A01H501U", &Error{8, ErrSyntax}},

		// Month.
		{"RSSMRA80F01H501U", &Error{9, ErrMonth}},
		{"RSSMRA80Z01H501U", &Error{9, ErrMonth}},
		{"RSSMRA80101H501U", &Error{9, ErrMonth}},
		{"RSSMRA80-01H501U", &Error{9, ErrMonth}},

		// Day: characters, then value.
		{"RSSMRA80AA1H501U", &Error{10, ErrSyntax}},
		{"RSSMRA80A0WH501U", &Error{11, ErrSyntax}},
		{"RSSMRA80A00H501U", &Error{10, ErrDay}},
		{"RSSMRA80A32H501U", &Error{10, ErrDay}},
		{"RSSMRA80A39H501U", &Error{10, ErrDay}},
		{"RSSMRA80A40H501U", &Error{10, ErrDay}},
		{"RSSMRA80A72H501U", &Error{10, ErrDay}},
		{"RSSMRA80A81H501U", &Error{10, ErrDay}},
		{"RSSMRA80A99H501U", &Error{10, ErrDay}},
		{"RSSMRA80APNH501U", &Error{10, ErrDay}}, // PN is 32
		{"RSSMRA80ALLH501U", &Error{10, ErrDay}}, // LL is 00

		// Place of birth: a letter and three digits or omocodia letters.
		{"RSSMRA80A011501U", &Error{12, ErrSyntax}},
		{"RSSMRA80A01HA01U", &Error{13, ErrSyntax}},
		{"RSSMRA80A01H5O1U", &Error{14, ErrSyntax}}, // letter O, not zero
		{"RSSMRA80A01H50ZU", &Error{15, ErrSyntax}},

		// Check character.
		{"RSSMRA80A01H5011", &Error{16, ErrSyntax}},
		{"RSSMRA80A01H501.", &Error{16, ErrSyntax}},
		{"RSSMRA80A01H501A", &Error{16, ErrCheck}},
		{"RSSMRA80A01H501V", &Error{16, ErrCheck}},
		{"RSSMRA80A01H50MU", &Error{16, ErrCheck}}, // omocodia without recomputing
		{"RSSMRA80A01H501u", nil},                  // control: valid
		{"RSSMRA81A01H501U", &Error{16, ErrCheck}}, // year changed
		{"RSSMRA80A01H502U", &Error{16, ErrCheck}}, // place changed
	}
	for _, tt := range tests {
		var want error
		if tt.want != nil {
			want = tt.want
		}
		if diff := cmp.Diff(want, ValidatePerson(tt.in), sameSentinel); diff != "" {
			t.Errorf("ValidatePerson(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(want, Validate(tt.in), sameSentinel); len(tt.in) == personLen && diff != "" {
			t.Errorf("Validate(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if base, err := Base(tt.in); tt.want != nil && (base != "" || err == nil) {
			t.Errorf("Base(%q) = %q, %v; want error", tt.in, base, err)
		}
		if tt.want != nil && IsOmocode(tt.in) {
			t.Errorf("IsOmocode(%q) = true, want false", tt.in)
		}
	}
}
