package pagopa

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/internal/iban"
	"github.com/pagokit/pagokit/internal/money"
	"github.com/pagokit/pagokit/internal/taxcode"
)

// Limits of a position, from GPD's model and the paForNode schema.
const (
	MaxOptions   = 100 // payment options of a position (GPD v3)
	MaxTransfers = 5   // transfers of an option (stIdTransfer 1..5)
	MaxMetadata  = 10  // metadata entries (GPD)
	maxText140   = 140
	maxText70    = 70
	maxText35    = 35
	maxIUPD      = 140
)

// Validate checks p against the rules of GPD and of the Nodo, reporting
// every problem with its JSON path ("paymentOption[0].transfer[1].iban"):
// required fields and lengths, fiscal codes, 1 to 5 transfers per option
// whose amounts add up to the option's, IBAN check digits, stamp requests,
// distinct IUVs. Whether the IUVs suit a station is checked by
// Config.CheckPosition.
func (p *Position) Validate() error {
	ps := &problems{}
	text(ps, "iupd", p.IUPD, maxIUPD, true)
	if !isFiscalCodePA(p.Organization) {
		ps.add("organizationFiscalCode", fmt.Errorf("%w: must be 11 digits", ErrFiscalCode))
	}
	switch p.Type {
	case NaturalPerson, LegalPerson:
	default:
		ps.add("type", fmt.Errorf("%w: must be F or G", ErrFormat))
	}
	switch {
	case p.FiscalCode == "":
		ps.add("fiscalCode", ErrMissing)
	case p.FiscalCode == "ANONIMO" || p.FiscalCode == "ANONYMOUS":
	default:
		if err := taxcode.Validate(p.FiscalCode); err != nil {
			ps.add("fiscalCode", fmt.Errorf("%w: %w", ErrFiscalCode, err))
		}
	}
	text(ps, "fullName", p.FullName, maxText70, true)
	text(ps, "streetName", p.StreetName, maxText70, false)
	text(ps, "civicNumber", p.CivicNumber, 16, false)
	text(ps, "postalCode", p.PostalCode, 16, false)
	text(ps, "city", p.City, maxText35, false)
	text(ps, "province", p.Province, maxText35, false)
	text(ps, "region", p.Region, maxText35, false)
	if p.Country != "" && !isUpperLetters(p.Country, 2) {
		ps.add("country", fmt.Errorf("%w: two upper-case letters", ErrFormat))
	}
	text(ps, "email", p.Email, 256, false)
	text(ps, "phone", p.Phone, maxText35, false)
	text(ps, "companyName", p.CompanyName, maxText140, true)
	text(ps, "officeName", p.OfficeName, maxText140, false)

	switch n := len(p.Options); {
	case n == 0:
		ps.add("paymentOption", fmt.Errorf("%w: at least one payment option", ErrCount))
	case n > MaxOptions:
		ps.add("paymentOption", fmt.Errorf("%w: at most %d payment options", ErrCount, MaxOptions))
		return ps.err()
	}
	seen := map[string]int{}
	for i := range p.Options {
		o := &p.Options[i]
		path := "paymentOption[" + strconv.Itoa(i) + "]"
		if o.IUV == "" {
			ps.add(path+".iuv", ErrMissing)
		} else if len(o.IUV) > maxText35 || !isDigits(o.IUV) {
			ps.add(path+".iuv", fmt.Errorf("%w: the IUV must be up to 35 digits", ErrNoticeNumber))
		} else if j, dup := seen[o.IUV]; dup {
			ps.add(path+".iuv", fmt.Errorf("%w: same IUV as paymentOption[%d]", ErrInconsistent, j))
		} else {
			seen[o.IUV] = i
		}
		if o.NAV != "" && (len(o.NAV) != 18 || !isDigits(o.NAV)) {
			ps.add(path+".nav", fmt.Errorf("%w: must be 18 digits", ErrNoticeNumber))
		}
		if err := money.CheckPagoPA(o.Amount); err != nil || o.Amount <= 0 {
			ps.add(path+".amount", fmt.Errorf("%w: must be 1 to %d cents", ErrAmount, money.MaxPagoPA))
		}
		text(ps, path+".description", o.Description, maxText140, true)
		if o.DueDate.IsZero() {
			ps.add(path+".dueDate", ErrMissing)
		} else if p.ValidityDate != nil && o.DueDate.Before(*p.ValidityDate) {
			ps.add(path+".dueDate", fmt.Errorf("%w: before the position's validityDate", ErrInconsistent))
		}
		metadata(ps, path+".paymentOptionMetadata", o.Metadata)
		p.validateTransfers(ps, path, o)
	}
	return ps.err()
}

func (p *Position) validateTransfers(ps *problems, path string, o *Option) {
	abroad := p.ResidentAbroad()
	switch n := len(o.Transfers); {
	case n == 0:
		ps.add(path+".transfer", fmt.Errorf("%w: at least one transfer", ErrCount))
		return
	case n > MaxTransfers:
		ps.add(path+".transfer", fmt.Errorf("%w: at most %d transfers", ErrCount, MaxTransfers))
		return
	}
	var sum int64
	sumOK := true
	ids := map[int]bool{}
	for j := range o.Transfers {
		t := &o.Transfers[j]
		tp := path + ".transfer[" + strconv.Itoa(j) + "]"
		if t.ID < 1 || t.ID > MaxTransfers {
			ps.add(tp+".idTransfer", fmt.Errorf("%w: must be 1 to 5", ErrFormat))
		} else if ids[t.ID] {
			ps.add(tp+".idTransfer", fmt.Errorf("%w: repeated idTransfer", ErrInconsistent))
		}
		ids[t.ID] = true
		if t.Amount <= 0 || money.CheckPagoPA(t.Amount) != nil {
			ps.add(tp+".amount", fmt.Errorf("%w: must be 1 to %d cents", ErrAmount, money.MaxPagoPA))
			sumOK = false
		} else {
			sum += t.Amount
		}
		if t.Organization != "" && !isFiscalCodePA(t.Organization) {
			ps.add(tp+".organizationFiscalCode", fmt.Errorf("%w: must be 11 digits", ErrFiscalCode))
		}
		text(ps, tp+".companyName", t.CompanyName, maxText140, false)
		text(ps, tp+".remittanceInformation", t.Remittance, maxText140, true)
		text(ps, tp+".category", t.Category, maxText140, true)
		metadata(ps, tp+".transferMetadata", t.Metadata)
		switch {
		case t.Stamp != nil && (t.IBAN != "" || t.PostalIBAN != ""):
			ps.add(tp+".stamp", fmt.Errorf("%w: a stamp transfer has no IBAN", ErrInconsistent))
		case t.Stamp != nil:
			stamp(ps, tp+".stamp", t.Stamp, abroad)
		case t.IBAN == "" && t.PostalIBAN == "":
			ps.add(tp+".iban", fmt.Errorf("%w: an IBAN, a postal IBAN or a stamp", ErrMissing))
		}
		if t.IBAN != "" {
			if err := iban.Validate(t.IBAN); err != nil {
				ps.add(tp+".iban", fmt.Errorf("%w: %w", ErrIBAN, err))
			}
		}
		if t.PostalIBAN != "" {
			if err := iban.Validate(t.PostalIBAN); err != nil {
				ps.add(tp+".postalIban", fmt.Errorf("%w: %w", ErrIBAN, err))
			} else if !iban.IsPostal(t.PostalIBAN) {
				ps.add(tp+".postalIban", fmt.Errorf("%w: not a Poste Italiane IBAN (ABI 07601)", ErrIBAN))
			}
		}
	}
	if sumOK && sum != o.Amount {
		ps.add(path+".transfer", fmt.Errorf("%w: transfers add up to %d cents, the option is %d", ErrInconsistent, sum, o.Amount))
	}
}

func metadata(ps *problems, path string, md []MapEntry) {
	if len(md) > MaxMetadata {
		ps.add(path, fmt.Errorf("%w: at most %d entries", ErrCount, MaxMetadata))
		return
	}
	keys := map[string]bool{}
	for i, m := range md {
		p := path + "[" + strconv.Itoa(i) + "]"
		text(ps, p+".key", m.Key, maxText140, true)
		text(ps, p+".value", m.Value, maxText140, true)
		if keys[m.Key] {
			ps.add(p+".key", fmt.Errorf("%w: repeated key", ErrInconsistent))
		}
		keys[m.Key] = true
	}
}

// text checks a text field: presence, valid UTF-8, no control characters
// and at most max characters.
func text(ps *problems, path, s string, max int, required bool) {
	if s == "" {
		if required {
			ps.add(path, ErrMissing)
		}
		return
	}
	if !utf8.ValidString(s) {
		ps.add(path, fmt.Errorf("%w: not UTF-8", ErrFormat))
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		ps.add(path, fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, n, max))
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			ps.add(path, fmt.Errorf("%w: control character", ErrFormat))
			return
		}
	}
}

func isFiscalCodePA(s string) bool { return len(s) == 11 && isDigits(s) }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUpperLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// stamp checks a stamp request with bollo's rules. An empty province is
// allowed for a debtor resident abroad: the Handler then sends the
// province of the ente's registered office (Ente.Province).
func stamp(ps *problems, path string, s *Stamp, abroad bool) {
	req := bollo.Request{HashDocument: s.HashDocument, Type: s.Type, Province: s.ProvincialResidence}
	if req.Province == "" && abroad {
		req.Province = "ZZ" // filled from the configuration when emitted
	}
	for _, err := range joined(req.Validate()) {
		var re *bollo.RuleError
		if !errors.As(err, &re) {
			continue
		}
		switch re.Field {
		case "hashDocumento":
			ps.add(path+".hashDocument", fmt.Errorf("%w: must be the 44-character base64 SHA-256 digest of the document (bollo.Hash)", ErrFormat))
		case "tipoBollo":
			ps.add(path+".stampType", fmt.Errorf("%w: must be \"01\"", ErrFormat))
		case "provinciaResidenza":
			ps.add(path+".provincialResidence", fmt.Errorf("%w: two upper-case letters (empty only for a debtor resident abroad)", ErrFormat))
		}
	}
}

// joined returns the errors of an errors.Join, or err alone.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}
