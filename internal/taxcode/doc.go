// Package taxcode validates Italian tax codes: the codice fiscale of
// natural persons, the 11-digit numeric codice fiscale of legal entities
// (also used for provisional personal codes) and the partita IVA (VAT
// number).
//
// A personal codice fiscale has 16 characters:
//
//	RSS MRA 80 A 01 H501 U
//	│   │   │  │ │  │    └ check character
//	│   │   │  │ │  └ place of birth: a letter and three digits (Z for foreign states)
//	│   │   │  │ └ day of birth, plus 40 for women: 01-31 or 41-71
//	│   │   │  └ month of birth: ABCDEHLMPRST for January to December
//	│   │   └ year of birth
//	│   └ three letters from the given name
//	└ three letters from the surname
//
// To tell apart people who would otherwise get the same code (omocodia),
// the Agenzia delle Entrate replaces digits with letters (0-9 become
// LMNPQRSTUV) in the seven numeric positions, starting from the rightmost,
// and recomputes the check character. Validation accepts such letters in
// any of those positions; Base maps them back to digits.
//
// Numeric codes and partite IVA have 11 digits, the last being a Luhn
// check digit over the first ten.
//
// Input is case-insensitive: lower-case letters are read as upper-case.
// Apart from that, input is never normalised: spaces and other
// separators are errors.
//
// Failures are reported as *Error values, which wrap one of the sentinel
// errors and give the position of the offending character. A tax code is
// personal data, so the errors never contain the input.
package taxcode
