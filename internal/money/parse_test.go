package money

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type parseResult struct {
	Cents int64
	Err   error
}

type parseTest struct {
	in   string
	want parseResult
}

func ok(c int64) parseResult { return parseResult{Cents: c} }

var (
	syntax   = parseResult{Err: ErrSyntax}
	outRange = parseResult{Err: ErrRange}
)

func runParseTests(t *testing.T, name string, parse func(string) (int64, error), tests []parseTest) {
	t.Helper()
	for _, tt := range tests {
		c, err := parse(tt.in)
		got := parseResult{c, err}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
			t.Errorf("%s(%q) mismatch (-want +got):\n%s", name, tt.in, diff)
		}
		if err != nil {
			e, isErr := err.(*Error)
			if !isErr {
				t.Errorf("%s(%q): error is %T, want *Error", name, tt.in, err)
				continue
			}
			if diff := cmp.Diff(Error{Func: name, Input: tt.in, Err: tt.want.Err}, *e, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("%s(%q): *Error mismatch (-want +got):\n%s", name, tt.in, diff)
			}
		}
	}
}

func TestParseDecimal(t *testing.T) {
	runParseTests(t, "ParseDecimal", ParseDecimal, []parseTest{
		{"0.00", ok(0)},
		{"0.05", ok(5)},
		{"16.00", ok(1600)},
		{"1020.99", ok(102099)},
		{"999999999.99", ok(99999999999)},
		{"92233720368547758.07", ok(9223372036854775807)},
		// Leading zeros are accepted (XSD decimal allows them).
		{"016.00", ok(1600)},
		{"00.00", ok(0)},
		{"000.01", ok(1)},
		{"000000000000000000000000092233720368547758.07", ok(9223372036854775807)},

		{"", syntax},
		{"16", syntax},
		{"16.0", syntax},
		{"16.001", syntax},
		{".50", syntax},
		{"16.", syntax},
		{".", syntax},
		{"+16.00", syntax},
		{"-16.00", syntax},
		{"-0.00", syntax},
		{" 16.00", syntax},
		{"16.00 ", syntax},
		{"16 .00", syntax},
		{"16.00\n", syntax},
		{"1,00", syntax},
		{"16,00", syntax},
		{"1,000.00", syntax},
		{"1.000.00", syntax},
		{"1_000.00", syntax},
		{"16.00x", syntax},
		{"x16.00", syntax},
		{"16.0x", syntax},
		{"1e3.00", syntax},
		{"0x10.00", syntax},
		{"\x0016.00", syntax},
		{"１６.００", syntax},      // fullwidth digits
		{"١٦.٠٠", syntax},      // Arabic-Indic digits
		{"16\u00b700", syntax}, // middle dot
		// A syntax error wins over an overflow.
		{"99999999999999999999.9x", syntax},

		{"92233720368547758.08", outRange},
		{"100000000000000000.00", outRange},
		{"99999999999999999999999999.99", outRange},
	})
}

func TestParseComma(t *testing.T) {
	runParseTests(t, "ParseComma", ParseComma, []parseTest{
		{"0,00", ok(0)},
		{"0,05", ok(5)},
		{"16,00", ok(1600)},
		{"1020,99", ok(102099)},
		{"999999999,99", ok(99999999999)},
		{"92233720368547758,07", ok(9223372036854775807)},
		{"016,00", ok(1600)},

		{"", syntax},
		{"16", syntax},
		{"16,0", syntax},
		{"16,001", syntax},
		{",50", syntax},
		{"16,", syntax},
		{"+16,00", syntax},
		{"-16,00", syntax},
		{" 16,00", syntax},
		{"16,00 ", syntax},
		{"16.00", syntax},
		{"1.020,99", syntax},
		{"1,020,99", syntax},
		{"16,00€", syntax},
		{"€16,00", syntax},
		{"١٦,٠٠", syntax},

		{"92233720368547758,08", outRange},
	})
}

func TestParseItalian(t *testing.T) {
	runParseTests(t, "ParseItalian", ParseItalian, []parseTest{
		{"0,00", ok(0)},
		{"0,05", ok(5)},
		{"16,00", ok(1600)},
		{"999,99", ok(99999)},
		{"1.000,00", ok(100000)},
		{"1.020,99", ok(102099)},
		{"12.345,67", ok(1234567)},
		{"123.456,78", ok(12345678)},
		{"1.000.000,00", ok(100000000)},
		{"999.999.999,99", ok(99999999999)},
		{"92.233.720.368.547.758,07", ok(9223372036854775807)},

		// Only the canonical grouped form is accepted.
		{"1020,99", syntax},
		{"1000,00", syntax},
		{"1.02,99", syntax},
		{"10.20,99", syntax},
		{"1..020,99", syntax},
		{"1.020,9", syntax},
		{"1.020,999", syntax},
		{"1.0200,99", syntax},
		{"1000.000,00", syntax},
		{".020,99", syntax},
		{"1.,99", syntax},
		{"1.020.,99", syntax},
		{"1.020,", syntax},
		{",99", syntax},
		{"1.000", syntax},
		{"01.020,99", syntax},
		{"00,05", syntax},
		{"01,00", syntax},
		{"0.000,00", syntax},
		{"0.999,00", syntax},
		{"1.020.99", syntax},
		{"1,020.99", syntax},
		{"1 020,99", syntax},
		{"1'020,99", syntax},
		{"1.020,99 ", syntax},
		{" 1.020,99", syntax},
		{"-1.020,99", syntax},
		{"+1,00", syntax},
		{"", syntax},
		{"1.٠٢٠,99", syntax},

		{"92.233.720.368.547.758,08", outRange},
		{"100.000.000.000.000.000,00", outRange},
	})
}
