package notice

import (
	"strings"
	"unicode/utf8"
)

// translit maps the non-ASCII letters found in Italian, German, French,
// Slovenian and Spanish names to ASCII. Accented vowels of Italian take an
// apostrophe, the usual way of writing them without accents ("NICCOLO'").
var translit = map[rune]string{
	'à': "a'", 'è': "e'", 'é': "e'", 'ì': "i'", 'ò': "o'", 'ù': "u'",
	'À': "A'", 'È': "E'", 'É': "E'", 'Ì': "I'", 'Ò': "O'", 'Ù': "U'",
	'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'í': "i", 'î': "i", 'ï': "i",
	'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ú': "u", 'û': "u", 'ü': "u", 'ê': "e", 'ë': "e",
	'Á': "A", 'Â': "A", 'Ä': "A", 'Ã': "A", 'Å': "A", 'Í': "I", 'Î': "I", 'Ï': "I",
	'Ó': "O", 'Ô': "O", 'Ö': "O", 'Õ': "O", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ê': "E", 'Ë': "E",
	'ç': "c", 'Ç': "C", 'ñ': "n", 'Ñ': "N", 'ß': "ss", 'ý': "y", 'ÿ': "y", 'Ý': "Y",
	'č': "c", 'Č': "C", 'š': "s", 'Š': "S", 'ž': "z", 'Ž': "Z", 'ć': "c", 'Ć': "C", 'đ': "d", 'Đ': "D",
	'’': "'", '‘': "'", '“': "\"", '”': "\"", '–': "-", '—': "-", '€': "EUR", '·': "-",
}

// asciiField transliterates s to printable ASCII and checks that the result
// fits width characters. The value is left out of errors: these fields
// hold personal data.
func asciiField(field, s string, width int) (string, error) {
	if !utf8.ValidString(s) {
		return "", fieldErr(field, "", ErrCharset)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			b.WriteRune(r)
		case translit[r] != "":
			b.WriteString(translit[r])
		default:
			return "", fieldErr(field, "", ErrCharset)
		}
		if b.Len() > width {
			return "", fieldErr(field, "", ErrTooLong)
		}
	}
	return b.String(), nil
}
