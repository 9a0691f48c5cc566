package money

// FormatComma returns cents with a decimal comma, exactly two decimals and
// no grouping, e.g. "16,00", "0,05", "1020,99". A negative amount is
// written with a leading '-'.
func FormatComma(cents int64) string {
	return format(cents, ',', 0)
}

// ParseComma parses an amount in the form written by FormatComma and
// returns it in cents. The input must match ^[0-9]+,[0-9]{2}$; the rules
// are otherwise those of ParseDecimal: leading zeros are accepted, signs
// and any other character are rejected with ErrSyntax, and a value above
// math.MaxInt64 cents is rejected with ErrRange.
func ParseComma(s string) (int64, error) {
	return parse("ParseComma", s, ',', 0)
}
