package notice

import "strings"

// RF is an ISO 11649 creditor reference ("RF" + two check digits + up to 21
// letters and digits), which legacy EC-initiated payments used as IUV
// (SACI 1.3.1, schemas D and F). Letters are case-insensitive; an RF is
// kept and printed in upper case.
type RF struct {
	s string
}

// maxRFReference is the longest reference an RF carries (25 characters in all).
const maxRFReference = 21

// NewRF returns the creditor reference for a reference of 1 to 21 letters
// and digits, computing its check digits (ISO/IEC 7064 MOD 97-10).
func NewRF(reference string) (RF, error) {
	ref := strings.ToUpper(reference)
	if err := checkRFReference(ref); err != nil {
		return RF{}, err
	}
	r := mod97(ref, 0)
	r = mod97("RF00", r)
	cd := 98 - r
	return RF{s: "RF" + string([]byte{byte('0' + cd/10), byte('0' + cd%10)}) + ref}, nil
}

// ParseRF parses and validates a creditor reference in its compact form
// ("RF45W9") or printed form ("RF18 5390 0754 7034"), in either case.
func ParseRF(s string) (RF, error) {
	// The printed form of the longest RF has 25 characters and 6 spaces.
	if len(s) > 31 {
		return RF{}, fieldErr("rf", s, ErrLength)
	}
	c := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(c) < 5 || len(c) > 4+maxRFReference {
		return RF{}, fieldErr("rf", s, ErrLength)
	}
	if c[:2] != "RF" {
		return RF{}, fieldErr("rf", s, ErrSyntax)
	}
	if !allDigits(c[2:4]) {
		return RF{}, fieldErr("rf", s, ErrDigits)
	}
	// Check digits are 98 minus a remainder modulo 97: 02 to 98. "00",
	// "01" and "99" pass the remainder test below but are never issued.
	if cd := c[2:4]; cd < "02" || cd > "98" {
		return RF{}, fieldErr("rf", s, ErrCheckDigit)
	}
	if err := checkRFReference(c[4:]); err != nil {
		return RF{}, err
	}
	// Move the first four characters to the end: the remainder must be 1.
	if mod97(c[:4], mod97(c[4:], 0)) != 1 {
		return RF{}, fieldErr("rf", s, ErrCheckDigit)
	}
	return RF{s: c}, nil
}

func checkRFReference(ref string) error {
	if ref == "" {
		return fieldErr("reference", "", ErrMissing)
	}
	if len(ref) > maxRFReference {
		return fieldErr("reference", ref, ErrTooLong)
	}
	for i := 0; i < len(ref); i++ {
		if c := ref[i]; (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return fieldErr("reference", ref, ErrCharset)
		}
	}
	return nil
}

// mod97 continues the remainder r modulo 97 over s, where digits stand for
// themselves and letters A–Z for the numbers 10–35.
func mod97(s string, r int) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

// String returns the compact form, e.g. "RF45W9".
func (r RF) String() string { return r.s }

// Format returns the printed form in groups of four characters.
func (r RF) Format() string { return group(r.s) }

// CheckDigits returns the two check digits.
func (r RF) CheckDigits() string {
	if r.s == "" {
		return ""
	}
	return r.s[2:4]
}

// Reference returns the reference after the check digits.
func (r RF) Reference() string {
	if r.s == "" {
		return ""
	}
	return r.s[4:]
}
