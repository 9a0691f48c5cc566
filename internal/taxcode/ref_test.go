package taxcode

import (
	"regexp"
	"strings"
)

// This file is a reference implementation of the rules, written
// independently of the package code and as literally as possible from
// the research sheet, for the property and fuzz tests.

var refPersonRE = regexp.MustCompile(`^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$`)

var refNumericRE = regexp.MustCompile(`^[0-9]{11}$`)

// refOdd is the table for odd 1-based positions.
var refOdd = map[byte]int{
	'0': 1, 'A': 1, '1': 0, 'B': 0, '2': 5, 'C': 5, '3': 7, 'D': 7,
	'4': 9, 'E': 9, '5': 13, 'F': 13, '6': 15, 'G': 15, '7': 17, 'H': 17,
	'8': 19, 'I': 19, '9': 21, 'J': 21, 'K': 2, 'L': 4, 'M': 18, 'N': 20,
	'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14, 'U': 16, 'V': 10,
	'W': 22, 'X': 25, 'Y': 24, 'Z': 23,
}

// refEven is the table for even 1-based positions.
var refEven = map[byte]int{
	'0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
	'A': 0, 'B': 1, 'C': 2, 'D': 3, 'E': 4, 'F': 5, 'G': 6, 'H': 7, 'I': 8,
	'J': 9, 'K': 10, 'L': 11, 'M': 12, 'N': 13, 'O': 14, 'P': 15, 'Q': 16,
	'R': 17, 'S': 18, 'T': 19, 'U': 20, 'V': 21, 'W': 22, 'X': 23, 'Y': 24, 'Z': 25,
}

// refOmocode maps a digit to its omocodia letter, and refDeomocode back.
var refOmocode = map[byte]byte{
	'0': 'L', '1': 'M', '2': 'N', '3': 'P', '4': 'Q',
	'5': 'R', '6': 'S', '7': 'T', '8': 'U', '9': 'V',
}

var refDeomocode = map[byte]byte{
	'L': '0', 'M': '1', 'N': '2', 'P': '3', 'Q': '4',
	'R': '5', 'S': '6', 'T': '7', 'U': '8', 'V': '9',
}

// refOmocodePositions are the 0-based numeric positions, rightmost first.
var refOmocodePositions = []int{14, 13, 12, 10, 9, 7, 6}

// refUpper upper-cases ASCII letters only, byte by byte.
func refUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// refCheckChar computes the check character of 15 upper-case characters.
func refCheckChar(first15 string) byte {
	sum := 0
	for pos := 1; pos <= 15; pos++ {
		c := first15[pos-1]
		if pos%2 == 1 {
			sum += refOdd[c]
		} else {
			sum += refEven[c]
		}
	}
	return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[sum%26]
}

// refBase undoes omocodia and recomputes the check character.
func refBase(code string) string {
	b := []byte(refUpper(code))
	for _, p := range refOmocodePositions {
		if d, ok := refDeomocode[b[p]]; ok {
			b[p] = d
		}
	}
	b[15] = refCheckChar(string(b[:15]))
	return string(b)
}

// refValidPerson reports whether s is a valid personal code.
func refValidPerson(s string) bool {
	u := refUpper(s)
	if !refPersonRE.MatchString(u) {
		return false
	}
	day := refBase(u)[9:11]
	ok := false
	for d := 1; d <= 31; d++ {
		for _, w := range []int{d, d + 40} {
			if day == strings.Repeat("0", 2-len(itoa(w)))+itoa(w) {
				ok = true
			}
		}
	}
	return ok && refCheckChar(u[:15]) == u[15]
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// refLuhnDouble[d] is 2d with its digits summed.
var refLuhnDouble = [10]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// refValidNumeric reports whether s is a valid 11-digit numeric code.
func refValidNumeric(s string) bool {
	if !refNumericRE.MatchString(s) {
		return false
	}
	// Luhn over all 11 digits: from the right, every second digit
	// (starting with the one left of the check digit) is doubled; the
	// total must be a multiple of 10.
	sum := 0
	for i := 0; i < 11; i++ {
		d := int(s[10-i] - '0')
		if i%2 == 1 {
			d = refLuhnDouble[d]
		}
		sum += d
	}
	return sum%10 == 0
}
