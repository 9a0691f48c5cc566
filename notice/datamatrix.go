package notice

import (
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"

	"github.com/boombuler/barcode/datamatrix"
	"github.com/pagokit/pagokit/internal/taxcode"
)

// Poste DataMatrix layout ("Bollettino postale PA"): 256 characters, fixed
// positions, as produced by pagoPA's own notice generator.
const (
	// DataMatrixLength is the length of the Poste DataMatrix payload.
	DataMatrixLength = 256

	dmPrefix        = "codfase=NBPA;"
	dmDocType       = "896"
	dmFixed         = "1P1"
	dmTerminator    = "A"
	maxPostalDigits = 12
	maxDebtorCF     = 16
	maxDebtorName   = 40
	maxSubject      = 110
	// dmQuiet is the white margin of the rendered symbol, in modules
	// (ISO/IEC 16022 asks for at least one).
	dmQuiet = 2
)

// AnonymousDebtor is the identifier pagoPA uses for a debtor whose fiscal
// code is unknown.
const AnonymousDebtor = "ANONYMOUS"

// DataMatrix is the content of the Poste Italiane DataMatrix printed in the
// "Bollettino postale PA" section of a notice, for entes with a postal
// account. Texts are transliterated to ASCII (Italian convention: "ò"
// becomes "o'") and must then fit their fields.
type DataMatrix struct {
	// Number is the notice number; its check digits must be valid.
	Number Number
	// PostalAccount is the postal current account (conto corrente
	// postale) number: 1 to 12 digits.
	PostalAccount string
	// AmountCents is the amount in euro cents, 1 to 9.999.999.999.
	AmountCents int64
	// FiscalCode is the creditor's fiscal code: 11 digits.
	FiscalCode string
	// DebtorFiscalCode is the debtor's fiscal code, upper-cased: a valid
	// 16-character personal or 11-digit numeric codice fiscale, or
	// AnonymousDebtor or empty when unknown.
	DebtorFiscalCode string
	// DebtorName is the debtor's full name: up to 40 characters.
	DebtorName string
	// Subject is the notice subject (oggetto): up to 110 characters.
	Subject string
}

// Payload validates d and returns the 256-character DataMatrix payload:
//
//	pos  len  content
//	  0   13  "codfase=NBPA;"
//	 13    2  "18" + notice number (18)
//	 33    2  "12" + postal account, zero-padded (12)
//	 47    2  "10" + amount in cents, zero-padded (10)
//	 59    1  "3" + document type "896"
//	 63    3  "1P1"
//	 66   11  creditor fiscal code
//	 77   16  debtor fiscal code, space-padded
//	 93   40  debtor name, space-padded
//	133  110  subject, space-padded
//	243   12  spaces
//	255    1  "A"
func (d DataMatrix) Payload() (string, error) {
	codeline, err := d.Codeline()
	if err != nil {
		return "", err
	}
	debtorCF := strings.ToUpper(d.DebtorFiscalCode)
	if len(debtorCF) > maxDebtorCF {
		return "", fieldErr("debtor_fiscal_code", "", ErrTooLong)
	}
	if debtorCF != "" && debtorCF != AnonymousDebtor {
		if err := taxcode.Validate(debtorCF); err != nil {
			return "", &FieldError{Field: "debtor_fiscal_code", Err: fmt.Errorf("%w: %w", ErrFiscalCode, err)}
		}
	}
	name, err := asciiField("debtor_name", d.DebtorName, maxDebtorName)
	if err != nil {
		return "", err
	}
	subject, err := asciiField("subject", d.Subject, maxSubject)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(subject) == "" {
		return "", fieldErr("subject", "", ErrMissing)
	}
	var b strings.Builder
	b.Grow(DataMatrixLength)
	b.WriteString(dmPrefix)
	b.WriteString(codeline)
	b.WriteString(dmFixed)
	b.WriteString(d.FiscalCode)
	pad(&b, debtorCF, maxDebtorCF)
	pad(&b, name, maxDebtorName)
	pad(&b, subject, maxSubject)
	pad(&b, "", 12)
	b.WriteString(dmTerminator)
	return b.String(), nil
}

// Codeline returns the 50-digit code line of the postal slip, the part of
// the payload from position 13 to 62: "18" + notice number + "12" +
// postal account + "10" + amount + "3896".
func (d DataMatrix) Codeline() (string, error) {
	if err := checkNumber(d.Number); err != nil {
		return "", err
	}
	switch {
	case d.PostalAccount == "":
		return "", fieldErr("postal_account", "", ErrMissing)
	case len(d.PostalAccount) > maxPostalDigits:
		return "", fieldErr("postal_account", d.PostalAccount, ErrTooLong)
	case !allDigits(d.PostalAccount):
		return "", fieldErr("postal_account", d.PostalAccount, ErrDigits)
	}
	if d.AmountCents <= 0 || d.AmountCents > MaxQRAmountCents {
		return "", fieldErr("amount_cents", strconv.FormatInt(d.AmountCents, 10), ErrAmount)
	}
	if err := checkEnteFiscalCode(d.FiscalCode); err != nil {
		return "", err
	}
	amount := strconv.FormatInt(d.AmountCents, 10)
	return "18" + d.Number.code +
		"12" + zeros[:maxPostalDigits-len(d.PostalAccount)] + d.PostalAccount +
		"10" + zeros[:10-len(amount)] + amount +
		"3" + dmDocType, nil
}

// ParseDataMatrix parses a 256-character Poste DataMatrix payload. Padding
// is removed from the texts and leading zeros from the postal account; the
// debtor fiscal code is upper-cased, as Payload writes it. As
// with ParseQR, a notice number with wrong check digits is accepted: check
// d.Number.CheckDigitValid.
func ParseDataMatrix(s string) (DataMatrix, error) {
	if len(s) != DataMatrixLength {
		return DataMatrix{}, fieldErr("payload", "", ErrLength)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return DataMatrix{}, fieldErr("payload", "", ErrCharset)
		}
	}
	if s[:13] != dmPrefix || s[13:15] != "18" || s[33:35] != "12" || s[47:49] != "10" ||
		s[59:60] != "3" || s[60:63] != dmDocType || s[63:66] != dmFixed || s[255:] != dmTerminator {
		return DataMatrix{}, fieldErr("payload", "", ErrSyntax)
	}
	n, err := ParseLenient(s[15:33])
	if err != nil {
		return DataMatrix{}, err
	}
	account := s[35:47]
	if !allDigits(account) {
		return DataMatrix{}, fieldErr("postal_account", account, ErrDigits)
	}
	account = strings.TrimLeft(account, "0")
	if account == "" {
		return DataMatrix{}, fieldErr("postal_account", s[35:47], ErrMissing)
	}
	amount := s[49:59]
	if !allDigits(amount) {
		return DataMatrix{}, fieldErr("amount_cents", amount, ErrDigits)
	}
	cents, _ := strconv.ParseInt(amount, 10, 64) // 10 digits: cannot overflow
	if cents <= 0 {
		return DataMatrix{}, fieldErr("amount_cents", amount, ErrAmount)
	}
	cf := s[66:77]
	if err := checkEnteFiscalCode(cf); err != nil {
		return DataMatrix{}, err
	}
	return DataMatrix{
		Number:           n,
		PostalAccount:    account,
		AmountCents:      cents,
		FiscalCode:       cf,
		DebtorFiscalCode: strings.ToUpper(strings.TrimRight(s[77:93], " ")),
		DebtorName:       strings.TrimRight(s[93:133], " "),
		Subject:          strings.TrimRight(s[133:243], " "),
	}, nil
}

// Modules returns the DataMatrix symbol (ECC 200, square) as a matrix of
// modules, true for dark, without quiet zone.
func (d DataMatrix) Modules() ([][]bool, error) {
	payload, err := d.Payload()
	if err != nil {
		return nil, err
	}
	code, err := datamatrix.Encode(payload)
	if err != nil {
		return nil, fmt.Errorf("notice: DataMatrix encoder: %w", err)
	}
	r := code.Bounds()
	m := make([][]bool, r.Dy())
	for y := range m {
		m[y] = make([]bool, r.Dx())
		for x := range m[y] {
			g := color.GrayModel.Convert(code.At(r.Min.X+x, r.Min.Y+y)).(color.Gray)
			m[y][x] = g.Y < 0x80
		}
	}
	return m, nil
}

// PNG renders the DataMatrix symbol with moduleSize pixels per module (1
// to 64; readers need 3 or more) and a quiet zone of two modules.
func (d DataMatrix) PNG(moduleSize int) ([]byte, error) {
	if moduleSize < 1 || moduleSize > 64 {
		return nil, fmt.Errorf("notice: module size %d outside 1..64 pixels", moduleSize)
	}
	m, err := d.Modules()
	if err != nil {
		return nil, err
	}
	return renderPNG(m, dmQuiet, (len(m)+2*dmQuiet)*moduleSize)
}

// WriteSVG writes the DataMatrix symbol as an SVG image of sizeMM×sizeMM
// millimetres (25 on a payment notice), quiet zone included.
func (d DataMatrix) WriteSVG(w io.Writer, sizeMM float64) error {
	m, err := d.Modules()
	if err != nil {
		return err
	}
	return writeSVG(w, m, dmQuiet, sizeMM)
}

func pad(b *strings.Builder, s string, width int) {
	b.WriteString(s)
	for i := len(s); i < width; i++ {
		b.WriteByte(' ')
	}
}
