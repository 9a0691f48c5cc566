package notice

import (
	"errors"
	"strconv"
)

// Length is the length of a notice number (numero avviso, NAV) in digits.
const Length = 18

// printedLength is the length of the printed form "3020 0000 0000 0001 84".
const printedLength = 22

// ErrNotApplicable reports a code given for an aux digit that has no such
// part (an application code with aux digit 3, say).
var ErrNotApplicable = errors.New("notice: not applicable to this aux digit")

// Number is a notice number (numero avviso, NAV): the 18-digit code printed
// on a pagoPA payment notice and sent by the Nodo as qrCode/noticeNumber.
//
// Its layout depends on the first digit, the aux digit (SACI 3.0.0,
// Tabella 2):
//
//	aux 0: 0 + application code (2) + IUV base (13) + check digits (2)
//	aux 1: 1 + IUV base (17)
//	aux 2: 2 + IUV base (15) + check digits (2)
//	aux 3: 3 + segregation code (2) + IUV base (13) + check digits (2)
//
// The check digits are the first 16 digits taken as a number, modulo 93.
// SACI 3.0.0 deprecates aux digits 0, 1 and 2; aux 3 is the norm.
//
// The zero Number is not a valid notice number; get one from Parse,
// ParseLenient, Build, FromIUV or a Generator.
type Number struct {
	code    string
	checkOK bool
}

// Parts are the components of a notice number. Build assembles them and
// Number.Parts returns them; a part the aux digit does not have is empty.
type Parts struct {
	// AuxDigit is 0, 1, 2 or 3.
	AuxDigit int
	// ApplicationCode is the 2-digit application code (aux digit 0 only).
	ApplicationCode string
	// SegregationCode is the 2-digit segregation code (aux digit 3 only).
	SegregationCode string
	// Base is the IUV base: 13 digits for aux 0 and 3, 17 for aux 1 and
	// 15 for aux 2.
	Base string
}

// Parse parses a notice number in its 18-digit form or in its printed form
// of groups of four ("3020 0000 0000 0001 84"), and verifies its check
// digits. Errors are *FieldError values wrapping ErrLength, ErrDigits,
// ErrAuxDigit or ErrCheckDigit.
//
// Parse of the 18-digit form does not allocate.
func Parse(s string) (Number, error) {
	n, err := ParseLenient(s)
	if err != nil {
		return Number{}, err
	}
	if !n.checkOK {
		return Number{}, fieldErr("notice_number", s, ErrCheckDigit)
	}
	return n, nil
}

// ParseLenient is like Parse but accepts a notice number whose check digits
// are wrong, reporting it through CheckDigitValid. Use it for numbers
// received from the Nodo and for official samples, many of which carry
// wrong check digits. The stand-in probe "000000000000000000" parses.
func ParseLenient(s string) (Number, error) {
	switch len(s) {
	case Length:
	case printedLength:
		c, ok := compactPrinted(s)
		if !ok {
			return Number{}, fieldErr("notice_number", s, ErrSyntax)
		}
		s = c
	default:
		return Number{}, fieldErr("notice_number", s, ErrLength)
	}
	if !allDigits(s) {
		return Number{}, fieldErr("notice_number", s, ErrDigits)
	}
	if s[0] > '3' {
		return Number{}, fieldErr("notice_number", s, ErrAuxDigit)
	}
	ok := true
	if s[0] != '1' {
		c1, c2 := checkDigits(s[:16])
		ok = s[16] == c1 && s[17] == c2
	}
	return Number{code: s, checkOK: ok}, nil
}

// compactPrinted turns "3020 0000 0000 0001 84" into its 18 digits.
func compactPrinted(s string) (string, bool) {
	var b [Length]byte
	j := 0
	for i := 0; i < len(s); i++ {
		if i%5 == 4 {
			if s[i] != ' ' {
				return "", false
			}
			continue
		}
		b[j] = s[i]
		j++
	}
	return string(b[:]), true
}

// Build assembles a notice number from its parts, computing the check
// digits. It rejects parts of the wrong length, non-digits and parts that
// the aux digit does not have.
func Build(p Parts) (Number, error) {
	var prefix string
	switch p.AuxDigit {
	case 0:
		if err := checkCode("application_code", p.ApplicationCode); err != nil {
			return Number{}, err
		}
		if p.SegregationCode != "" {
			return Number{}, fieldErr("segregation_code", p.SegregationCode, ErrNotApplicable)
		}
		prefix = "0" + p.ApplicationCode
	case 3:
		if err := checkCode("segregation_code", p.SegregationCode); err != nil {
			return Number{}, err
		}
		if p.ApplicationCode != "" {
			return Number{}, fieldErr("application_code", p.ApplicationCode, ErrNotApplicable)
		}
		prefix = "3" + p.SegregationCode
	case 1, 2:
		if p.ApplicationCode != "" {
			return Number{}, fieldErr("application_code", p.ApplicationCode, ErrNotApplicable)
		}
		if p.SegregationCode != "" {
			return Number{}, fieldErr("segregation_code", p.SegregationCode, ErrNotApplicable)
		}
		prefix = strconv.Itoa(p.AuxDigit)
	default:
		return Number{}, fieldErr("aux_digit", strconv.Itoa(p.AuxDigit), ErrAuxDigit)
	}
	want := baseLen(p.AuxDigit)
	if p.Base == "" {
		return Number{}, fieldErr("iuv_base", "", ErrMissing)
	}
	if len(p.Base) != want {
		return Number{}, fieldErr("iuv_base", p.Base, ErrLength)
	}
	if !allDigits(p.Base) {
		return Number{}, fieldErr("iuv_base", p.Base, ErrDigits)
	}
	code := prefix + p.Base
	if p.AuxDigit != 1 {
		c1, c2 := checkDigits(code)
		code += string([]byte{c1, c2})
	}
	return Number{code: code, checkOK: true}, nil
}

// FromIUV returns the notice number of an IUV (the creditorReferenceId)
// for a station with the given aux digit. applicationCode is required for
// aux digit 0 and must be empty otherwise. The IUV must be 15 digits for
// aux 0 and 17 for the others; the check digits are verified.
func FromIUV(auxDigit int, applicationCode, iuv string) (Number, error) {
	var code string
	switch auxDigit {
	case 0:
		if err := checkCode("application_code", applicationCode); err != nil {
			return Number{}, err
		}
		if len(iuv) != 15 {
			return Number{}, fieldErr("iuv", iuv, ErrLength)
		}
		code = "0" + applicationCode + iuv
	case 1, 2, 3:
		if applicationCode != "" {
			return Number{}, fieldErr("application_code", applicationCode, ErrNotApplicable)
		}
		if len(iuv) != 17 {
			return Number{}, fieldErr("iuv", iuv, ErrLength)
		}
		code = strconv.Itoa(auxDigit) + iuv
	default:
		return Number{}, fieldErr("aux_digit", strconv.Itoa(auxDigit), ErrAuxDigit)
	}
	if !allDigits(code) {
		return Number{}, fieldErr("iuv", iuv, ErrDigits)
	}
	return Parse(code)
}

func checkCode(field, v string) error {
	switch {
	case v == "":
		return fieldErr(field, "", ErrMissing)
	case len(v) != 2:
		return fieldErr(field, v, ErrLength)
	case !allDigits(v):
		return fieldErr(field, v, ErrDigits)
	}
	return nil
}

// String returns the 18-digit notice number, or "" for the zero Number.
func (n Number) String() string { return n.code }

// IsZero reports whether n is the zero Number (not a parsed one).
func (n Number) IsZero() bool { return n.code == "" }

// IsStandInProbe reports whether n is "000000000000000000", the number the
// Nodo uses to probe a station during stand-in; the station must answer it
// with PAA_PAGAMENTO_SCONOSCIUTO.
func (n Number) IsStandInProbe() bool { return n.code == "000000000000000000" }

// AuxDigit returns the aux digit (0 to 3), or -1 for the zero Number.
func (n Number) AuxDigit() int {
	if n.code == "" {
		return -1
	}
	return int(n.code[0] - '0')
}

// ApplicationCode returns the application code (aux digit 0), or "".
func (n Number) ApplicationCode() string {
	if n.AuxDigit() != 0 {
		return ""
	}
	return n.code[1:3]
}

// SegregationCode returns the segregation code (aux digit 3), or "".
func (n Number) SegregationCode() string {
	if n.AuxDigit() != 3 {
		return ""
	}
	return n.code[1:3]
}

// IUVBase returns the IUV base (13, 15 or 17 digits), or "".
func (n Number) IUVBase() string {
	switch n.AuxDigit() {
	case 0, 3:
		return n.code[3:16]
	case 1:
		return n.code[1:]
	case 2:
		return n.code[1:16]
	}
	return ""
}

// IUV returns the Identificativo Univoco di Versamento, sent to and by the
// Nodo as creditorReferenceId: the notice number without the aux digit
// (and without the application code for aux digit 0).
func (n Number) IUV() string {
	switch n.AuxDigit() {
	case 0:
		return n.code[3:]
	case 1, 2, 3:
		return n.code[1:]
	}
	return ""
}

// CheckDigit returns the two check digits, or "" for aux digit 1, which
// has none.
func (n Number) CheckDigit() string {
	switch n.AuxDigit() {
	case 0, 2, 3:
		return n.code[16:]
	}
	return ""
}

// CheckDigitValid reports whether the check digits match the rest of the
// number. It is true for aux digit 1, which has no check digits, and can
// be false only for a Number from ParseLenient.
func (n Number) CheckDigitValid() bool { return n.checkOK }

// Parts returns the components of n.
func (n Number) Parts() Parts {
	return Parts{
		AuxDigit:        n.AuxDigit(),
		ApplicationCode: n.ApplicationCode(),
		SegregationCode: n.SegregationCode(),
		Base:            n.IUVBase(),
	}
}

// Format returns the printed form: groups of four digits separated by a
// space, 22 characters ("3020 0000 0000 0001 84").
func (n Number) Format() string {
	if n.code == "" {
		return ""
	}
	return group(n.code)
}

// MarshalText implements encoding.TextMarshaler.
func (n Number) MarshalText() ([]byte, error) { return []byte(n.code), nil }

// UnmarshalText implements encoding.TextUnmarshaler with the rules of Parse.
func (n *Number) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// checkDigits returns the two check digits of a 16-digit prefix: the prefix
// as a number modulo 93. Sixteen digits fit a uint64.
func checkDigits(prefix string) (byte, byte) {
	var v uint64
	for i := 0; i < len(prefix); i++ {
		v = v*10 + uint64(prefix[i]-'0')
	}
	r := byte(v % 93)
	return '0' + r/10, '0' + r%10
}

func baseLen(aux int) int {
	switch aux {
	case 1:
		return 17
	case 2:
		return 15
	}
	return 13
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// group inserts a space after every fourth character.
func group(s string) string {
	b := make([]byte, 0, len(s)+len(s)/4)
	for i := 0; i < len(s); i++ {
		if i > 0 && i%4 == 0 {
			b = append(b, ' ')
		}
		b = append(b, s[i])
	}
	return string(b)
}
