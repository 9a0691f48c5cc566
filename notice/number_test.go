package notice

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// parsed is what the tests expect of a Number, gathered through its methods.
type parsed struct {
	Number, Printed, IUV, CheckDigit string
	Parts                            Parts
	CheckDigitValid                  bool
}

func gather(n Number) parsed {
	return parsed{
		Number: n.String(), Printed: n.Format(), IUV: n.IUV(), CheckDigit: n.CheckDigit(),
		Parts: n.Parts(), CheckDigitValid: n.CheckDigitValid(),
	}
}

// Vectors computed by hand (pagopa.md §1.3 shows the Horner remainders for
// the first two) or, for the others, with a calculator: the check digits
// are the first 16 digits modulo 93.
var validNumbers = []struct {
	in   string
	want parsed
}{
	{"302000000000000184", parsed{ // pagopa.md §1.3 worked example
		Number: "302000000000000184", Printed: "3020 0000 0000 0001 84", IUV: "02000000000000184", CheckDigit: "84",
		Parts: Parts{AuxDigit: 3, SegregationCode: "02", Base: "0000000000001"}, CheckDigitValid: true}},
	{"348172725623804858", parsed{ // official paSendRTV2Request.xml sample
		Number: "348172725623804858", Printed: "3481 7272 5623 8048 58", IUV: "48172725623804858", CheckDigit: "58",
		Parts: Parts{AuxDigit: 3, SegregationCode: "48", Base: "1727256238048"}, CheckDigitValid: true}},
	{"001000000001234516", parsed{ // pagopa.md §1.3 aux 0 example: IUV excludes the application code
		Number: "001000000001234516", Printed: "0010 0000 0001 2345 16", IUV: "000000001234516", CheckDigit: "16",
		Parts: Parts{AuxDigit: 0, ApplicationCode: "01", Base: "0000000012345"}, CheckDigitValid: true}},
	{"200000000000000103", parsed{ // 2000000000000001 mod 93 = 3
		Number: "200000000000000103", Printed: "2000 0000 0000 0001 03", IUV: "00000000000000103", CheckDigit: "03",
		Parts: Parts{AuxDigit: 2, Base: "000000000000001"}, CheckDigitValid: true}},
	{"212345678901234544", parsed{ // 2123456789012345 mod 93 = 44
		Number: "212345678901234544", Printed: "2123 4567 8901 2345 44", IUV: "12345678901234544", CheckDigit: "44",
		Parts: Parts{AuxDigit: 2, Base: "123456789012345"}, CheckDigitValid: true}},
	{"123456789012345678", parsed{ // aux 1: no check digits
		Number: "123456789012345678", Printed: "1234 5678 9012 3456 78", IUV: "23456789012345678", CheckDigit: "",
		Parts: Parts{AuxDigit: 1, Base: "23456789012345678"}, CheckDigitValid: true}},
	{"399123456789012330", parsed{ // 3991234567890123 mod 93 = 30; segregation code 99 (reserved, CIE)
		Number: "399123456789012330", Printed: "3991 2345 6789 0123 30", IUV: "99123456789012330", CheckDigit: "30",
		Parts: Parts{AuxDigit: 3, SegregationCode: "99", Base: "1234567890123"}, CheckDigitValid: true}},
	{"000000000000000000", parsed{ // the stand-in probe: 0 mod 93 = 0, so it is even valid
		Number: "000000000000000000", Printed: "0000 0000 0000 0000 00", IUV: "000000000000000", CheckDigit: "00",
		Parts: Parts{AuxDigit: 0, ApplicationCode: "00", Base: "0000000000000"}, CheckDigitValid: true}},
	// Other valid numbers from official repositories (pagopa.md §1.3).
	{"347164993070184562", parsed{Number: "347164993070184562", Printed: "3471 6499 3070 1845 62", IUV: "47164993070184562", CheckDigit: "62",
		Parts: Parts{AuxDigit: 3, SegregationCode: "47", Base: "1649930701845"}, CheckDigitValid: true}},
	{"382202100000000101", parsed{Number: "382202100000000101", Printed: "3822 0210 0000 0001 01", IUV: "82202100000000101", CheckDigit: "01",
		Parts: Parts{AuxDigit: 3, SegregationCode: "82", Base: "2021000000001"}, CheckDigitValid: true}},
	{"302032002700000251", parsed{Number: "302032002700000251", Printed: "3020 3200 2700 0002 51", IUV: "02032002700000251", CheckDigit: "51",
		Parts: Parts{AuxDigit: 3, SegregationCode: "02", Base: "0320027000002"}, CheckDigitValid: true}},
}

func TestParseValid(t *testing.T) {
	for _, tt := range validNumbers {
		for _, in := range []string{tt.in, tt.want.Printed} {
			n, err := Parse(in)
			if err != nil {
				t.Errorf("Parse(%q): %v", in, err)
				continue
			}
			if diff := cmp.Diff(tt.want, gather(n)); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", in, diff)
			}
		}
	}
}

// Official examples with wrong check digits (pagopa.md §1.3 WARNING): Parse
// rejects them, ParseLenient accepts them and says so.
func TestWrongCheckDigit(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"311111111112222222", "47"}, // SANP primitive examples
		{"302012387654312384", "86"}, // Checkout OpenAPI example
		{"302009921337126000", "51"}, // pagopa-mock-ec sample
		{"347000000880099993", "60"}, // SANP payment-options example
		{"311018351493172600", "49"}, // paSendRTReq_avv4.xml sample
	} {
		_, err := Parse(tt.in)
		var fe *FieldError
		if !errors.Is(err, ErrCheckDigit) || !errors.As(err, &fe) || fe.Field != "notice_number" {
			t.Errorf("Parse(%q) = %v, want a notice_number ErrCheckDigit", tt.in, err)
		}
		n, err := ParseLenient(tt.in)
		if err != nil {
			t.Fatalf("ParseLenient(%q): %v", tt.in, err)
		}
		if n.CheckDigitValid() {
			t.Errorf("ParseLenient(%q).CheckDigitValid() = true", tt.in)
		}
		c1, c2 := checkDigits(tt.in[:16])
		if got := string([]byte{c1, c2}); got != tt.want {
			t.Errorf("check digits of %q = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"", ErrLength},
		{"30200000000000018", ErrLength},
		{"3020000000000001840", ErrLength},
		{"30200000000000018a", ErrDigits},
		{"30200000000000018٤", ErrLength}, // Arabic-Indic digit: 2 bytes
		{" 02000000000000184", ErrDigits},
		{"402000000000000184", ErrAuxDigit},
		{"902000000000000184", ErrAuxDigit},
		{"302000000000000185", ErrCheckDigit},
		{"3020 0000 0000 0001 85", ErrCheckDigit},
		{"3020-0000-0000-0001-84", ErrSyntax},
		{"30200 000 0000 0001 84", ErrSyntax},
		{"3020 0000 0000 000 184", ErrSyntax},
		{"3020 0000 0000 00a1 84", ErrDigits},
	} {
		_, err := Parse(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q) = %v, want %v", tt.in, err, tt.want)
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "notice_number" {
			t.Errorf("Parse(%q) = %#v, want a *FieldError for notice_number", tt.in, err)
		}
	}
}

func TestBuild(t *testing.T) {
	for _, tt := range validNumbers {
		n, err := Build(tt.want.Parts)
		if err != nil {
			t.Errorf("Build(%+v): %v", tt.want.Parts, err)
			continue
		}
		if n.String() != tt.want.Number {
			t.Errorf("Build(%+v) = %s, want %s", tt.want.Parts, n, tt.want.Number)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	for _, tt := range []struct {
		p         Parts
		field     string
		want      error
		wantValue string
	}{
		{Parts{AuxDigit: 4, Base: "0000000000001"}, "aux_digit", ErrAuxDigit, "4"},
		{Parts{AuxDigit: -1, Base: "0000000000001"}, "aux_digit", ErrAuxDigit, "-1"},
		{Parts{AuxDigit: 3, Base: "0000000000001"}, "segregation_code", ErrMissing, ""},
		{Parts{AuxDigit: 3, SegregationCode: "2", Base: "0000000000001"}, "segregation_code", ErrLength, "2"},
		{Parts{AuxDigit: 3, SegregationCode: "0x", Base: "0000000000001"}, "segregation_code", ErrDigits, "0x"},
		{Parts{AuxDigit: 3, SegregationCode: "02", ApplicationCode: "01", Base: "0000000000001"}, "application_code", ErrNotApplicable, "01"},
		{Parts{AuxDigit: 3, SegregationCode: "02"}, "iuv_base", ErrMissing, ""},
		{Parts{AuxDigit: 3, SegregationCode: "02", Base: "000000000001"}, "iuv_base", ErrLength, "000000000001"},
		{Parts{AuxDigit: 3, SegregationCode: "02", Base: "00000000000010"}, "iuv_base", ErrLength, "00000000000010"},
		{Parts{AuxDigit: 3, SegregationCode: "02", Base: "000000000000a"}, "iuv_base", ErrDigits, "000000000000a"},
		{Parts{AuxDigit: 0, Base: "0000000000001"}, "application_code", ErrMissing, ""},
		{Parts{AuxDigit: 0, ApplicationCode: "01", SegregationCode: "02", Base: "0000000000001"}, "segregation_code", ErrNotApplicable, "02"},
		{Parts{AuxDigit: 2, Base: "0000000000001"}, "iuv_base", ErrLength, "0000000000001"},
		{Parts{AuxDigit: 2, SegregationCode: "02", Base: "000000000000001"}, "segregation_code", ErrNotApplicable, "02"},
		{Parts{AuxDigit: 1, ApplicationCode: "01", Base: "00000000000000001"}, "application_code", ErrNotApplicable, "01"},
		{Parts{AuxDigit: 1, Base: "000000000000001"}, "iuv_base", ErrLength, "000000000000001"},
	} {
		_, err := Build(tt.p)
		want := FieldError{Field: tt.field, Value: tt.wantValue, Err: tt.want}
		var got *FieldError
		if !errors.As(err, &got) {
			t.Errorf("Build(%+v) = %v, want %v", tt.p, err, &want)
			continue
		}
		if diff := cmp.Diff(want, *got, cmpopts.EquateErrors()); diff != "" {
			t.Errorf("Build(%+v) (-want +got):\n%s", tt.p, diff)
		}
	}
}

func TestFromIUV(t *testing.T) {
	for _, tt := range []struct {
		aux       int
		app, iuv  string
		want      string
		wantError error
	}{
		{3, "", "02000000000000184", "302000000000000184", nil},
		{0, "01", "000000001234516", "001000000001234516", nil},
		{2, "", "00000000000000103", "200000000000000103", nil},
		{1, "", "23456789012345678", "123456789012345678", nil},
		{3, "", "02000000000000185", "", ErrCheckDigit},
		{3, "", "0200000000000018", "", ErrLength},
		{0, "01", "00000000123451", "", ErrLength},
		{0, "", "000000001234516", "", ErrMissing},
		{3, "01", "02000000000000184", "", ErrNotApplicable},
		{3, "", "0200000000000018x", "", ErrDigits},
		{5, "", "02000000000000184", "", ErrAuxDigit},
	} {
		n, err := FromIUV(tt.aux, tt.app, tt.iuv)
		if !errors.Is(err, tt.wantError) || n.String() != tt.want {
			t.Errorf("FromIUV(%d, %q, %q) = %q, %v; want %q, %v", tt.aux, tt.app, tt.iuv, n, err, tt.want, tt.wantError)
		}
		if err == nil && n.IUV() != tt.iuv {
			t.Errorf("FromIUV(…, %q).IUV() = %q", tt.iuv, n.IUV())
		}
	}
}

// TestRoundTrip builds random notice numbers, parses them back in both
// forms and checks the parts and the check digits against math/big.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ninetyThree := big.NewInt(93)
	for i := 0; i < 20000; i++ {
		p := randomParts(r)
		n, err := Build(p)
		if err != nil {
			t.Fatalf("Build(%+v): %v", p, err)
		}
		if p.AuxDigit != 1 {
			v, _ := new(big.Int).SetString(n.String()[:16], 10)
			want := new(big.Int).Mod(v, ninetyThree).Int64()
			if got, _ := strconv.Atoi(n.CheckDigit()); int64(got) != want {
				t.Fatalf("%s: check digits %s, want %02d", n, n.CheckDigit(), want)
			}
		}
		for _, s := range []string{n.String(), n.Format()} {
			m, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q): %v", s, err)
			}
			if diff := cmp.Diff(p, m.Parts()); diff != "" {
				t.Fatalf("Parse(%q).Parts() (-want +got):\n%s", s, diff)
			}
		}
		iuvN, err := FromIUV(p.AuxDigit, p.ApplicationCode, n.IUV())
		if err != nil || iuvN != n {
			t.Fatalf("FromIUV(%s) = %v, %v", n.IUV(), iuvN, err)
		}
	}
}

func TestZeroNumber(t *testing.T) {
	var n Number
	got := []any{n.String(), n.IsZero(), n.AuxDigit(), n.IUV(), n.IUVBase(), n.CheckDigit(), n.Format(), n.ApplicationCode(), n.SegregationCode()}
	want := []any{"", true, -1, "", "", "", "", "", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zero Number (-want +got):\n%s", diff)
	}
}

func TestStandInProbe(t *testing.T) {
	n, err := ParseLenient("000000000000000000")
	if err != nil || !n.IsStandInProbe() {
		t.Fatalf("ParseLenient(probe) = %v, %v; want the stand-in probe", n, err)
	}
	m, _ := Parse("302000000000000184")
	if m.IsStandInProbe() {
		t.Error("302000000000000184 reported as stand-in probe")
	}
}

func TestText(t *testing.T) {
	var n Number
	if err := n.UnmarshalText([]byte("3020 0000 0000 0001 84")); err != nil {
		t.Fatal(err)
	}
	b, _ := n.MarshalText()
	if string(b) != "302000000000000184" {
		t.Errorf("MarshalText = %s", b)
	}
	if err := n.UnmarshalText([]byte("302000000000000185")); !errors.Is(err, ErrCheckDigit) {
		t.Errorf("UnmarshalText(bad) = %v", err)
	}
	if n.String() != "302000000000000184" {
		t.Errorf("failed UnmarshalText changed the Number to %s", n)
	}
}

func TestFieldErrorTruncatesValue(t *testing.T) {
	long := strings.Repeat("9", 10000)
	_, err := Parse(long)
	if len(err.Error()) > 200 {
		t.Errorf("error for a 10000-byte input is %d bytes long", len(err.Error()))
	}
}
