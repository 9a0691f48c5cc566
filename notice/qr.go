package notice

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QR payload constants (pagoPA "Avviso di pagamento", Allegato 2, Codice QR).
const (
	qrPrefix = "PAGOPA|002|"
	// QRVersion is the QR symbol version the specification mandates
	// (33×33 modules).
	QRVersion = 4
	// MaxQRAmountCents is the largest amount the QR payload carries: ten
	// digits of euro cents (99.999.999,99 €). Larger notices cannot carry a
	// QR code.
	MaxQRAmountCents = 9_999_999_999

	// maxQRPayload is the length of the longest payload ParseQR accepts.
	maxQRPayload = len(qrPrefix) + Length + 1 + 11 + 1 + 10
)

// QR is the content of the QR code printed on a pagoPA payment notice:
//
//	PAGOPA|002|<notice number>|<creditor fiscal code>|<amount in cents>
type QR struct {
	// Number is the notice number; its check digits must be valid for
	// Payload (ParseQR also returns numbers with wrong ones).
	Number Number
	// FiscalCode is the fiscal code of the creditor (ente creditore):
	// 11 digits.
	FiscalCode string
	// AmountCents is the amount in euro cents, 1 to MaxQRAmountCents.
	AmountCents int64
}

// Payload validates q and returns the QR payload. The amount is written
// in cents without leading zeros but with at least two digits, as the
// specification gives it 2 to 10 digits ("PAGOPA|002|…|05" for 5 cents).
// A Number whose check digits are wrong is refused: a notice must be
// payable.
func (q QR) Payload() (string, error) {
	if err := checkNumber(q.Number); err != nil {
		return "", err
	}
	if err := checkEnteFiscalCode(q.FiscalCode); err != nil {
		return "", err
	}
	if q.AmountCents <= 0 || q.AmountCents > MaxQRAmountCents {
		return "", fieldErr("amount_cents", strconv.FormatInt(q.AmountCents, 10), ErrAmount)
	}
	var b [64]byte
	p := append(b[:0], qrPrefix...)
	p = append(p, q.Number.code...)
	p = append(p, '|')
	p = append(p, q.FiscalCode...)
	p = append(p, '|')
	if q.AmountCents < 10 {
		p = append(p, '0')
	}
	p = strconv.AppendInt(p, q.AmountCents, 10)
	return string(p), nil
}

// ParseQR parses a QR payload. It accepts amounts of 1 to 10 digits, as
// decoders in the field do (some notices were printed with one-digit
// amounts), and notice numbers with wrong check digits: check
// q.Number.CheckDigitValid before collecting a payment.
func ParseQR(s string) (QR, error) {
	if len(s) > maxQRPayload {
		return QR{}, fieldErr("payload", s, ErrLength)
	}
	rest, ok := strings.CutPrefix(s, qrPrefix)
	if !ok {
		return QR{}, fieldErr("payload", s, ErrSyntax)
	}
	nav, rest, ok := strings.Cut(rest, "|")
	if !ok {
		return QR{}, fieldErr("payload", s, ErrSyntax)
	}
	cf, amount, ok := strings.Cut(rest, "|")
	if !ok {
		return QR{}, fieldErr("payload", s, ErrSyntax)
	}
	if len(nav) != Length {
		return QR{}, fieldErr("notice_number", nav, ErrLength)
	}
	n, err := ParseLenient(nav)
	if err != nil {
		return QR{}, err
	}
	if err := checkEnteFiscalCode(cf); err != nil {
		return QR{}, err
	}
	if len(amount) < 1 || len(amount) > 10 {
		return QR{}, fieldErr("amount_cents", amount, ErrLength)
	}
	if !allDigits(amount) {
		return QR{}, fieldErr("amount_cents", amount, ErrDigits)
	}
	cents, _ := strconv.ParseInt(amount, 10, 64) // ≤ 10 digits: cannot overflow
	if cents <= 0 {
		return QR{}, fieldErr("amount_cents", amount, ErrAmount)
	}
	return QR{Number: n, FiscalCode: cf, AmountCents: cents}, nil
}

// encode returns the QR symbol: version 4, error correction level M.
func (q QR) encode() (code *qrcode.QRCode, err error) {
	payload, err := q.Payload()
	if err != nil {
		return nil, err
	}
	// go-qrcode reports some internal inconsistencies with log.Panic; a
	// validated payload never reaches them, but a library must not crash
	// its caller.
	defer func() {
		if r := recover(); r != nil {
			code, err = nil, fmt.Errorf("notice: QR encoder failed: %v", r)
		}
	}()
	return qrcode.NewWithForcedVersion(payload, QRVersion, qrcode.Medium)
}

// PNG renders the QR code as a PNG image of size×size pixels, including
// the four-module quiet zone. size must be at least 41 (one pixel per
// module); a multiple of 41 gives modules of equal width, and scanners
// need three pixels per module or more (size 123 and up).
func (q QR) PNG(size int) ([]byte, error) {
	const minSize = 17 + 4*QRVersion + 8
	if size < minSize || size > 8192 {
		return nil, fmt.Errorf("notice: QR size %d outside %d..8192 pixels", size, minSize)
	}
	m, err := q.Modules()
	if err != nil {
		return nil, err
	}
	return renderPNG(m, 4, size)
}

// Modules returns the QR symbol as a square matrix of modules, true for
// dark, without quiet zone: draw it as vector rectangles (the
// specification asks for a vector QR code of 25×25 mm on paper) and leave
// a white margin of at least four modules around it.
func (q QR) Modules() ([][]bool, error) {
	code, err := q.encode()
	if err != nil {
		return nil, err
	}
	code.DisableBorder = true
	return code.Bitmap(), nil
}

// WriteSVG writes the QR code as a standalone SVG image of sizeMM×sizeMM
// millimetres (25 on a payment notice), with a quiet zone of four modules
// inside that size.
func (q QR) WriteSVG(w io.Writer, sizeMM float64) error {
	m, err := q.Modules()
	if err != nil {
		return err
	}
	return writeSVG(w, m, 4, sizeMM)
}

func checkNumber(n Number) error {
	if n.IsZero() {
		return fieldErr("notice_number", "", ErrMissing)
	}
	if !n.CheckDigitValid() {
		return fieldErr("notice_number", n.code, ErrCheckDigit)
	}
	return nil
}

// checkEnteFiscalCode checks the form of a creditor's fiscal code: 11
// digits. The check digit is not verified here: the code identifies the
// ente as registered on pagoPA.
func checkEnteFiscalCode(cf string) error {
	switch {
	case cf == "":
		return fieldErr("fiscal_code", "", ErrMissing)
	case len(cf) != 11 || !allDigits(cf):
		return fieldErr("fiscal_code", cf, ErrFiscalCode)
	}
	return nil
}
