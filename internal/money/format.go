package money

// format renders cents with two decimals after point. When sep is not
// zero, the integer part is grouped by thousands with sep. A negative
// value gets a leading '-'.
func format(cents int64, point, sep byte) string {
	// 20 digits, 6 separators, point and sign fit easily.
	var buf [32]byte
	i := len(buf)

	// Work on the magnitude as uint64: this is exact even for
	// math.MinInt64, whose negation does not fit in an int64.
	u := uint64(cents)
	if cents < 0 {
		u = -u
	}

	i--
	buf[i] = byte('0' + u%10)
	u /= 10
	i--
	buf[i] = byte('0' + u%10)
	u /= 10
	i--
	buf[i] = point

	for n := 0; ; n++ {
		if sep != 0 && n > 0 && n%3 == 0 {
			i--
			buf[i] = sep
		}
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}

	if cents < 0 {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
