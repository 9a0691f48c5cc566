package soap

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pagokit/pagokit/internal/money"
)

// A kind is an XSD simple type of paForNode whose value is a Go string.
type kind uint8

const (
	kString       kind = iota // xs:string, any length
	kText16                   // stText16: 1..16 characters
	kText20                   // stText20
	kText35                   // stText35
	kText70                   // stText70
	kText140                  // stText140
	kText210                  // stText210
	kIDService                // stIdentificativoServizio and ...SoggettoServizio: 5 characters
	kEUIValue                 // stEntityUniqueIdentifierValue: 2..16 characters
	kIBAN                     // stIBAN: 1..35 characters
	kFiscalCodePA             // stFiscalCodePA: [0-9]{11}
	kNoticeNumber             // stNoticeNumber: [0-9]{18}
	kCountry                  // stNazioneProvincia: [A-Z]{2}
	kEMail                    // stEMail
	kHash72                   // stBase64Binary72: base64, .{4,72}
	kTipoBollo                // stTipoBolloDigitale: "01"
	kOutcome                  // stOutcome: OK|KO
	kEUIType                  // stEntityUniqueIdentifierType: F|G
	kTransferType             // stTransferType: POSTAL|PAGOPA
	kAmountOption             // stAmountOption: EQ|LS|GT|ANY
)

// lengths holds the minLength and maxLength of the length-restricted kinds.
var lengths = [...][2]int{
	kText16:    {1, 16},
	kText20:    {1, 20},
	kText35:    {1, 35},
	kText70:    {1, 70},
	kText140:   {1, 140},
	kText210:   {1, 210},
	kIDService: {5, 5},
	kEUIValue:  {2, 16},
	kIBAN:      {1, 35},
}

// enums holds the allowed values of the enumerated kinds.
var enums = [...][]string{
	kTipoBollo:    {"01"},
	kOutcome:      {"OK", "KO"},
	kEUIType:      {"F", "G"},
	kTransferType: {"POSTAL", "PAGOPA"},
	kAmountOption: {"EQ", "LS", "GT", "ANY"},
}

// collapses reports whether XSD collapses white space in k's values
// before checking them; only base64Binary does among the string kinds.
func (k kind) collapses() bool { return k == kHash72 }

// check reports whether s is a valid value of k.
func check(k kind, s string) error {
	switch k {
	case kString:
		return nil
	case kFiscalCodePA:
		return digits(s, 11)
	case kNoticeNumber:
		return digits(s, 18)
	case kCountry:
		if len(s) != 2 || !upper(s[0]) || !upper(s[1]) {
			return errPattern
		}
		return nil
	case kEMail:
		if utf8.RuneCountInString(s) > 256 {
			return errLength
		}
		if !isEMail(s) {
			return errPattern
		}
		return nil
	case kHash72:
		if n := utf8.RuneCountInString(s); n < 4 || n > 72 || collapse(s) != s {
			return errPattern
		}
		if _, ok := decodeBase64([]byte(s)); !ok {
			return errBase64
		}
		return nil
	case kTipoBollo, kOutcome, kEUIType, kTransferType, kAmountOption:
		for _, v := range enums[k] {
			if s == v {
				return nil
			}
		}
		return errEnum
	}
	l := lengths[k]
	if n := utf8.RuneCountInString(s); n < l[0] || n > l[1] {
		return errLength
	}
	return nil
}

func digits(s string, n int) error {
	if len(s) != n {
		return errPattern
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return errPattern
		}
	}
	return nil
}

func upper(c byte) bool { return 'A' <= c && c <= 'Z' }

func alnum(c byte) bool {
	return upper(c) || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// isEMail matches the stEMail pattern
// [a-zA-Z0-9_\.\+\-]+@[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)* (XSD patterns are
// anchored at both ends).
func isEMail(s string) bool {
	i := 0
	for i < len(s) && (alnum(s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == 0 || i == len(s) || s[i] != '@' {
		return false
	}
	// The domain: labels of [a-zA-Z0-9-]+ separated by single dots.
	label := 0
	for i++; i < len(s); i++ {
		switch c := s[i]; {
		case alnum(c) || c == '-':
			label++
		case c == '.' && label > 0:
			label = 0
		default:
			return false
		}
	}
	return label > 0
}

// isSpace reports XML white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trim removes the leading and trailing XML white space that XSD's
// whiteSpace=collapse ignores.
func trim(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// collapse applies whiteSpace=collapse: runs of white space become one
// space, leading and trailing ones are removed.
func collapse(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && isSpace(c) || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i])
	}
	return string(b)
}

// parseAmount parses an stAmount (notZero: stAmountNotZero) in cents.
func parseAmount(b []byte, notZero bool) (int64, error) {
	v, err := money.ParseDecimal(string(trim(b)))
	switch {
	case err != nil:
		return 0, errAmount
	case v > money.MaxPagoPA || notZero && v == 0:
		return 0, errAmountRange
	}
	return v, nil
}

// checkAmount reports whether cents can be written as an stAmount
// (notZero: stAmountNotZero).
func checkAmount(cents int64, notZero bool) error {
	if cents < 0 || cents > money.MaxPagoPA || notZero && cents == 0 {
		return errAmountRange
	}
	return nil
}

// parseIDTransfer parses an stIdTransfer: an xs:int from 1 to 5.
func parseIDTransfer(b []byte) (int, error) {
	n, err := strconv.Atoi(string(trim(b)))
	if err != nil || n < 1 || n > 5 {
		return 0, errIDTransfer
	}
	return n, nil
}

// parseBool parses an xs:boolean.
func parseBool(b []byte) (bool, error) {
	switch string(trim(b)) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, errBool
}

// b64 is xs:base64Binary without white space: padded, and with the unused
// bits of the last character zero.
var b64 = base64.StdEncoding.Strict()

// decodeBase64 decodes an xs:base64Binary. White space is removed first,
// in place: XSD allows single spaces between the characters once white
// space is collapsed. The result is never nil.
func decodeBase64(b []byte) ([]byte, bool) {
	j := 0
	for _, c := range b {
		if !isSpace(c) {
			b[j] = c
			j++
		}
	}
	b = b[:j]
	out := make([]byte, b64.DecodedLen(len(b)))
	n, err := b64.Decode(out, b)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}

// num reads a fixed-width unsigned decimal number.
func num(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseYMD reads YYYY-MM-DD at the start of b.
func parseYMD(b []byte) (y, m, d int, ok bool) {
	if len(b) < 10 || b[4] != '-' || b[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := num(b[0:4])
	m, ok2 := num(b[5:7])
	d, ok3 := num(b[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseZone reads an optional zone designator (the whole of b): "",
// "Z" or ±hh:mm with |offset| ≤ 14:00. It returns the offset in seconds
// and whether there was a zone.
func parseZone(b []byte) (off int, has, ok bool) {
	switch {
	case len(b) == 0:
		return 0, false, true
	case len(b) == 1 && b[0] == 'Z':
		return 0, true, true
	case len(b) != 6 || b[0] != '+' && b[0] != '-' || b[3] != ':':
		return 0, false, false
	}
	h, ok1 := num(b[1:3])
	m, ok2 := num(b[4:6])
	if !ok1 || !ok2 || h > 14 || m > 59 || h == 14 && m != 0 {
		return 0, false, false
	}
	off = h*3600 + m*60
	if b[0] == '-' {
		off = -off
	}
	return off, true, true
}

// parseDate parses an xs:date with a four-digit year. A zone designator
// is checked and dropped: the date is returned at midnight UTC.
func parseDate(b []byte) (time.Time, error) {
	b = trim(b)
	y, m, d, ok := parseYMD(b)
	if !ok {
		return time.Time{}, errDate
	}
	if _, _, ok := parseZone(b[10:]); !ok {
		return time.Time{}, errDate
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// parseDateTime parses an xs:dateTime with a four-digit year and returns
// the Italian wall clock in time.UTC (see the package documentation).
func parseDateTime(b []byte) (time.Time, error) {
	b = trim(b)
	y, mo, d, ok := parseYMD(b)
	if !ok || len(b) < 19 || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, errDateTime
	}
	h, ok1 := num(b[11:13])
	mi, ok2 := num(b[14:16])
	s, ok3 := num(b[17:19])
	if !ok1 || !ok2 || !ok3 || h > 24 || mi > 59 || s > 59 {
		return time.Time{}, errDateTime
	}
	rest := b[19:]
	ns := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
			if i <= 9 {
				ns = ns*10 + int(rest[i]-'0')
			}
			i++
		}
		if i == 1 {
			return time.Time{}, errDateTime
		}
		for j := i; j <= 9; j++ {
			ns *= 10
		}
		rest = rest[i:]
	}
	// 24:00:00 is the end of the day, with a zero fraction only.
	if h == 24 && (mi != 0 || s != 0 || ns != 0) {
		return time.Time{}, errDateTime
	}
	off, hasZone, ok := parseZone(rest)
	if !ok {
		return time.Time{}, errDateTime
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	if hasZone {
		t = italianWallClock(t.Add(-time.Duration(off) * time.Second))
	}
	if t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, errDateTime
	}
	return t, nil
}

// italianWallClock returns the civil time in Italy at the instant u, as a
// time in time.UTC whose wall clock is Italy's: UTC+1, or UTC+2 from 01:00
// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
// October (the EU rule since 1996, applied to every year).
func italianWallClock(u time.Time) time.Time {
	u = u.UTC()
	y := u.Year()
	off := time.Hour
	if !u.Before(lastSunday(y, time.March)) && u.Before(lastSunday(y, time.October)) {
		off = 2 * time.Hour
	}
	return u.Add(off)
}

// lastSunday returns 01:00 UTC on the last Sunday of month m of year y.
func lastSunday(y int, m time.Month) time.Time {
	t := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC)
	return t.AddDate(0, 0, -int(t.Weekday()))
}

// checkYear reports whether t's year can be written with four digits.
func checkYear(t time.Time, err error) error {
	if y := t.Year(); y < 1 || y > 9999 {
		return err
	}
	return nil
}
