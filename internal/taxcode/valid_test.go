package taxcode

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pagokit/pagokit/internal/testenv"
)

type validCode struct {
	line             int
	kind, code, base string
}

func readValid(t *testing.T) []validCode {
	t.Helper()
	var cs []validCode
	for _, r := range testenv.Vectors(t, "testdata/valid.txt") {
		fs, n := r.Fields, r.Line
		if len(fs) < 2 {
			t.Fatalf("valid.txt:%d: malformed line", n)
		}
		c := validCode{line: n, kind: fs[0], code: fs[1]}
		switch {
		case c.kind == "person" && len(fs) == 3:
			c.base = fs[2]
		case (c.kind == "numeric" || c.kind == "vat") && len(fs) == 2:
		default:
			t.Fatalf("valid.txt:%d: malformed line", n)
		}
		cs = append(cs, c)
	}
	return cs
}

// TestValidCodes runs every function on the codes of testdata/valid.txt.
func TestValidCodes(t *testing.T) {
	// results records what each function said about one code.
	type results struct {
		Validate, ValidatePerson, ValidateNumeric, ValidateVAT error
		Base                                                   string
		IsOmocode                                              bool
	}
	errLength := &Error{Err: ErrLength}
	for _, c := range readValid(t) {
		var want results
		switch c.kind {
		case "person":
			want = results{ValidateNumeric: errLength, ValidateVAT: errLength,
				Base: c.base, IsOmocode: !strings.EqualFold(c.code, c.base)}
		case "numeric":
			want = results{ValidatePerson: errLength}
		case "vat":
			want = results{Validate: errLength, ValidatePerson: errLength, ValidateNumeric: errLength}
		}
		got := results{
			Validate:        Validate(c.code),
			ValidatePerson:  ValidatePerson(c.code),
			ValidateNumeric: ValidateNumeric(c.code),
			ValidateVAT:     ValidateVAT(c.code),
			IsOmocode:       IsOmocode(c.code),
		}
		got.Base, _ = Base(c.code)
		if diff := cmp.Diff(want, got, sameSentinel); diff != "" {
			t.Errorf("valid.txt:%d: %s mismatch (-want +got):\n%s", c.line, c.code, diff)
		}
	}
}
