package pagopa

import (
	"time"
)

// A Receipt is a payment receipt the Nodo delivered with paSendRT (Version
// 1) or paSendRTV2 (Version 2), normalised. Raw keeps the receipt element
// exactly as received.
type Receipt struct {
	Version int `json:"version"` // 1: paSendRT, 2: paSendRTV2

	ReceiptID    string            `json:"receiptId"`              // receiptId (the payment token, IUR)
	NoticeNumber string            `json:"noticeNumber"`           // as received: its check digit is not enforced
	Organization string            `json:"organizationFiscalCode"` // fiscalCode: the ente the receipt is for
	Outcome      string            `json:"outcome"`                // OK or KO
	IUV          string            `json:"iuv"`                    // creditorReferenceId
	Amount       int64             `json:"amount"`                 // paymentAmount, euro cents
	Description  string            `json:"description,omitempty"`
	CompanyName  string            `json:"companyName,omitempty"`
	OfficeName   string            `json:"officeName,omitempty"`
	Debtor       Subject           `json:"debtor"`
	Payer        *Subject          `json:"payer,omitempty"`
	Transfers    []ReceiptTransfer `json:"transfers"`

	PSPID              string `json:"idPSP"` // idPSP
	PSPFiscalCode      string `json:"pspFiscalCode,omitempty"`
	PSPVATNumber       string `json:"pspPartitaIVA,omitempty"` // pspPartitaIVA
	PSPCompanyName     string `json:"pspCompanyName"`
	ChannelID          string `json:"idChannel"` // idChannel
	ChannelDescription string `json:"channelDescription,omitempty"`
	PaymentMethod      string `json:"paymentMethod,omitempty"`
	PaymentNote        string `json:"paymentNote,omitempty"` // V2: the Checkout cart id, among others
	// Fee and PrimaryCIIncurredFee are nil when absent.
	Fee                  *int64 `json:"fee,omitempty"`
	PrimaryCIIncurredFee *int64 `json:"primaryCiIncurredFee,omitempty"`
	BundleID             string `json:"idBundle,omitempty"`   // V2 idBundle
	CIBundleID           string `json:"idCiBundle,omitempty"` // V2 idCiBundle
	// PaymentDateTime discharges the debtor. The Nodo writes it without
	// a zone, in Italian time; it is kept as that wall clock in a
	// time.Time in UTC (reinterpret it in Europe/Rome for the instant,
	// as receipt.Parse does). ApplicationDate and TransferDate are dates
	// (midnight UTC) or zero when absent.
	PaymentDateTime time.Time  `json:"paymentDateTime"`
	ApplicationDate time.Time  `json:"applicationDate"`
	TransferDate    time.Time  `json:"transferDate"`
	Metadata        []MapEntry `json:"metadata,omitempty"`
	StandIn         bool       `json:"standIn,omitempty"`

	// Raw is the receipt element as received, byte for byte.
	Raw []byte `json:"raw,omitempty"`
	// ReceivedAt is when the endpoint received it.
	ReceivedAt time.Time `json:"receivedAt"`
	// Anomalies found when the receipt was applied to its position.
	Anomalies []Anomaly `json:"anomalies,omitempty"`
}

// A ReceiptTransfer is a transfer as paid.
type ReceiptTransfer struct {
	ID           int    `json:"idTransfer"`
	Amount       int64  `json:"amount"`
	Organization string `json:"organizationFiscalCode"`
	CompanyName  string `json:"companyName,omitempty"` // V2
	IBAN         string `json:"iban,omitempty"`
	// UnverifiedMBD is the @e.bollo receipt (the MarcaDaBollo XML) of a stamp
	// transfer (V2 MBDAttachment, decoded from base64), unverified.
	UnverifiedMBD []byte `json:"unverifiedMBD,omitempty"`
	// Stamp is the outcome of the Handler's check of UnverifiedMBD (see
	// StampPolicy); nil when the transfer carries no MBD.
	Stamp      *StampCheck `json:"stamp,omitempty"`
	Remittance string      `json:"remittanceInformation"`
	Category   string      `json:"category"`
	Metadata   []MapEntry  `json:"metadata,omitempty"`
}

// An Anomaly is something unexpected about a receipt. The receipt is
// stored all the same (the money has moved) and the anomaly is recorded
// with it and in the journal, for an operator to look at.
type Anomaly string

// The anomalies.
const (
	// UnknownPosition: no position has the receipt's IUV.
	UnknownPosition Anomaly = "unknown_position"
	// DoublePayment: the option had already been paid with another receipt.
	DoublePayment Anomaly = "double_payment"
	// AmountMismatch: the receipt's amount differs from the option's.
	AmountMismatch Anomaly = "amount_mismatch"
	// NotPayable: the position was not payable (draft, published but
	// not yet valid, invalid, expired, reported).
	NotPayable Anomaly = "not_payable"
	// OutcomeKO: the receipt reports a failed payment.
	OutcomeKO Anomaly = "outcome_ko"
)

// ApplyReceipt records r on p: the option with r's IUV becomes paid, and
// the position PartiallyPaid or Paid (Paid once the single payment or
// every instalment is paid). It returns the anomalies found; p is only
// changed as far as the state rules allow.
func (p *Position) ApplyReceipt(r *Receipt) []Anomaly {
	var an []Anomaly
	if r.Outcome != "" && r.Outcome != "OK" {
		return append(an, OutcomeKO)
	}
	o := p.Option(r.IUV)
	if o == nil {
		return append(an, UnknownPosition)
	}
	if o.Paid() {
		return append(an, DoublePayment)
	}
	if r.Amount != o.Amount {
		an = append(an, AmountMismatch)
	}
	if !p.Payable() {
		an = append(an, NotPayable)
	}
	o.Status = OptionPaid
	o.ReceiptID = r.ReceiptID
	when := r.PaymentDateTime
	if when.IsZero() {
		when = r.ReceivedAt
	}
	o.PaymentDate = &when

	full := !o.IsPartialPayment
	if o.IsPartialPayment {
		full = true
		for i := range p.Options {
			if p.Options[i].IsPartialPayment && !p.Options[i].Paid() {
				full = false
			}
		}
	}
	to := PartiallyPaid
	if full {
		to = Paid
	}
	if CanTransition(p.Status, to) {
		p.Status = to
		if to == Paid {
			p.PaymentDate = &when
		}
	}
	return an
}
