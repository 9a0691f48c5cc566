package noticepdf

import (
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pagokit/pagokit/internal/taxcode"
	"github.com/pagokit/pagokit/notice"
)

// Limits of the graphic specification (Avvisi pagoPA 3.x, Allegato 2), in
// characters, and of this package.
const (
	MaxSubject         = 90  // AVVISO.OGGETTO
	MaxCreditorName    = 100 // ENTE.NOME (50 before specification 3.5.1)
	MaxSector          = 50  // ENTE.SETTORE
	MaxInfo            = 100 // ENTE.INFO
	MaxDebtorName      = 70  // DESTINATARIO.NOMECOMPLETO
	MaxAddress         = 200 // DESTINATARIO.INDIRIZZO composed on one line (140 for the street part)
	MaxPhysicalChannel = 50  // ENTE.CANALE.FISICO
	MaxPostalHolder    = 50  // intestatario del conto corrente postale
	MaxAuthorization   = 100 // autorizzazione di Poste Italiane
	MaxInstalments     = 120 // instalments of one notice
)

// Validate checks the notice against the graphic specification and the
// rules that make it payable, and returns a *ValidationError listing every
// problem, or nil. It does not check that the fonts can draw the texts:
// Renderer.Validate does that too.
func (n *Notice) Validate() error {
	ps := &problems{}
	n.validate(ps)
	return ps.err()
}

func (n *Notice) validate(ps *problems) {
	checkText(ps, "notice.subject", n.Subject, MaxSubject, true)
	if n.Lang != "" && !n.Lang.valid() {
		ps.add("lang", fmt.Errorf("%w: %q", ErrLang, truncate(string(n.Lang), 10)))
	}

	c := &n.Creditor
	if c.FiscalCode == "" {
		ps.add("creditorInstitution.taxCode", ErrMissing)
	} else if len(c.FiscalCode) != 11 || !allDigits(c.FiscalCode) {
		// Only the shape is checked: pagoPA's test entes (77777777777)
		// have no valid check digit and must still print.
		ps.add("creditorInstitution.taxCode", fmt.Errorf("%w: must be 11 digits", ErrFiscalCode))
	}
	checkText(ps, "creditorInstitution.fullName", c.Name, MaxCreditorName, true)
	checkText(ps, "creditorInstitution.sector", c.Sector, MaxSector, false)
	checkText(ps, "creditorInstitution.info", c.Info, MaxInfo, false)
	if c.CBILL != "" && !isCBILL(c.CBILL) {
		ps.add("creditorInstitution.cbill", fmt.Errorf("%w: must be 5 upper-case letters or digits", ErrFormat))
	}
	switch c.OnlineChannel {
	case NoOnlineChannel, Website, App, WebsiteAndApp:
	default:
		ps.add("creditorInstitution.onlineChannel", fmt.Errorf("%w: must be \"site\", \"app\" or \"site+app\"", ErrFormat))
	}
	checkText(ps, "creditorInstitution.physicalChannel", c.PhysicalChannel, MaxPhysicalChannel, false)
	if p := c.PostalAccount; p != nil {
		if p.Number == "" {
			ps.add("creditorInstitution.postalAccount.number", ErrMissing)
		} else if len(p.Number) > 12 || !allDigits(p.Number) {
			ps.add("creditorInstitution.postalAccount.number", fmt.Errorf("%w: must be 1 to 12 digits", ErrFormat))
		}
		checkText(ps, "creditorInstitution.postalAccount.holder", p.Holder, MaxPostalHolder, true)
		checkText(ps, "creditorInstitution.postalAccount.authorization", p.Authorization, MaxAuthorization, true)
	}

	d := &n.Debtor
	if d.FiscalCode != "" && d.FiscalCode != notice.AnonymousDebtor {
		if err := taxcode.Validate(d.FiscalCode); err != nil {
			ps.add("debtor.taxCode", fmt.Errorf("%w: %w", ErrFiscalCode, err))
		} else if upper(d.FiscalCode) != d.FiscalCode {
			ps.add("debtor.taxCode", fmt.Errorf("%w: must be upper case", ErrFormat))
		}
	}
	checkText(ps, "debtor.fullName", d.Name, MaxDebtorName, true)
	checkText(ps, "debtor.address", d.Address, MaxAddress, false)

	n.validatePayments(ps)
}

// validatePayments checks the payable items: notice numbers, amounts and
// their consistency.
func (n *Notice) validatePayments(ps *problems) {
	var first *notice.Number
	seen := make(map[notice.Number]string, len(n.Instalments)+1)
	checkNumber := func(path string, num notice.Number) {
		switch {
		case num.IsZero():
			ps.add(path, ErrMissing)
			return
		case !num.CheckDigitValid():
			ps.add(path, fmt.Errorf("%w: wrong check digit", ErrNoticeNumber))
			return
		case num.IsStandInProbe():
			ps.add(path, fmt.Errorf("%w: the stand-in probe cannot be paid", ErrNoticeNumber))
			return
		}
		if other, dup := seen[num]; dup {
			ps.add(path, fmt.Errorf("%w: same notice number as %s", ErrInconsistent, other))
			return
		}
		seen[num] = path
		if first == nil {
			first = &num
			return
		}
		if num.AuxDigit() != first.AuxDigit() || num.SegregationCode() != first.SegregationCode() || num.ApplicationCode() != first.ApplicationCode() {
			ps.add(path, fmt.Errorf("%w: aux digit and segregation or application code differ from the other notice numbers", ErrInconsistent))
		}
	}
	checkAmount := func(path string, cents int64) bool {
		if cents <= 0 || cents > notice.MaxQRAmountCents {
			ps.add(path, fmt.Errorf("%w: must be 1 to %d cents", ErrAmount, notice.MaxQRAmountCents))
			return false
		}
		return true
	}

	if !n.HasSingle() && len(n.Instalments) == 0 {
		ps.add("notice.code", fmt.Errorf("%w: a notice needs a single payment, instalments or both", ErrMissing))
	}
	if n.HasSingle() {
		checkNumber("notice.code", n.Number)
	}
	amountOK := checkAmount("notice.paymentAmount", n.Amount)
	checkDate(ps, "notice.dueDate", n.DueDate)

	switch k := len(n.Instalments); {
	case k == 0:
		return
	case k == 1:
		ps.add("notice.installments", fmt.Errorf("%w: at least 2 instalments (a single payment is the rata unica)", ErrCount))
	case k > MaxInstalments:
		ps.add("notice.installments", fmt.Errorf("%w: at most %d instalments", ErrCount, MaxInstalments))
		return
	}
	var sum int64
	sumOK := true
	for i, in := range n.Instalments {
		p := "notice.installments[" + itoa(i) + "]"
		checkNumber(p+".code", in.Number)
		if checkAmount(p+".amount", in.Amount) {
			sum += in.Amount
		} else {
			sumOK = false
		}
		checkDate(ps, p+".dueDate", in.DueDate)
	}
	if amountOK && sumOK && sum != n.Amount {
		ps.add("notice.installments", fmt.Errorf("%w: the instalments add up to %d cents, paymentAmount is %d", ErrInconsistent, sum, n.Amount))
	}
}

// checkText checks a printable text: presence, length in characters and
// control characters.
func checkText(ps *problems, path, s string, max int, required bool) {
	if s == "" {
		if required {
			ps.add(path, ErrMissing)
		}
		return
	}
	if !utf8.ValidString(s) {
		ps.add(path, fmt.Errorf("%w: not UTF-8", ErrCharset))
		return
	}
	if k := utf8.RuneCountInString(s); k > max {
		ps.add(path, fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, k, max))
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			ps.add(path, fmt.Errorf("%w: control character %U", ErrCharset, r))
			return
		}
	}
}

// checkDate rejects dates a notice cannot carry.
func checkDate(ps *problems, path string, t time.Time) {
	if t.IsZero() {
		return
	}
	if y := t.Year(); y < 2000 || y > 2099 {
		ps.add(path, fmt.Errorf("%w: year must be 2000 to 2099", ErrFormat))
	}
}

func isCBILL(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// truncate shortens s to at most n runes, for error messages.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

var errNoFont = errors.New("noticepdf: no font")
