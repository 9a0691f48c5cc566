package receipt

import (
	"encoding/base64"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Rome on machines without a zone database
)

// rome is Europe/Rome, the zone of date-times written without one.
var rome = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil { // cannot happen: the zone database is embedded
		return time.FixedZone("CET", 3600)
	}
	return loc
})

// maxAmount is the maxInclusive of stAmount and stImporto,
// 999999999.99 euro.
const maxAmount int64 = 99_999_999_999

// parseAmount reads an amount of the XSD types stAmount and stImporto
// (pattern \d+\.\d{2}: ASCII digits, a point, exactly two digits; no
// sign, exponent or comma) into cents. It refuses more than 16 digits
// before the point (after leading zeros), which no int64 holds safely;
// values above maxAmount are read and left to the caller to flag.
func parseAmount(s string) (int64, bool) {
	n := len(s)
	if n < 4 || s[n-3] != '.' || !isDigit(s[n-2]) || !isDigit(s[n-1]) {
		return 0, false
	}
	ip := s[:n-3]
	for len(ip) > 1 && ip[0] == '0' {
		ip = ip[1:]
	}
	if len(ip) > 16 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(ip); i++ {
		if !isDigit(ip[i]) {
			return 0, false
		}
		v = v*10 + int64(ip[i]-'0')
	}
	return v*100 + int64(s[n-2]-'0')*10 + int64(s[n-1]-'0'), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits reads s[i:i+n], n ASCII digits, as a number.
func digits(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// parseYMD reads YYYY-MM-DD at the start of s (a four-digit year) and
// checks the day against the month.
func parseYMD(s string) (Date, bool) {
	y, ok1 := digits(s, 0, 4)
	m, ok2 := digits(s, 5, 2)
	d, ok3 := digits(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, false
	}
	return Date{y, time.Month(m), d}, true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseZone reads an xs timezone: Z, or +hh:mm / -hh:mm up to 14:00.
// It returns the offset in seconds.
func parseZone(s string) (int, bool) {
	if s == "Z" {
		return 0, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	h, ok1 := digits(s, 1, 2)
	m, ok2 := digits(s, 4, 2)
	if !ok1 || !ok2 || m > 59 || h > 14 || h == 14 && m != 0 {
		return 0, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// parseDate reads an xs:date with a four-digit year, YYYY-MM-DD. A
// timezone after it is allowed by xs:date and ignored: a Date is a day
// in the calendar.
func parseDate(s string) (Date, bool) {
	if len(s) < 10 {
		return Date{}, false
	}
	d, ok := parseYMD(s)
	if !ok {
		return Date{}, false
	}
	if len(s) > 10 {
		if _, ok := parseZone(s[10:]); !ok {
			return Date{}, false
		}
	}
	return d, true
}

// parseDateTime reads an xs:dateTime with a four-digit year,
// YYYY-MM-DDThh:mm:ss with optional fractional seconds (kept to the
// nanosecond) and an optional timezone. With a timezone the time keeps
// that offset (UTC for Z); without one it is Italian time, Europe/Rome.
// 24:00:00 is the midnight that ends the day, as XML Schema reads it.
func parseDateTime(s string) (time.Time, bool) {
	if len(s) < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	d, ok := parseYMD(s)
	if !ok {
		return time.Time{}, false
	}
	hh, ok1 := digits(s, 11, 2)
	mm, ok2 := digits(s, 14, 2)
	ss, ok3 := digits(s, 17, 2)
	if !ok1 || !ok2 || !ok3 || mm > 59 || ss > 59 || hh > 24 {
		return time.Time{}, false
	}
	rest := s[19:]
	ns := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		scale := 100_000_000
		for i < len(rest) && isDigit(rest[i]) {
			ns += int(rest[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == 1 {
			return time.Time{}, false
		}
		rest = rest[i:]
	}
	if hh == 24 && (mm != 0 || ss != 0 || ns != 0) {
		return time.Time{}, false
	}
	loc := rome()
	if rest != "" {
		off, ok := parseZone(rest)
		if !ok {
			return time.Time{}, false
		}
		if rest == "Z" {
			loc = time.UTC
		} else {
			loc = time.FixedZone("", off)
		}
	}
	return time.Date(d.Year, d.Month, d.Day, hh, mm, ss, ns, loc), true
}

// parseBool reads an xs:boolean: true, false, 1 or 0.
func parseBool(s string) (v, ok bool) {
	switch s {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// decodeBase64 decodes an xs:base64Binary value: standard alphabet,
// padded, with white space anywhere ignored.
func decodeBase64(s string) ([]byte, bool) {
	var buf [1024]byte
	src := buf[:0]
	if len(s) > len(buf) {
		src = make([]byte, 0, len(s))
	}
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '\t') < 0 {
		src = append(src, s...) // the decoder skips line breaks itself
	} else {
		for i := 0; i < len(s); i++ {
			if !isSpace(s[i]) {
				src = append(src, s[i])
			}
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(src)))
	n, err := base64.StdEncoding.Decode(out, src)
	if err != nil {
		return nil, false
	}
	return out[:n], true
}
