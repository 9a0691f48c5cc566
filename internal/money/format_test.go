package money

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/internal/testenv"
)

// forms holds the four textual forms of one amount.
type forms struct {
	Decimal, Comma, Italian, English string
}

type amountVector struct {
	line  int
	cents int64
	want  forms
}

// readAmounts reads testdata/amounts.txt.
func readAmounts(t *testing.T) []amountVector {
	t.Helper()
	var vs []amountVector
	for _, r := range testenv.Vectors(t, "testdata/amounts.txt") {
		fs := r.Fields
		if len(fs) != 5 {
			t.Fatalf("amounts.txt:%d: got %d fields, want 5", r.Line, len(fs))
		}
		cents, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil {
			t.Fatalf("amounts.txt:%d: %v", r.Line, err)
		}
		vs = append(vs, amountVector{r.Line, cents, forms{fs[1], fs[2], fs[3], fs[4]}})
	}
	return vs
}

func TestFormat(t *testing.T) {
	for _, v := range readAmounts(t) {
		got := forms{
			Decimal: FormatDecimal(v.cents),
			Comma:   FormatComma(v.cents),
			Italian: FormatItalian(v.cents),
			English: FormatEnglish(v.cents),
		}
		if diff := cmp.Diff(v.want, got); diff != "" {
			t.Errorf("amounts.txt:%d: Format*(%d) mismatch (-want +got):\n%s", v.line, v.cents, diff)
		}
	}
}

// TestParseFormatted parses back the non-negative forms of amounts.txt.
func TestParseFormatted(t *testing.T) {
	type parsed struct {
		Decimal, Comma, Italian int64
	}
	for _, v := range readAmounts(t) {
		if v.cents < 0 {
			continue
		}
		var got parsed
		var err error
		if got.Decimal, err = ParseDecimal(v.want.Decimal); err != nil {
			t.Errorf("amounts.txt:%d: ParseDecimal: %v", v.line, err)
		}
		if got.Comma, err = ParseComma(v.want.Comma); err != nil {
			t.Errorf("amounts.txt:%d: ParseComma: %v", v.line, err)
		}
		if got.Italian, err = ParseItalian(v.want.Italian); err != nil {
			t.Errorf("amounts.txt:%d: ParseItalian: %v", v.line, err)
		}
		want := parsed{v.cents, v.cents, v.cents}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("amounts.txt:%d: Parse* mismatch (-want +got):\n%s", v.line, diff)
		}
	}
}
