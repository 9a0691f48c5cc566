package taxcode

import "testing"

func TestValidateAllocs(t *testing.T) {
	for _, s := range []string{"RSSMRA80A01H501U", "rssmra80a01h50mm", "00743110157"} {
		allocs := testing.AllocsPerRun(100, func() {
			if err := Validate(s); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("Validate(%q) allocates %v times, want 0", s, allocs)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, bb := range []struct{ name, code string }{
		{"Person", "RSSMRA80A01H501U"},
		{"Omocode", "RSSMRA80A01H50MM"},
		{"Numeric", "00743110157"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Validate(bb.code); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
