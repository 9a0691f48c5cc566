package money

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMaxPagoPA(t *testing.T) {
	// 999.999.999,99 euro is 99 999 999 999 cents.
	if diff := cmp.Diff("999.999.999,99", FormatItalian(MaxPagoPA)); diff != "" {
		t.Errorf("FormatItalian(MaxPagoPA) mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckPagoPA(t *testing.T) {
	tests := []struct {
		cents int64
		want  error // nil or the wrapped sentinel
		input string
	}{
		{1, nil, ""},
		{1600, nil, ""},
		{99_999_999_999, nil, ""},
		{0, ErrNotPositive, "0.00"},
		{-1, ErrNotPositive, "-0.01"},
		{math.MinInt64, ErrNotPositive, "-92233720368547758.08"},
		{100_000_000_000, ErrTooLarge, "1000000000.00"},
		{math.MaxInt64, ErrTooLarge, "92233720368547758.07"},
	}
	for _, tt := range tests {
		err := CheckPagoPA(tt.cents)
		if tt.want == nil {
			if err != nil {
				t.Errorf("CheckPagoPA(%d) = %v, want nil", tt.cents, err)
			}
			continue
		}
		e, isErr := err.(*Error)
		if !isErr {
			t.Errorf("CheckPagoPA(%d) = %#v, want *Error", tt.cents, err)
			continue
		}
		want := Error{Func: "CheckPagoPA", Input: tt.input, Err: tt.want}
		if diff := cmp.Diff(want, *e, cmpopts.EquateErrors()); diff != "" {
			t.Errorf("CheckPagoPA(%d) mismatch (-want +got):\n%s", tt.cents, diff)
		}
	}
}
