package pdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAppendNum(t *testing.T) {
	in := []float64{
		0, 1, -1, 10, 100, 0.5, 0.05, 0.005, 0.0004, 0.0005, -0.0004, -0.0005,
		12.345, -12.3456, 12.3404, 595.276, 841.89, 0.1 + 0.2, 1234567.891,
		1e9, 2e9, -3e9, math.Inf(1), math.Inf(-1), math.NaN(), 9.9996,
	}
	want := []string{
		"0", "1", "-1", "10", "100", "0.5", "0.05", "0.005", "0", "0.001", "0", "-0.001",
		"12.345", "-12.346", "12.34", "595.276", "841.89", "0.3", "1234567.891",
		"1000000000", "1000000000", "-1000000000", "1000000000", "-1000000000", "0", "10",
	}
	var got []string
	for _, v := range in {
		got = append(got, string(appendNum(nil, v)))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("appendNum (-want +got):\n%s", diff)
	}
}

// TestAppendNumReference compares appendNum with strconv on random values:
// both round to three decimals, strconv printing the shortest form.
func TestAppendNumReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(12)-3))
		rounded := math.Round(v*1000) / 1000
		want := strconv.FormatFloat(rounded, 'f', -1, 64)
		if rounded == 0 {
			want = "0"
		}
		if got := string(appendNum([]byte("x"), v)); got != "x"+want {
			t.Fatalf("appendNum(%v) = %q, want %q", v, got[1:], want)
		}
		if round3(v) != rounded {
			t.Fatalf("round3(%v) = %v, want %v", v, round3(v), rounded)
		}
	}
}

func TestColorNum(t *testing.T) {
	for _, tt := range []struct {
		c    uint8
		want string
	}{{0, "0"}, {255, "1"}, {51, "0.2"}, {128, "0.502"}, {1, "0.004"}} {
		if got := colorNum[tt.c]; got != tt.want {
			t.Errorf("colorNum[%d] = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestAppendColor(t *testing.T) {
	for _, tt := range []struct {
		c      Color
		stroke bool
		want   string
	}{
		{Black, false, "0 g\n"},
		{White, true, "1 G\n"},
		{Color{51, 51, 51}, false, "0.2 g\n"},
		{Color{255, 0, 51}, false, "1 0 0.2 rg\n"},
		{Color{0, 102, 204}, true, "0 0.4 0.8 RG\n"},
	} {
		if got := string(appendColor(nil, tt.c, tt.stroke)); got != tt.want {
			t.Errorf("appendColor(%v, %v) = %q, want %q", tt.c, tt.stroke, got, tt.want)
		}
	}
}

func TestAppendTextString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "()"},
		{"Avviso (copia) \\ 1", `(Avviso \(copia\) \\ 1)`},
		{"Città", "<FEFF004300690074007400E0>"},
		{"€ 𝄞", "<FEFF20AC0020D834DD1E>"},
		{"a\nb", "<FEFF0061000A0062>"},
	} {
		if got := string(appendTextString(nil, tt.in)); got != tt.want {
			t.Errorf("appendTextString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPDFDate(t *testing.T) {
	rome := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2025, 3, 7, 9, 5, 1, 0, time.UTC), "D:20250307090501Z"},
		{time.Date(2025, 12, 31, 23, 59, 59, 0, rome), "D:20251231235959+01'00'"},
		{time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(3*3600+30*60))), "D:20250102030405-03'30'"},
	} {
		if got := pdfDate(tt.t); got != tt.want {
			t.Errorf("pdfDate(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}
