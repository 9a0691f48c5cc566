package taxcode

// Length of a personal codice fiscale.
const personLen = 16

// layout gives the class of each character of a personal code:
// 'A' letter, '9' digit or omocodia letter, 'M' month letter.
const layout = "AAAAAA99M99A999A"

// monthLetters are the letters for January to December.
const monthLetters = "ABCDEHLMPRST"

// omocodeLetters[d] replaces digit d under omocodia.
const omocodeLetters = "LMNPQRSTUV"

// omocodePos lists the 0-based positions where omocodia may replace a
// digit, in the order the replacements are made.
var omocodePos = [...]int{14, 13, 12, 10, 9, 7, 6}

// oddValue[k] is the value of the k-th letter (or of digit k) at an odd
// 1-based position in the check character computation. At even
// positions the value is k itself.
var oddValue = [26]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // A-J, 0-9
	2, 4, 18, 20, 11, 3, 6, 8, 12, 14, // K-T
	16, 10, 22, 25, 24, 23, // U-Z
}

// ValidatePerson reports whether s is a valid 16-character codice
// fiscale of a natural person, omocodia included. Letters may be in
// either case.
//
// It returns nil or an *Error wrapping, for the first failed rule in
// this order: ErrLength; ErrSyntax or ErrMonth for the first character,
// from the left, not allowed at its position; ErrDay; ErrCheck.
// The day is checked to be in 1-31 (41-71 for women) but not against
// the month, and the place of birth is not checked against any list.
func ValidatePerson(s string) error {
	if len(s) != personLen {
		return errAt(0, ErrLength)
	}
	if err := checkFields(s); err != nil {
		return err
	}
	if upper(s[15]) != checkChar(s) {
		return errAt(16, ErrCheck)
	}
	return nil
}

// CheckChar returns the check character, an upper-case letter, of the
// personal codice fiscale whose first 15 characters are first15.
//
// first15 must pass the same checks as in ValidatePerson, except for
// the check character itself; otherwise CheckChar returns an *Error.
func CheckChar(first15 string) (byte, error) {
	if len(first15) != personLen-1 {
		return 0, errAt(0, ErrLength)
	}
	if err := checkFields(first15); err != nil {
		return 0, err
	}
	return checkChar(first15), nil
}

// Base returns the base form of the personal codice fiscale s: with the
// letters that omocodia put in the numeric positions turned back into
// digits, the check character recomputed, and all letters in upper case.
// For a code without omocodia it returns s in upper case.
//
// s must be valid as defined by ValidatePerson; otherwise Base returns
// "" and the error from ValidatePerson.
func Base(s string) (string, error) {
	if err := ValidatePerson(s); err != nil {
		return "", err
	}
	var b [personLen]byte
	for i := range b {
		b[i] = upper(s[i])
	}
	for _, i := range omocodePos {
		if isLetter(b[i]) {
			d, _ := omocodeDigit(b[i])
			b[i] = '0' + d
		}
	}
	b[15] = checkChar(string(b[:15]))
	return string(b[:]), nil
}

// IsOmocode reports whether s is a valid personal codice fiscale (as
// defined by ValidatePerson) with at least one numeric position holding
// an omocodia letter.
func IsOmocode(s string) bool {
	if ValidatePerson(s) != nil {
		return false
	}
	for _, i := range omocodePos {
		if isLetter(upper(s[i])) {
			return true
		}
	}
	return false
}

// checkFields checks the first 15 or 16 characters of s against layout,
// then the day of birth.
func checkFields(s string) error {
	for i := 0; i < len(s); i++ {
		c := upper(s[i])
		switch layout[i] {
		case 'A':
			if !isLetter(c) {
				return errAt(i+1, ErrSyntax)
			}
		case '9':
			if _, ok := omocodeDigit(c); !ok {
				return errAt(i+1, ErrSyntax)
			}
		case 'M':
			if !isMonth(c) {
				return errAt(i+1, ErrMonth)
			}
		}
	}
	d1, _ := omocodeDigit(upper(s[9]))
	d2, _ := omocodeDigit(upper(s[10]))
	day := int(d1)*10 + int(d2)
	if day > 40 { // women
		day -= 40
	}
	if day < 1 || day > 31 {
		return errAt(10, ErrDay)
	}
	return nil
}

// checkChar computes the check character of the valid first 15
// characters of s.
func checkChar(s string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := upper(s[i])
		k := int(c - 'A')
		if isDigit(c) {
			k = int(c - '0')
		}
		if i%2 == 0 { // odd 1-based position
			sum += oddValue[k]
		} else {
			sum += k
		}
	}
	return 'A' + byte(sum%26)
}

// omocodeDigit returns the digit c stands for in a numeric position:
// c itself if a digit, or the digit an omocodia letter replaced.
// c must be upper-case.
func omocodeDigit(c byte) (byte, bool) {
	if isDigit(c) {
		return c - '0', true
	}
	for d := 0; d < len(omocodeLetters); d++ {
		if omocodeLetters[d] == c {
			return byte(d), true
		}
	}
	return 0, false
}

func isMonth(c byte) bool {
	for i := 0; i < len(monthLetters); i++ {
		if monthLetters[i] == c {
			return true
		}
	}
	return false
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
