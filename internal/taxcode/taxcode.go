package taxcode

// Validate reports whether s is a valid codice fiscale of either kind:
// a 16-character personal code (see ValidatePerson; letters may be in
// either case) or an 11-digit numeric code (see ValidateNumeric). The
// kind is chosen by the length of s.
//
// It returns nil or an *Error; see ValidatePerson and ValidateNumeric.
func Validate(s string) error {
	switch len(s) {
	case personLen:
		return ValidatePerson(s)
	case numericLen:
		return ValidateNumeric(s)
	}
	return errAt(0, ErrLength)
}
