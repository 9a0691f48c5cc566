package money

import "testing"

func TestParseDecimalAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := ParseDecimal("1020.99"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("ParseDecimal allocates %v times per successful call, want 0", allocs)
	}
}

func BenchmarkFormatDecimal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		FormatDecimal(102099)
	}
}

func BenchmarkParseDecimal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseDecimal("1020.99"); err != nil {
			b.Fatal(err)
		}
	}
}
