package pagopa

import (
	"time"
)

// A Receipt is a payment receipt the Nodo delivered with paSendRT (Version
// 1) or paSendRTV2 (Version 2), normalised. Raw keeps the receipt element
// exactly as received.
type Receipt struct {
	Version int // 1: paSendRT, 2: paSendRTV2

	ReceiptID    string // receiptId (the payment token, IUR)
	NoticeNumber string // as received: its check digit is not enforced
	Organization string // fiscalCode: the ente the receipt is for
	Outcome      string // OK or KO
	IUV          string // creditorReferenceId
	Amount       int64  // paymentAmount, euro cents
	Description  string
	CompanyName  string
	OfficeName   string
	Debtor       Subject
	Payer        *Subject
	Transfers    []ReceiptTransfer

	PSPID              string // idPSP
	PSPFiscalCode      string
	PSPVATNumber       string // pspPartitaIVA
	PSPCompanyName     string
	ChannelID          string // idChannel
	ChannelDescription string
	PaymentMethod      string
	PaymentNote        string // V2: the Checkout cart id, among others
	// Fee and PrimaryCIIncurredFee are nil when absent.
	Fee                  *int64
	PrimaryCIIncurredFee *int64
	BundleID             string // V2 idBundle
	CIBundleID           string // V2 idCiBundle
	// PaymentDateTime discharges the debtor; ApplicationDate and
	// TransferDate are dates (midnight UTC) or zero when absent.
	PaymentDateTime time.Time
	ApplicationDate time.Time
	TransferDate    time.Time
	Metadata        []MapEntry
	StandIn         bool

	// Raw is the receipt element as received, byte for byte.
	Raw []byte
	// ReceivedAt is when the endpoint received it.
	ReceivedAt time.Time
	// Anomalies found when the receipt was applied to its position.
	Anomalies []Anomaly
}

// A ReceiptTransfer is a transfer as paid.
type ReceiptTransfer struct {
	ID           int
	Amount       int64
	Organization string
	CompanyName  string // V2
	IBAN         string
	// MBD is the @e.bollo receipt (the MarcaDaBollo XML) of a stamp
	// transfer (V2 MBDAttachment, decoded from base64), unverified.
	MBD        []byte
	Remittance string
	Category   string
	Metadata   []MapEntry
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
