package money

// FormatItalian returns cents in the Italian printed form: dot thousands
// grouping, a decimal comma and exactly two decimals, e.g. "16,00",
// "0,05", "1.020,99", "999.999.999,99". A negative amount is written
// with a leading '-'.
func FormatItalian(cents int64) string {
	return format(cents, ',', '.')
}

// ParseItalian parses an amount in the form written by FormatItalian and
// returns it in cents.
//
// Only the canonical grouped form is accepted: the integer part is "0"
// or has no leading zero, its first group has one to three digits and
// every further group is a dot followed by exactly three digits. So
// "1.020,99" is accepted while "1020,99" (ungrouped; use ParseComma for
// it), "01.020,99", "1.02,99", "10.20,99", "1..020,99" and "1.020,9"
// are rejected with ErrSyntax. As a consequence, ParseItalian accepts a
// string exactly when FormatItalian would produce it for a non-negative
// amount. A value above math.MaxInt64 cents is rejected with ErrRange.
func ParseItalian(s string) (int64, error) {
	return parse("ParseItalian", s, ',', '.')
}

// FormatEnglish returns cents in the English printed form, used on
// English-language notices: comma thousands grouping, a decimal dot and
// exactly two decimals, e.g. "16.00", "1,020.99". A negative amount is
// written with a leading '-'.
func FormatEnglish(cents int64) string {
	return format(cents, '.', ',')
}
