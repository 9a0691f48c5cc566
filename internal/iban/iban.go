package iban

import (
	"errors"
	"fmt"
)

// Errors reported by Validate, wrapped in an *Error.
var (
	// ErrLength: the IBAN is shorter than 15 or longer than 34
	// characters, or not of its country's length.
	ErrLength = errors.New("iban: invalid length")
	// ErrSyntax: a character is not allowed at its position.
	ErrSyntax = errors.New("iban: invalid character")
	// ErrCheckDigits: the mod-97 check fails.
	ErrCheckDigits = errors.New("iban: wrong check digits")
)

// Error is a validation failure; it wraps one of the Err… values and never
// contains the IBAN itself.
type Error struct {
	Err    error
	Detail string
}

// Error describes the failure without the IBAN.
func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Detail
}

// Unwrap returns the rule error.
func (e *Error) Unwrap() error { return e.Err }

// lengths of the IBANs of the countries pagoPA transfers meet most (SEPA).
var lengths = map[string]int{
	"IT": 27, "SM": 27, "VA": 22, "DE": 22, "FR": 27, "ES": 24, "AT": 20,
	"BE": 16, "NL": 18, "LU": 20, "PT": 25, "IE": 22, "CH": 21, "MT": 31,
	"SI": 19, "HR": 21, "GR": 27, "PL": 28, "GB": 22,
}

// Validate checks s, an IBAN in electronic form (upper case, no spaces).
func Validate(s string) error {
	if len(s) < 15 || len(s) > 34 {
		return &Error{ErrLength, fmt.Sprintf("%d characters", len(s))}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i < 2 && !isUpper(c):
			return &Error{ErrSyntax, "the country code must be two upper-case letters"}
		case i >= 2 && i < 4 && !isDigit(c):
			return &Error{ErrSyntax, "the check digits must be digits"}
		case i >= 4 && !isDigit(c) && !isUpper(c):
			return &Error{ErrSyntax, fmt.Sprintf("position %d must be a digit or an upper-case letter", i+1)}
		}
	}
	country := s[:2]
	if n, ok := lengths[country]; ok && len(s) != n {
		return &Error{ErrLength, fmt.Sprintf("%d characters, %s IBANs have %d", len(s), country, n)}
	}
	if country == "IT" || country == "SM" {
		// CIN, ABI (5 digits), CAB (5 digits), account (12 alphanumerics).
		if !isUpper(s[4]) {
			return &Error{ErrSyntax, "the CIN (position 5) must be a letter"}
		}
		for i := 5; i < 15; i++ {
			if !isDigit(s[i]) {
				return &Error{ErrSyntax, "ABI and CAB (positions 6-15) must be digits"}
			}
		}
	}
	if mod97(s[4:]+s[:4]) != 1 {
		return &Error{Err: ErrCheckDigits}
	}
	return nil
}

// mod97 computes the ISO 7064 MOD 97-10 remainder of s with letters
// expanded to 10–35.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	return r
}

// IsPostal reports whether an Italian IBAN belongs to Poste Italiane
// (ABI 07601), the "IBAN postale" of a postal current account. It does
// not validate s.
func IsPostal(s string) bool {
	return len(s) == 27 && s[:2] == "IT" && s[5:10] == "07601"
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
