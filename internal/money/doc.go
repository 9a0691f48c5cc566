// Package money converts amounts expressed in integer euro cents to and
// from the textual forms used by pagoPA and by printed payment notices.
//
// It is the only place in the SDK where such conversions happen: every
// other package carries amounts as int64 cents and never as float64.
//
// Four textual forms are supported:
//
//   - decimal (FormatDecimal, ParseDecimal): the XSD stAmount form used on
//     the wire, e.g. "1020.99";
//   - comma (FormatComma, ParseComma): the same with a decimal comma,
//     e.g. "1020,99";
//   - Italian (FormatItalian, ParseItalian): the printed form with dot
//     thousands grouping, e.g. "1.020,99";
//   - English (FormatEnglish): the printed form used on English-language
//     notices, e.g. "1,020.99".
//
// The Parse functions are strict: they accept exactly one spelling per
// form, never a sign, never surrounding spaces, and only ASCII digits.
// They report failures as *Error values wrapping ErrSyntax or ErrRange.
//
// pagoPA only ever carries positive amounts not larger than MaxPagoPA;
// CheckPagoPA verifies that.
package money
