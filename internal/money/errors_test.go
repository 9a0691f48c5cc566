package money

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&Error{Func: "ParseDecimal", Input: "16.0", Err: ErrSyntax}, `money.ParseDecimal: invalid syntax: "16.0"`},
		{&Error{Func: "ParseItalian", Input: "92.233.720.368.547.758,08", Err: ErrRange}, `money.ParseItalian: value out of range: "92.233.720.368.547.758,08"`},
		{&Error{Func: "CheckPagoPA", Input: "0.00", Err: ErrNotPositive}, `money.CheckPagoPA: amount not positive: "0.00"`},
		{&Error{Input: "\x00", Err: ErrSyntax}, `money: invalid syntax: "\x00"`},
		{&Error{Input: "x"}, `money: <nil>: "x"`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
			t.Errorf("Error() mismatch (-want +got):\n%s", diff)
		}
	}
}

func TestErrorIsAs(t *testing.T) {
	_, err := ParseDecimal("1,00")
	if !errors.Is(err, ErrSyntax) {
		t.Errorf("errors.Is(%v, ErrSyntax) = false, want true", err)
	}
	if errors.Is(err, ErrRange) {
		t.Errorf("errors.Is(%v, ErrRange) = true, want false", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As(%v, *Error) = false, want true", err)
	}
	want := Error{Func: "ParseDecimal", Input: "1,00", Err: ErrSyntax}
	if diff := cmp.Diff(want, *e, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("*Error mismatch (-want +got):\n%s", diff)
	}
}
