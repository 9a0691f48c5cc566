package money

// MaxPagoPA is the largest amount, in cents, that pagoPA accepts:
// 999.999.999,99 euro, the maxInclusive of the stAmount XSD type
// (pattern \d+\.\d{2}) used by the pagoPA node interfaces.
const MaxPagoPA int64 = 99_999_999_999

// CheckPagoPA reports whether cents is an amount pagoPA can carry. It
// returns an *Error wrapping ErrNotPositive when cents is zero or
// negative, or ErrTooLarge when cents exceeds MaxPagoPA, and nil
// otherwise. The error's Input is the amount as written by FormatDecimal.
func CheckPagoPA(cents int64) error {
	switch {
	case cents <= 0:
		return &Error{Func: "CheckPagoPA", Input: FormatDecimal(cents), Err: ErrNotPositive}
	case cents > MaxPagoPA:
		return &Error{Func: "CheckPagoPA", Input: FormatDecimal(cents), Err: ErrTooLarge}
	}
	return nil
}
