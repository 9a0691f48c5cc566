package receiptpdf

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/internal/pdf"
	"github.com/pagokit/pagokit/receipt"
)

// Limits of what a receipt may hold to be rendered. pagoPA's schemas
// allow far less (140 characters for a causale or a company name, 35 for
// an IUV, 5 transfers): the limits only stop absurd input.
const (
	MaxText      = 512 // characters of any one text
	MaxTransfers = 5   // transfers of one payment
)

// Validate reports, as a *ValidationError, every reason why rc cannot be
// rendered: a nil receipt; a missing receipt id, ente fiscal code or IUV;
// an amount out of range; a text too long or with characters that are
// not white space but control characters, or that the Renderer's fonts
// cannot draw; more than MaxTransfers transfers; impossible dates.
//
// White space inside texts (line feeds, tabs) is accepted: it is printed
// as single spaces.
func (r *Renderer) Validate(rc *receipt.Receipt) error {
	ps := &problems{}
	if rc == nil {
		ps.add("receipt", ErrMissing)
		return ps.err()
	}
	req := func(path, s string) {
		if isBlank(s) {
			ps.add(path, ErrMissing)
		}
	}
	req("receipt_id", rc.ReceiptID)
	req("fiscal_code", rc.FiscalCode)
	req("creditor_reference_id", rc.CreditorReferenceID)
	switch {
	case rc.PaymentAmountCents < 0 || rc.PaymentAmountCents > money.MaxPagoPA:
		ps.add("payment_amount_cents", fmt.Errorf("%w: must be 0 to %d cents", ErrAmount, money.MaxPagoPA))
	case rc.PaymentAmountCents == 0 && rc.Outcome != "KO":
		ps.add("payment_amount_cents", fmt.Errorf("%w: zero, but the outcome is not KO", ErrMissing))
	}
	checkCents(ps, "fee_cents", rc.FeeCents)

	for _, t := range r.texts(rc) {
		r.checkText(ps, t)
	}
	if rc.PaymentDateTime != nil {
		if y := rc.PaymentDateTime.Year(); y < 1 || y > 9999 {
			ps.add("payment_date_time", fmt.Errorf("%w: year must be 1 to 9999", ErrFormat))
		}
	}
	checkDate(ps, "application_date", rc.ApplicationDate)
	checkDate(ps, "transfer_date", rc.TransferDate)

	if len(rc.Transfers) > MaxTransfers {
		ps.add("transfers", fmt.Errorf("%w: %d transfers, at most %d", ErrCount, len(rc.Transfers), MaxTransfers))
		return ps.err()
	}
	for i := range rc.Transfers {
		tr := &rc.Transfers[i]
		if tr.AmountCents < 0 || tr.AmountCents > money.MaxPagoPA {
			ps.add(fmt.Sprintf("transfers[%d].amount_cents", i), fmt.Errorf("%w: must be 0 to %d cents", ErrAmount, money.MaxPagoPA))
		}
	}
	return ps.err()
}

func checkCents(ps *problems, path string, c *int64) {
	if c != nil && (*c < 0 || *c > money.MaxPagoPA) {
		ps.add(path, fmt.Errorf("%w: must be 0 to %d cents", ErrAmount, money.MaxPagoPA))
	}
}

// checkDate rejects a date that is not on the calendar, such as 31 April.
func checkDate(ps *problems, path string, d *receipt.Date) {
	if d == nil {
		return
	}
	if d.Year < 1 || d.Year > 9999 {
		ps.add(path, fmt.Errorf("%w: year must be 1 to 9999", ErrFormat))
		return
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if t.Month() != d.Month || t.Day() != d.Day {
		ps.add(path, fmt.Errorf("%w: not a calendar date", ErrFormat))
	}
}

// text is a printed text of a receipt, with its path and whether it is
// printed in the font of codes.
type text struct {
	path string
	s    string
	code bool
}

// texts lists every text of rc that is printed.
func (r *Renderer) texts(rc *receipt.Receipt) []text {
	ts := []text{
		{"format", string(rc.Format), false},
		{"receipt_id", rc.ReceiptID, true},
		{"notice_number", rc.NoticeNumber, true},
		{"fiscal_code", rc.FiscalCode, true},
		{"creditor_reference_id", rc.CreditorReferenceID, true},
		{"outcome", rc.Outcome, false},
		{"description", rc.Description, false},
		{"company_name", rc.CompanyName, false},
		{"office_name", rc.OfficeName, false},
		{"psp_id", rc.PSPID, true},
		{"psp_fiscal_code", rc.PSPFiscalCode, true},
		{"psp_vat_number", rc.PSPVATNumber, true},
		{"psp_company_name", rc.PSPCompanyName, false},
		{"channel_id", rc.ChannelID, false},
		{"channel_description", rc.ChannelDescription, false},
		{"payment_method", rc.PaymentMethod, false},
		{"payment_note", rc.PaymentNote, false},
	}
	subject := func(prefix string, s *receipt.Subject) {
		if s == nil {
			return
		}
		ts = append(ts,
			text{prefix + ".entity_id", s.EntityID, true},
			text{prefix + ".full_name", s.FullName, false},
			text{prefix + ".street_name", s.StreetName, false},
			text{prefix + ".civic_number", s.CivicNumber, false},
			text{prefix + ".postal_code", s.PostalCode, false},
			text{prefix + ".city", s.City, false},
			text{prefix + ".state_province_region", s.StateProvinceRegion, false},
			text{prefix + ".country", s.Country, false},
			text{prefix + ".email", s.Email, false},
		)
	}
	subject("debtor", rc.Debtor)
	subject("payer", rc.Payer)
	for i := range rc.Transfers {
		if i == MaxTransfers {
			break
		}
		tr := &rc.Transfers[i]
		p := fmt.Sprintf("transfers[%d].", i)
		ts = append(ts,
			text{p + "fiscal_code", tr.FiscalCode, true},
			text{p + "company_name", tr.CompanyName, false},
			text{p + "iban", tr.IBAN, true},
			text{p + "remittance_information", tr.RemittanceInformation, false},
			text{p + "iur", tr.IUR, true},
		)
	}
	if lg := rc.Legacy; lg != nil {
		ts = append(ts,
			text{"legacy.payment_context_code", lg.PaymentContextCode, true},
			text{"legacy.outcome_code", lg.OutcomeCode, false},
		)
	}
	return ts
}

// checkText checks the length and the characters of a printed text,
// against the fonts it is printed in.
func (r *Renderer) checkText(ps *problems, t text) {
	s := t.s
	if s == "" {
		return
	}
	if !utf8.ValidString(s) {
		ps.add(t.path, fmt.Errorf("%w: not UTF-8", ErrCharset))
		return
	}
	if k := utf8.RuneCountInString(s); k > MaxText {
		ps.add(t.path, fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, k, MaxText))
		return
	}
	for _, c := range s {
		if unicode.IsControl(c) && !unicode.IsSpace(c) {
			ps.add(t.path, fmt.Errorf("%w: control character %U", ErrCharset, c))
			return
		}
	}
	s = clean(s)
	fonts := []*pdf.Font{r.regular, r.bold}
	if t.code {
		fonts = append(fonts, r.mono)
	}
	for _, f := range fonts {
		if c, ok := f.Covers(s); !ok {
			ps.add(t.path, fmt.Errorf("%w: %U is not in the font %s", ErrCharset, c, f.Name()))
			return
		}
	}
}

func isBlank(s string) bool {
	for _, c := range s {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

// truncate shortens s to at most n runes, for error messages.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
