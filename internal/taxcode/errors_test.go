package taxcode

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sameSentinel makes cmp compare the sentinel errors wrapped in an *Error
// by identity (they are all *errors.errorString values), while *Error
// values themselves are compared field by field.
var sameSentinel = cmpopts.EquateComparable(ErrLength)

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{0, ErrLength}, "taxcode: invalid length"},
		{&Error{4, ErrSyntax}, "taxcode: invalid character at position 4"},
		{&Error{9, ErrMonth}, "taxcode: invalid month at position 9"},
		{&Error{10, ErrDay}, "taxcode: invalid day at position 10"},
		{&Error{16, ErrCheck}, "taxcode: check character mismatch at position 16"},
		{&Error{}, "taxcode: <nil>"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
			t.Errorf("%#v.Error() mismatch (-want +got):\n%s", tt.err, diff)
		}
	}
}

func TestErrorIsAs(t *testing.T) {
	err := Validate("RSSMRA80A01H501A")
	for _, sentinel := range []error{ErrLength, ErrSyntax, ErrMonth, ErrDay, ErrCheck} {
		if got, want := errors.Is(err, sentinel), sentinel == ErrCheck; got != want {
			t.Errorf("errors.Is(%v, %v) = %v, want %v", err, sentinel, got, want)
		}
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As(%v, *Error) = false, want true", err)
	}
	if diff := cmp.Diff(&Error{16, ErrCheck}, e, sameSentinel); diff != "" {
		t.Errorf("*Error mismatch (-want +got):\n%s", diff)
	}
}

// TestErrorNoInput makes sure that no message repeats the input.
func TestErrorNoInput(t *testing.T) {
	for _, s := range []string{"RSSMRA80A01H501A", "RSSMRA80A32H501U", "RSSMRA8", "IT00743110158"} {
		for _, err := range []error{Validate(s), ValidateVAT(s)} {
			if msg := err.Error(); strings.Contains(strings.ToUpper(msg), strings.ToUpper(s)) {
				t.Errorf("error %q contains its input", msg)
			}
		}
	}
}
