package noticepdf

import (
	"errors"
	"unicode/utf8"

	"github.com/pagokit/pagokit/notice"
)

// fitDataMatrix shortens the debtor's name and the subject when, once
// transliterated to ASCII, they exceed the 40 and 110 characters of the
// Poste record (the printed texts stay whole), and returns the payload.
func fitDataMatrix(dm *notice.DataMatrix) (string, error) {
	dm.DebtorName = firstRunes(dm.DebtorName, 40)
	dm.Subject = firstRunes(dm.Subject, 110)
	for range 100 {
		p, err := dm.Payload()
		if err == nil {
			return p, nil
		}
		var fe *notice.FieldError
		if !errors.As(err, &fe) || !errors.Is(err, notice.ErrTooLong) {
			return "", err
		}
		switch fe.Field {
		case "debtor_name":
			dm.DebtorName = dropLastRune(dm.DebtorName)
		case "subject":
			dm.Subject = dropLastRune(dm.Subject)
		default:
			return "", err
		}
	}
	return "", notice.ErrTooLong
}

// dataMatrixModules returns the symbol and the payload of dm.
func dataMatrixModules(dm notice.DataMatrix) ([][]bool, string, error) {
	p, err := fitDataMatrix(&dm)
	if err != nil {
		return nil, "", err
	}
	m, err := dm.Modules()
	return m, p, err
}

func dropLastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[:len(s)-size]
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
