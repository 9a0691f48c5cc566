package taxcode

// Length of a numeric codice fiscale or partita IVA.
const numericLen = 11

// ValidateNumeric reports whether s is a valid 11-digit numeric code: the
// codice fiscale of a legal entity, a provisional codice fiscale of a
// person, or a partita IVA without prefix. Only ASCII digits are
// allowed and the last one must be the check digit of the first ten
// (see CheckDigit).
//
// It returns nil or an *Error wrapping ErrLength, ErrSyntax or ErrCheck.
func ValidateNumeric(s string) error {
	return validateNumeric(s, 0)
}

// ValidateVAT reports whether s is a valid partita IVA: 11 digits as for
// ValidateNumeric, optionally preceded by the country prefix "IT" (in
// either case) as in the VIES form "IT00743110157". Error positions
// count the prefix.
func ValidateVAT(s string) error {
	if len(s) >= 2 && upper(s[0]) == 'I' && upper(s[1]) == 'T' {
		return validateNumeric(s[2:], 2)
	}
	return validateNumeric(s, 0)
}

// CheckDigit returns the check digit, '0' to '9', of the numeric code
// whose first ten digits are first10. It returns an *Error wrapping
// ErrLength or ErrSyntax if first10 is not ten ASCII digits.
//
// The check digit is computed with the Luhn algorithm: digits at odd
// 1-based positions are added as they are; digits at even positions are
// doubled, subtracting 9 when the result exceeds 9, and added; the check
// digit is what brings the sum to a multiple of 10.
func CheckDigit(first10 string) (byte, error) {
	if len(first10) != numericLen-1 {
		return 0, errAt(0, ErrLength)
	}
	if err := checkDigits(first10, 0); err != nil {
		return 0, err
	}
	return checkDigit(first10), nil
}

// validateNumeric is ValidateNumeric with positions shifted by off.
func validateNumeric(s string, off int) error {
	if len(s) != numericLen {
		return errAt(0, ErrLength)
	}
	if err := checkDigits(s, off); err != nil {
		return err
	}
	if s[10] != checkDigit(s) {
		return errAt(off+numericLen, ErrCheck)
	}
	return nil
}

// checkDigits reports the first byte of s that is not an ASCII digit.
func checkDigits(s string, off int) error {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return errAt(off+i+1, ErrSyntax)
		}
	}
	return nil
}

// checkDigit computes the Luhn check digit of the first ten digits of s.
func checkDigit(s string) byte {
	sum := 0
	for i := 0; i < 10; i++ {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return '0' + byte((10-sum%10)%10)
}
