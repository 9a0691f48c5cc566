package receipt

import (
	"time"
)

// Format tells which message a receipt was read from.
type Format string

// The formats Parse reads.
const (
	// FormatReceiptV1 is the new model's ctReceipt, from a paSendRT
	// request (in a SOAP envelope or bare), a bare <receipt> element, or
	// the receipt XML GPD returns.
	FormatReceiptV1 Format = "paSendRT"
	// FormatReceiptV2 is ctReceiptV2 (paSendRTV2), which adds the
	// @e.bollo MBDAttachment, paymentNote and bundle fields.
	FormatReceiptV2 Format = "paSendRTV2"
	// FormatRT is the legacy Ricevuta Telematica of PagInf_RPT_RT_6_2_0,
	// bare or base64 in a paaInviaRT request.
	FormatRT Format = "RT"
)

// A Receipt is the normalised proof of a payment, whatever message it
// came in. Amounts are euro cents. Raw keeps the receipt as received,
// byte for byte; nothing is ever re-serialised from the parsed values.
//
// The JSON form (snake_case keys) is what `pagokit receipt parse --json`
// prints.
type Receipt struct {
	Format Format `json:"format"`

	// ReceiptID is the receiptId (the payment token); for an RT, the
	// identificativoMessaggioRicevuta.
	ReceiptID string `json:"receipt_id"`
	// NoticeNumber is the 18-digit notice number as received (its check
	// digit is not enforced); empty for an RT, which carries none.
	NoticeNumber string `json:"notice_number"`
	// FiscalCode is the ente the receipt is for (fiscalCode; for an RT,
	// dominio/identificativoDominio).
	FiscalCode string `json:"fiscal_code"`
	// CreditorReferenceID is the IUV.
	CreditorReferenceID string `json:"creditor_reference_id"`
	PaymentAmountCents  int64  `json:"payment_amount_cents"`
	// Outcome is OK or KO; for an RT, OK for codiceEsitoPagamento 0,
	// PARTIAL for 2 and 4, KO otherwise (LegacyOutcomeCode keeps it).
	Outcome     string `json:"outcome"`
	Description string `json:"description"`
	// CompanyName and OfficeName name the ente.
	CompanyName string `json:"company_name"`
	OfficeName  string `json:"office_name,omitempty"`

	Debtor *Subject `json:"debtor"`
	Payer  *Subject `json:"payer"`

	PSPID              string `json:"psp_id"`
	PSPFiscalCode      string `json:"psp_fiscal_code,omitempty"`
	PSPVATNumber       string `json:"psp_vat_number,omitempty"`
	PSPCompanyName     string `json:"psp_company_name"`
	ChannelID          string `json:"channel_id,omitempty"`
	ChannelDescription string `json:"channel_description,omitempty"`
	PaymentMethod      string `json:"payment_method,omitempty"`
	PaymentNote        string `json:"payment_note,omitempty"`
	// FeeCents and PrimaryCIIncurredFeeCents are nil when absent.
	FeeCents                  *int64 `json:"fee_cents,omitempty"`
	PrimaryCIIncurredFeeCents *int64 `json:"primary_ci_incurred_fee_cents,omitempty"`
	BundleID                  string `json:"bundle_id,omitempty"`
	CIBundleID                string `json:"ci_bundle_id,omitempty"`

	// PaymentDateTime is when the debtor was discharged (nil when
	// absent). A date-time sent without a zone is Italian time
	// (Europe/Rome), as the Nodo writes it.
	PaymentDateTime *time.Time `json:"payment_date_time"`
	// ApplicationDate is the PSP's booking date, TransferDate the day
	// the money reaches the ente; nil when absent.
	ApplicationDate *Date `json:"application_date"`
	TransferDate    *Date `json:"transfer_date"`

	// StandIn reports a payment taken by the Nodo's stand-in.
	StandIn   bool       `json:"standin"`
	Metadata  []MapEntry `json:"metadata,omitempty"`
	Transfers []Transfer `json:"transfers"`

	// Legacy holds what only an RT carries.
	Legacy *Legacy `json:"legacy,omitempty"`

	// Warnings list departures from the XSD that did not stop the
	// receipt from being read (an unknown enumeration value, an empty
	// required text, an MBDAttachment that is not base64…), with the
	// element path.
	Warnings []Warning `json:"warnings,omitempty"`

	// Raw is the message as received (the whole input of Parse).
	Raw []byte `json:"-"`
	// RPT is the legacy request (RPT) the RT answers, when known.
	RPT []byte `json:"-"`
}

// A Transfer is one beneficiary's share of the payment.
type Transfer struct {
	IDTransfer  int    `json:"id_transfer"`
	AmountCents int64  `json:"amount_cents"`
	FiscalCode  string `json:"fiscal_code"` // fiscalCodePA: the beneficiary
	CompanyName string `json:"company_name,omitempty"`
	IBAN        string `json:"iban,omitempty"`
	// HasStamp reports an @e.bollo transfer (MBDAttachment in V2, or
	// an RT's allegatoRicevuta of type BD).
	HasStamp bool `json:"has_stamp"`
	// UnverifiedMBD is the decoded MBDAttachment: the MarcaDaBollo XML
	// signed by the PSP, not verified here (package bollo verifies it).
	UnverifiedMBD         []byte     `json:"-"`
	RemittanceInformation string     `json:"remittance_information"`
	TransferCategory      string     `json:"transfer_category"`
	Metadata              []MapEntry `json:"metadata,omitempty"`
	// IUR is the legacy identificativoUnivocoRiscossione of an RT's
	// datiSingoloPagamento.
	IUR string `json:"iur,omitempty"`
}

// A Subject is a debtor or payer.
type Subject struct {
	// EntityType is F (natural person) or G (legal person).
	EntityType          string `json:"entity_type"`
	EntityID            string `json:"entity_id"` // codice fiscale, partita IVA or ANONIMO
	FullName            string `json:"full_name"`
	StreetName          string `json:"street_name,omitempty"`
	CivicNumber         string `json:"civic_number,omitempty"`
	PostalCode          string `json:"postal_code,omitempty"`
	City                string `json:"city,omitempty"`
	StateProvinceRegion string `json:"state_province_region,omitempty"`
	Country             string `json:"country,omitempty"`
	Email               string `json:"email,omitempty"`
}

// A MapEntry is a key/value pair of metadata.
type MapEntry struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Legacy holds the fields only a legacy RT has.
type Legacy struct {
	// OutcomeCode is codiceEsitoPagamento: 0 eseguito, 1 non eseguito,
	// 2 parzialmente eseguito, 3 decorrenza termini, 4 decorrenza
	// termini parziale.
	OutcomeCode         string     `json:"outcome_code"`
	PaymentContextCode  string     `json:"payment_context_code"` // CodiceContestoPagamento (CCP)
	RequestMessageID    string     `json:"request_message_id"`   // riferimentoMessaggioRichiesta
	RequestDate         *Date      `json:"request_date"`         // riferimentoDataRichiesta
	MessageDateTime     *time.Time `json:"message_date_time"`    // dataOraMessaggioRicevuta
	RequestingStationID string     `json:"requesting_station_id,omitempty"`
}

// A Warning is a departure from the schema that Parse tolerated.
type Warning struct {
	Path    string `json:"path"`    // element path, e.g. receipt/debtor/uniqueIdentifier/entityUniqueIdentifierType
	Message string `json:"message"` // what is wrong
}

// A Date is a calendar date without a time or zone (xs:date).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// MarshalJSON writes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return &time.ParseError{Layout: time.DateOnly, Value: string(b), Message: ": not a JSON string"}
	}
	t, err := time.Parse(time.DateOnly, string(b[1:len(b)-1]))
	if err != nil {
		return err
	}
	*d = Date{t.Year(), t.Month(), t.Day()}
	return nil
}
