package receipt_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pagokit/pagokit/receipt"
)

// ignoreRaw leaves Raw out of comparisons: tests check it on its own.
var ignoreRaw = cmpopts.IgnoreFields(receipt.Receipt{}, "Raw")

func readFile(t testing.TB, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(elem...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	return readFile(t, "testdata", name)
}

func cents(v int64) *int64 { return &v }

func day(y int, m time.Month, d int) *receipt.Date { return &receipt.Date{Year: y, Month: m, Day: d} }

// at returns a time in UTC, for comparing instants (cmp compares
// time.Time with Equal); offsets are checked with checkOffset.
func at(y int, m time.Month, d, hh, mm, ss int) *time.Time {
	v := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	return &v
}

// checkOffset checks the zone offset (seconds east of UTC) of a parsed
// date-time, and its location name when name is not empty.
func checkOffset(t *testing.T, what string, got *time.Time, offset int, name string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: nil", what)
		return
	}
	if _, off := got.Zone(); off != offset {
		t.Errorf("%s: offset %d s, want %d s", what, off, offset)
	}
	if name != "" && got.Location().String() != name {
		t.Errorf("%s: location %q, want %q", what, got.Location(), name)
	}
}

// sentinels are the errors every Parse error must wrap one of.
var sentinels = []error{
	receipt.ErrTooLarge, receipt.ErrTooDeep, receipt.ErrTooManyElements,
	receipt.ErrMalformed, receipt.ErrUnknownFormat, receipt.ErrMissing,
	receipt.ErrInvalid, receipt.ErrEmptyRT,
}

func isTyped(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// fieldPath returns the path of the *FieldError in err's chain, or "".
func fieldPath(err error) string {
	var fe *receipt.FieldError
	if errors.As(err, &fe) {
		return fe.Path
	}
	return ""
}

func diff(t *testing.T, want, got *receipt.Receipt) {
	t.Helper()
	if d := cmp.Diff(want, got, ignoreRaw); d != "" {
		t.Errorf("receipt mismatch (-want +got):\n%s", d)
	}
}

func w(path, msg string) receipt.Warning { return receipt.Warning{Path: path, Message: msg} }

// cmpDiff returns the difference of want and got, or "".
func cmpDiff(want, got any) string {
	if d := cmp.Diff(want, got); d != "" {
		return "mismatch (-want +got):\n" + d
	}
	return ""
}
