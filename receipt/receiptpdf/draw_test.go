package receiptpdf

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Go Mono advances every character by 1229/2048 em: 6.0 points, 2.117
// millimetres, at 10 points. The wrapping tests count in characters.
func monoChar(t *testing.T) (*Renderer, float64) {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cw := width(r.mono, 10, "0")
	if math.Abs(cw-2.117) > 0.001 {
		t.Fatalf("Go Mono at 10 pt is %.4f mm wide, want 2.117", cw)
	}
	return r, cw
}

func TestWrap(t *testing.T) {
	r, cw := monoChar(t)
	w := 10*cw + 0.01 // ten characters
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"aaaa bbbb cccc", []string{"aaaa bbbb", "cccc"}},
		{"aaaaaaaaaa", []string{"aaaaaaaaaa"}},
		{"abcdefghijklmnopqrstuvwxy", []string{"abcdefghij", "klmnopqrst", "uvwxy"}},
		{"ab abcdefghijklmno", []string{"ab", "abcdefghij", "klmno"}},
		// Broken after a separator in the second half of the line.
		{"/RFB/123456789/TXT", []string{"/RFB/", "123456789/", "TXT"}},
		{"12.45678901234", []string{"12.4567890", "1234"}}, // the dot is too early
		// A separator too early is not used.
		{"a/bcdefghijklm", []string{"a/bcdefghi", "jklm"}},
		{"àèìòù àèìòù", []string{"àèìòù", "àèìòù"}},
		{"", nil},
		{" a  b ", []string{"a b"}},
	} {
		if got := wrap(r.mono, 10, w, tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("wrap(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Narrower than one character: one character a line, no endless loop.
	if got, want := wrap(r.mono, 10, cw/2, "abc"), []string{"a", "b", "c"}; !cmp.Equal(got, want) {
		t.Errorf("wrap in half a character = %q, want %q", got, want)
	}
}

// TestWrapProportional checks the wrapping invariants in the proportional
// font: no line is wider than the column and no character is lost.
func TestWrapProportional(t *testing.T) {
	r, _ := monoChar(t)
	texts := []string{
		longCausale,
		"Straße Weiß Müller — 16,00 € àèéìòù ÀÈÉÌÒÙ «citazione» l’apostrofo",
		strings.Repeat("x", 300),
		"/RFB/48172725623804858/100.50/TXT/Diritti di segreteria",
	}
	for _, s := range texts {
		for _, w := range []float64{20, 48, 86, 180} {
			lines := wrap(r.regular, 9, w, s)
			for _, line := range lines {
				if lw := width(r.regular, 9, line); lw > w {
					t.Errorf("wrap(%.20q, %v): line %q is %.2f mm wide", s, w, line, lw)
				}
			}
			got := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
			if want := strings.ReplaceAll(s, " ", ""); got != want {
				t.Errorf("wrap(%.20q, %v) lost characters: %q", s, w, got)
			}
		}
	}
}

func TestFit(t *testing.T) {
	r, cw := monoChar(t)
	s := strings.Repeat("0", 20)
	// 20 characters at 8 points are 20 × 0.6 × 8 = 96 points, 33.87 mm.
	for _, tc := range []struct {
		w, want float64
	}{
		{100, 10},             // fits at the given size
		{20 * cw, 10},         // exactly
		{33.9, 8},             // 8.25 points would be 34.92 mm
		{1, 6},                // never below 60%
		{20*cw*0.9 + 0.01, 9}, // 90%
	} {
		if got := fit(r.mono, 10, tc.w, s); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("fit in %.2f mm = %v, want %v", tc.w, got, tc.want)
		}
	}
}

func TestRows(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	l := &layout{r: r, s: r.s}
	fields := []field{
		{label: "A", value: "a", span: full},
		{label: "B", value: "b", span: half},
		{label: "C", value: "c", span: half},
		{label: "D", value: "d", span: half},
		{label: "E", value: "e", span: third, newRow: true},
		{label: "F", value: "f", span: third},
		{label: "G", value: " ", span: half}, // blank: left out
		{label: "H", value: "h", span: third},
		{label: "I", value: "i", span: third},
		{label: "J", value: "j", span: full},
	}
	// Columns: 180 mm wide with 8 mm gaps, six units of 188/6 mm.
	type box struct {
		Label string
		X, W  float64
	}
	want := [][]box{
		{{"A", 15, 180}},
		{{"B", 15, 86}, {"C", 109, 86}},
		{{"D", 15, 86}},
		{{"E", 15, 54.667}, {"F", 77.667, 54.667}, {"H", 140.333, 54.667}},
		{{"I", 15, 54.667}},
		{{"J", 15, 180}},
	}
	var got [][]box
	for _, row := range l.rows(fields) {
		var bs []box
		for _, c := range row {
			bs = append(bs, box{c.label, math.Round(c.x*1000) / 1000, math.Round(c.w*1000) / 1000})
		}
		got = append(got, bs)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestEllipsis(t *testing.T) {
	r, cw := monoChar(t)
	w := 10*cw + 0.01
	for in, want := range map[string]string{
		"abcdefghij":  "abcdefghij",
		"abcdefghijk": "abcdefghi…",
		"àèìòùàèìòùà": "àèìòùàèìò…",
		"":            "",
	} {
		if got := ellipsis(r.mono, 10, w, in); got != want {
			t.Errorf("ellipsis(%q) = %q, want %q", in, got, want)
		}
	}
}
