package pdf

import (
	"math"
	"slices"
	"strconv"
)

// maxNum bounds the numbers written into content streams: larger values
// are clamped, far beyond any page size yet well inside every reader's
// range for reals.
const maxNum = 1e9

// appendNum appends v rounded to at most three decimals, without trailing
// zeros or exponent: 1, 0.5, -12.345. NaN is written as 0 and values beyond
// ±maxNum are clamped.
func appendNum(b []byte, v float64) []byte {
	switch {
	case v != v: // NaN
		v = 0
	case v > maxNum:
		v = maxNum
	case v < -maxNum:
		v = -maxNum
	}
	sign := 0
	if v < 0 {
		v, sign = -v, 1
	}
	n := uint64(math.Round(v * 1000)) // at most 10¹², no overflow
	if n == 0 {
		return append(b, '0')
	}
	ip, frac := n/1000, n%1000
	digits := 1
	for t := ip; t >= 10; t /= 10 {
		digits++
	}
	size := sign + digits
	if frac != 0 {
		size += 4
	}
	// Write the digits in place, from the end.
	b = slices.Grow(b, size)
	o := len(b)
	b = b[:o+size]
	i := o + size
	if frac != 0 {
		b[i-3], b[i-2], b[i-1] = byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10)
		b[i-4] = '.'
		i -= 4
	}
	for {
		i--
		b[i] = byte('0' + ip%10)
		ip /= 10
		if ip == 0 {
			break
		}
	}
	if sign == 1 {
		b[o] = '-'
	}
	// Trim the trailing zeros of the fraction.
	for frac != 0 && frac%10 == 0 {
		b = b[:len(b)-1]
		frac /= 10
	}
	return b
}

// colorNum holds the text of c/255 for every colour component c.
var colorNum = func() (t [256]string) {
	for i := range t {
		t[i] = string(appendNum(nil, float64(i)/255))
	}
	return t
}()

const hexDigits = "0123456789ABCDEF"

// appendHex16 appends v as four upper-case hexadecimal digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// appendInt appends the decimal form of n.
func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }
