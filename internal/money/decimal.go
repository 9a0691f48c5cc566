package money

// FormatDecimal returns cents in the XSD stAmount form used on the pagoPA
// wire: ASCII digits, a dot and exactly two decimals, without grouping,
// e.g. "16.00", "0.05", "1020.99".
//
// A negative amount is written with a leading '-', although pagoPA never
// carries negative amounts (see CheckPagoPA). Every int64 value,
// math.MinInt64 included, is formatted exactly.
func FormatDecimal(cents int64) string {
	return format(cents, '.', 0)
}

// ParseDecimal parses an amount in the form written by FormatDecimal and
// returns it in cents. The input must match ^[0-9]+\.[0-9]{2}$: one or
// more ASCII digits, a dot, exactly two ASCII digits. Signs, spaces,
// grouping and any other character are rejected with ErrSyntax, so
// negative amounts cannot be parsed.
//
// Leading zeros such as "016.00" are accepted, as the XSD decimal type
// allows them. A value above math.MaxInt64 cents is rejected with
// ErrRange.
//
// ParseDecimal does not allocate unless it returns an error.
func ParseDecimal(s string) (int64, error) {
	return parse("ParseDecimal", s, '.', 0)
}
