package taxcode

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// randomPerson builds a random valid base personal code with the
// reference implementation.
func randomPerson(r *rand.Rand) string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	var b strings.Builder
	for range 6 {
		b.WriteByte(letters[r.IntN(26)])
	}
	b.WriteString(itoa(r.IntN(10)) + itoa(r.IntN(10)))
	b.WriteByte("ABCDEHLMPRST"[r.IntN(12)])
	day := 1 + r.IntN(31)
	if r.IntN(2) == 1 {
		day += 40
	}
	if day < 10 {
		b.WriteByte('0')
	}
	b.WriteString(itoa(day))
	b.WriteByte(letters[r.IntN(26)])
	for range 3 {
		b.WriteString(itoa(r.IntN(10)))
	}
	first15 := b.String()
	return first15 + string(refCheckChar(first15))
}

// TestPropertyOmocodia builds random valid codes, applies omocodia right
// to left as the Agenzia delle Entrate does, and checks that every
// variant validates and has the original as its base.
func TestPropertyOmocodia(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 16))
	for range 5000 {
		base := randomPerson(r)
		if err := Validate(base); err != nil {
			t.Fatalf("Validate(%q) = %v", base, err)
		}

		k := r.IntN(len(refOmocodePositions) + 1)
		b := []byte(base)
		for _, p := range refOmocodePositions[:k] {
			b[p] = refOmocode[b[p]]
		}
		b[15] = refCheckChar(string(b[:15]))
		code := string(b)

		type facts struct {
			Validate, ValidatePerson, ValidateLower error
			Base                                    string
			IsOmocode                               bool
		}
		want := facts{Base: base, IsOmocode: k > 0}
		got := facts{
			Validate:       Validate(code),
			ValidatePerson: ValidatePerson(code),
			ValidateLower:  Validate(strings.ToLower(code)),
			IsOmocode:      IsOmocode(code),
		}
		got.Base, _ = Base(code)
		if diff := cmp.Diff(want, got, sameSentinel); diff != "" {
			t.Fatalf("%q (%d substitutions) mismatch (-want +got):\n%s", code, k, diff)
		}

		c, err := CheckChar(code[:15])
		if c != code[15] || err != nil {
			t.Fatalf("CheckChar(%q) = %q, %v; want %q", code[:15], c, err, code[15])
		}

		// Any other check character is rejected.
		for wrong := byte('A'); wrong <= 'Z'; wrong++ {
			if wrong == code[15] {
				continue
			}
			bad := code[:15] + string(wrong)
			if e, ok := Validate(bad).(*Error); !ok || *e != (Error{16, ErrCheck}) {
				t.Fatalf("Validate(%q) = %v, want check mismatch at 16", bad, Validate(bad))
			}
		}
	}
}

// TestPropertyNumeric checks random 11-digit strings against the
// reference Luhn implementation: exactly one check digit is accepted.
func TestPropertyNumeric(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 10))
	for range 20000 {
		var b strings.Builder
		for range 10 {
			b.WriteString(itoa(r.IntN(10)))
		}
		first10 := b.String()
		valid := 0
		for d := byte('0'); d <= '9'; d++ {
			s := first10 + string(d)
			want := refValidNumeric(s)
			got := ValidateNumeric(s) == nil
			if got != want {
				t.Fatalf("ValidateNumeric(%q) == nil is %v, want %v", s, got, want)
			}
			if want {
				valid++
				if c, err := CheckDigit(first10); c != d || err != nil {
					t.Fatalf("CheckDigit(%q) = %q, %v; want %q", first10, c, err, d)
				}
			}
		}
		if valid != 1 {
			t.Fatalf("%s: %d valid check digits, want 1", first10, valid)
		}
	}
}
