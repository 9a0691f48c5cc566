package money

import "math"

// parse converts s to cents. s must be well formed as described by
// wellFormed. A syntax error takes precedence over an out of range value.
func parse(fn, s string, point, sep byte) (int64, error) {
	if !wellFormed(s, point, sep) {
		return 0, &Error{Func: fn, Input: s, Err: ErrSyntax}
	}
	// The digits of s, read in order and ignoring point and separators,
	// spell the amount in cents.
	const max = uint64(math.MaxInt64)
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			continue
		}
		d := uint64(c - '0')
		if v > (max-d)/10 {
			return 0, &Error{Func: fn, Input: s, Err: ErrRange}
		}
		v = v*10 + d
	}
	return int64(v), nil
}

// wellFormed reports whether s consists of an integer part, the byte
// point and exactly two ASCII digits.
//
// When sep is zero the integer part is one or more ASCII digits, leading
// zeros allowed. Otherwise it must be grouped by thousands with sep in
// canonical form: either "0", or a first group of one to three digits
// not starting with '0' followed by any number of groups made of sep and
// exactly three digits.
func wellFormed(s string, point, sep byte) bool {
	n := len(s)
	if n < 4 || s[n-3] != point || !isDigit(s[n-2]) || !isDigit(s[n-1]) {
		return false
	}
	ip := s[:n-3] // not empty
	if sep == 0 {
		for i := 0; i < len(ip); i++ {
			if !isDigit(ip[i]) {
				return false
			}
		}
		return true
	}
	if ip[0] == '0' {
		return len(ip) == 1
	}
	i := 0
	for i < len(ip) && isDigit(ip[i]) {
		i++
	}
	if i == 0 || i > 3 {
		return false
	}
	for i < len(ip) {
		if ip[i] != sep || len(ip)-i < 4 {
			return false
		}
		for j := i + 1; j < i+4; j++ {
			if !isDigit(ip[j]) {
				return false
			}
		}
		i += 4
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
