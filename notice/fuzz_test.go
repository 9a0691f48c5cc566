package notice

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// Seed corpora live in testdata/fuzz/<FuzzName>/.

func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseLenient(s)
		if err != nil {
			if _, serr := Parse(s); serr == nil {
				t.Fatalf("Parse accepts %q that ParseLenient rejects", s)
			}
			return
		}
		// A parsed number rebuilds from its parts; the rebuilt number has
		// valid check digits and equals the input exactly when it had them.
		b, err := Build(n.Parts())
		if err != nil {
			t.Fatalf("Build(%+v) of parsed %q: %v", n.Parts(), s, err)
		}
		if (b == n) != n.CheckDigitValid() {
			t.Fatalf("%q: rebuilt %s, CheckDigitValid %v", s, b, n.CheckDigitValid())
		}
		if _, err := Parse(s); (err == nil) != n.CheckDigitValid() {
			t.Fatalf("%q: Parse error %v but CheckDigitValid %v", s, err, n.CheckDigitValid())
		}
		if m, err := ParseLenient(n.Format()); err != nil || m != n {
			t.Fatalf("printed form %q does not parse back: %v", n.Format(), err)
		}
		if len(n.String()) != Length || n.IUV() == "" || !strings.HasSuffix(n.String(), n.IUV()) {
			t.Fatalf("%q: inconsistent parts %+v", s, n.Parts())
		}
	})
}

func FuzzParsePrinted(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseLenient(s)
		if err != nil {
			return
		}
		if len(s) == printedLength && n.Format() != s {
			t.Fatalf("printed %q parsed to %s, formats as %q", s, n, n.Format())
		}
		if len(s) == Length && n.String() != s {
			t.Fatalf("%q parsed to %s", s, n)
		}
	})
}

func FuzzParseRF(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRF(s)
		if err != nil {
			return
		}
		again, err := NewRF(r.Reference())
		if err != nil || again != r {
			t.Fatalf("ParseRF(%q) = %s, but NewRF(%q) = %s, %v", s, r, r.Reference(), again, err)
		}
		if p, err := ParseRF(r.Format()); err != nil || p != r {
			t.Fatalf("printed form %q does not parse back: %v", r.Format(), err)
		}
	})
}

func FuzzParseQR(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQR(s)
		if err != nil {
			return
		}
		if q.AmountCents <= 0 || q.AmountCents > MaxQRAmountCents || len(q.FiscalCode) != 11 {
			t.Fatalf("ParseQR(%q) = %+v out of range", s, q)
		}
		p, err := q.Payload()
		if !q.Number.CheckDigitValid() {
			if err == nil {
				t.Fatalf("Payload of %q accepted a wrong check digit", s)
			}
			return
		}
		if err != nil {
			t.Fatalf("Payload of parsed %q: %v", s, err)
		}
		back, err := ParseQR(p)
		if err != nil || back != q {
			t.Fatalf("%q → %q → %+v, %v", s, p, back, err)
		}
	})
}

func FuzzParseDataMatrix(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDataMatrix(s)
		if err != nil {
			return
		}
		p, err := d.Payload()
		if err != nil {
			// Only a wrong check digit, a debtor code that is not a fiscal
			// code or an empty subject may keep a parsed payload from
			// rebuilding.
			if !errors.Is(err, ErrCheckDigit) && !errors.Is(err, ErrFiscalCode) && !errors.Is(err, ErrMissing) {
				t.Fatalf("parsed %q does not rebuild: %v", s, err)
			}
			return
		}
		back, err := ParseDataMatrix(p)
		if err != nil || back != d {
			t.Fatalf("%q → %q → %+v, %v", s, p, back, err)
		}
	})
}

// TestOversizedInput feeds every parser a megabyte: each must refuse it
// with a length error and an error message of bounded size.
func TestOversizedInput(t *testing.T) {
	big := strings.Repeat("3", 1<<20)
	parsers := map[string]func(string) error{
		"Parse":           func(s string) error { _, err := Parse(s); return err },
		"ParseLenient":    func(s string) error { _, err := ParseLenient(s); return err },
		"ParseRF":         func(s string) error { _, err := ParseRF(s); return err },
		"ParseQR":         func(s string) error { _, err := ParseQR(s); return err },
		"ParseDataMatrix": func(s string) error { _, err := ParseDataMatrix(s); return err },
	}
	for name, parse := range parsers {
		for _, in := range []string{big, "RF" + big, "PAGOPA|002|" + big, "PAGOPA|002|302000000000000184|01234567890|" + big} {
			err := parse(in)
			if !errors.Is(err, ErrLength) {
				t.Errorf("%s(%d bytes) = %v, want ErrLength", name, len(in), err)
			}
			if err != nil && len(err.Error()) > 200 {
				t.Errorf("%s: error message of %d bytes", name, len(err.Error()))
			}
		}
	}
	// No parser copies the input before checking its length.
	rf := "rf " + big[3:] // lower case and a space: copied by a careless ParseRF
	for name, parse := range parsers {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for i := 0; i < 10; i++ {
			_ = parse(rf)
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<16 {
			t.Errorf("%s: 10 calls on a megabyte allocated %d bytes", name, n)
		}
	}
}
