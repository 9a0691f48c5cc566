package noticepdf

import (
	"time"

	"github.com/pagokit/pagokit/notice"
)

// Notice is a payment notice ready to render: every code is parsed and
// every amount is in euro cents.
//
// A notice offers a single payment (rata unica: Number, Amount), a plan of
// instalments (Instalments), or both. The postal section ("Bollettino
// postale PA", with the Poste DataMatrix) is printed for every payable item
// when Creditor.PostalAccount is set.
type Notice struct {
	// Subject is the subject of the notice (AVVISO.OGGETTO), at most 90
	// characters, in sentence case.
	Subject string
	// Creditor is the ente creditore issuing the notice.
	Creditor Creditor
	// Debtor is the holder of the debt position.
	Debtor Debtor
	// Number is the notice number of the single payment (rata unica); the
	// zero Number when the notice offers instalments only.
	Number notice.Number
	// Amount is the total amount in euro cents: the amount of the single
	// payment, or the sum of the instalments when there is none.
	Amount int64
	// DueDate is the due date of the single payment; the zero time prints
	// the "without due date" variant. Only the date is used.
	DueDate time.Time
	// Instalments are the instalments (rate), in the order they are
	// printed: none, or 2 to MaxInstalments.
	Instalments []Instalment
	// Lang is the language of the fixed texts; empty means Italian.
	Lang Lang
}

// HasSingle reports whether the notice offers a single payment (rata unica).
func (n *Notice) HasSingle() bool { return !n.Number.IsZero() }

// Instalment is one instalment (rata) of a notice, payable on its own.
type Instalment struct {
	// Number is the notice number of this instalment.
	Number notice.Number
	// Amount is the amount of this instalment in euro cents.
	Amount int64
	// DueDate is the due date of this instalment; zero for none.
	DueDate time.Time
}

// Creditor describes the ente creditore as printed on the notice. Only
// FiscalCode comes from pagoPA's print request; the rest is what pagoPA
// keeps in its back office.
type Creditor struct {
	// FiscalCode is the ente's codice fiscale: 11 digits (ENTE.CF).
	FiscalCode string
	// Name is the ente's name (ENTE.NOME), at most 100 characters.
	Name string
	// Sector is the office managing the payment (ENTE.SETTORE), at most
	// 50 characters.
	Sector string
	// Info lists the ente's contacts (ENTE.INFO), at most 100 characters;
	// separate items with " · ".
	Info string
	// CBILL is the ente's CBILL (SIA) interbank code, 5 letters or digits;
	// empty when the ente has none.
	CBILL string
	// Logo is the ente's logo, printed 30×30 mm in the header; nil for none.
	Logo *Logo
	// OnlineChannel says whether the notice can also be paid on the ente's
	// site or app (ENTE.CANALE.ONLINE).
	OnlineChannel OnlineChannel
	// PhysicalChannel names the ente's own counters where the notice can be
	// paid (ENTE.CANALE.FISICO), at most 50 characters; empty for none.
	PhysicalChannel string
	// PostalAccount is the ente's postal current account; when set, the
	// notice includes the "Bollettino postale PA" for every payable item.
	PostalAccount *PostalAccount
}

// OnlineChannel is the ente's own online channel mentioned under "Dove
// pagare" (ENTE.CANALE.ONLINE).
type OnlineChannel string

// The values of ENTE.CANALE.ONLINE.
const (
	// NoOnlineChannel mentions no channel of the ente.
	NoOnlineChannel OnlineChannel = ""
	// Website prints "sul sito di <ente>".
	Website OnlineChannel = "site"
	// App prints "sull'app di <ente>".
	App OnlineChannel = "app"
	// WebsiteAndApp prints "sul sito o app di <ente>".
	WebsiteAndApp OnlineChannel = "site+app"
)

// PostalAccount is the ente's postal current account (conto corrente
// postale) and Poste Italiane's authorisation to print postal payment slips.
type PostalAccount struct {
	// Number is the account number: 1 to 12 digits.
	Number string
	// Holder is the account holder (intestatario), at most 50 characters.
	Holder string
	// Authorization is Poste Italiane's authorisation to print the slip,
	// e.g. "AUT. DB/SSIC/E 12345 DEL 01/01/2024", at most 100 characters.
	Authorization string
}

// Debtor is the holder of the debt position (destinatario dell'avviso).
type Debtor struct {
	// FiscalCode is the debtor's codice fiscale, upper case; empty only
	// when unknown (for example a foreign debtor).
	FiscalCode string
	// Name is the debtor's full name, at most 70 characters.
	Name string
	// Address is the full postal address on one line, at most 140
	// characters, e.g. "Via Roma 1, 00100 Roma (RM)".
	Address string
}
