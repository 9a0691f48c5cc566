package pagopatest

import (
	"context"
	"errors"
	"maps"
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// A Verification is the answer to paVerifyPaymentNotice.
type Verification struct {
	FiscalCode, NoticeNumber string
	Amount                   int64 // euro cents
	DueDate                  time.Time
	Description              string
	CompanyName, OfficeName  string
	AllCCP                   bool
}

// Verify asks the endpoint about a notice (paVerifyPaymentNotice).
func (n *Nodo) Verify(ctx context.Context, fiscalCode, noticeNumber string) (*Verification, error) {
	resp, err := n.call(ctx, &soap.Request{Op: soap.OpVerify, Header: n.header(fiscalCode),
		Verify: &soap.VerifyReq{FiscalCode: fiscalCode, NoticeNumber: noticeNumber}})
	if err != nil {
		return nil, err
	}
	r := resp.(*soap.VerifyRes)
	v := &Verification{FiscalCode: r.FiscalCodePA, NoticeNumber: noticeNumber, Description: r.PaymentDescription,
		CompanyName: r.CompanyName, OfficeName: r.OfficeName}
	if r.Option == nil {
		return nil, &Fault{Code: "PPT_STAZIONE_INT_PA_ERRORE_RESPONSE", String: "paymentList missing"}
	}
	v.Amount, v.DueDate, v.AllCCP = r.Option.Amount, r.Option.DueDate, r.Option.AllCCP
	return v, nil
}

// ProbeStandIn sends the Nodo's stand-in exit probe, a verification of
// notice 000000000000000000, and returns nil when the endpoint answers
// PAA_PAGAMENTO_SCONOSCIUTO as it must.
func (n *Nodo) ProbeStandIn(ctx context.Context, fiscalCode string) error {
	_, err := n.Verify(ctx, fiscalCode, "000000000000000000")
	if IsFault(err, "PAA_PAGAMENTO_SCONOSCIUTO") {
		return nil
	}
	if err == nil {
		return errors.New("pagopatest: the stand-in probe was answered OK")
	}
	return err
}

// ActivateOptions tune an activation.
type ActivateOptions struct {
	// V2 uses paGetPaymentV2 (needed for @e.bollo transfers).
	V2 bool
	// Amount sent in the request; 0 sends none.
	Amount int64
	// PaymentNote is sent as paymentNote (Checkout's cart id).
	PaymentNote string
	// TransferType is "", "POSTAL" or "PAGOPA".
	TransferType string
}

// An Activation is the answer to paGetPayment(V2), with the payment token
// the Nodo generated for it.
type Activation struct {
	V2                       bool
	Token                    string
	FiscalCode, NoticeNumber string
	IUV                      string
	Amount                   int64
	DueDate                  time.Time
	Description              string
	CompanyName, OfficeName  string
	Debtor                   Subject
	Transfers                []Transfer
}

// A Subject is a debtor as the endpoint described it.
type Subject struct {
	Type, ID, FullName string
}

// A Transfer is a transfer of an activated payment.
type Transfer struct {
	ID          int
	Amount      int64
	FiscalCode  string
	CompanyName string
	IBAN        string
	Stamp       *Stamp
	Remittance  string
	Category    string
}

// A Stamp is a @e.bollo request of a transfer.
type Stamp struct {
	HashDocument, Type, Province string
}

// Activate activates a notice (paGetPayment, or paGetPaymentV2 with
// opt.V2) and checks what the Nodo checks: the amount is the sum of 1 to
// 5 transfers.
func (n *Nodo) Activate(ctx context.Context, fiscalCode, noticeNumber string, opt ActivateOptions) (*Activation, error) {
	op := soap.OpGetPayment
	if opt.V2 {
		op = soap.OpGetPaymentV2
	}
	resp, err := n.call(ctx, &soap.Request{Op: op, Header: n.header(fiscalCode), Payment: &soap.GetPaymentReq{
		FiscalCode: fiscalCode, NoticeNumber: noticeNumber, Amount: opt.Amount, HasAmount: opt.Amount > 0,
		PaymentNote: opt.PaymentNote, TransferType: opt.TransferType,
	}})
	if err != nil {
		return nil, err
	}
	d := resp.(*soap.GetPaymentRes).Data
	if d == nil {
		return nil, &Fault{Code: "PPT_STAZIONE_INT_PA_ERRORE_RESPONSE", String: "data missing"}
	}
	a := &Activation{
		V2: opt.V2, Token: n.newToken(), FiscalCode: fiscalCode, NoticeNumber: noticeNumber,
		IUV: d.CreditorReferenceID, Amount: d.PaymentAmount, DueDate: d.DueDate, Description: d.Description,
		CompanyName: d.CompanyName, OfficeName: d.OfficeName,
		Debtor: Subject{Type: d.Debtor.Type, ID: d.Debtor.ID, FullName: d.Debtor.FullName},
	}
	var sum int64
	for _, t := range d.Transfers {
		tr := Transfer{ID: t.ID, Amount: t.Amount, FiscalCode: t.FiscalCodePA, CompanyName: t.CompanyName,
			IBAN: t.IBAN, Remittance: t.Remittance, Category: t.Category}
		if t.Stamp != nil {
			tr.Stamp = &Stamp{HashDocument: t.Stamp.HashDocument, Type: t.Stamp.Type, Province: t.Stamp.Province}
		}
		a.Transfers = append(a.Transfers, tr)
		sum += t.Amount
	}
	if len(a.Transfers) == 0 || len(a.Transfers) > 5 || sum != a.Amount {
		return a, &Fault{Code: "PPT_STAZIONE_INT_PA_ERRORE_RESPONSE",
			String: "paymentAmount is not the sum of 1 to 5 transfers"}
	}
	return a, nil
}

// ReceiptOptions tune a receipt.
type ReceiptOptions struct {
	// PaymentDateTime defaults to the Nodo's clock.
	PaymentDateTime time.Time
	// StandIn marks a payment collected during the stand-in.
	StandIn bool
	// MBD holds, by transfer id, the @e.bollo receipt XML of stamp
	// transfers (V2 MBDAttachment). A stamp transfer without one gets a
	// placeholder document, which is not a valid stamp.
	MBD map[int][]byte
	// PaymentNote is written in V2 receipts.
	PaymentNote string
}

// receipt builds the receipt the Nodo sends for a completed activation.
func (n *Nodo) receipt(a *Activation, opt ReceiptOptions) soap.Receipt {
	psp := n.psp()
	when := opt.PaymentDateTime
	if when.IsZero() {
		when = n.now()
	}
	when = when.Truncate(time.Second)
	fee := psp.Fee
	r := soap.Receipt{
		ReceiptID: a.Token, NoticeNumber: a.NoticeNumber, FiscalCode: a.FiscalCode, Outcome: "OK",
		CreditorReferenceID: a.IUV, PaymentAmount: a.Amount, Description: a.Description,
		CompanyName: a.CompanyName, OfficeName: a.OfficeName,
		Debtor: soap.Subject{Type: a.Debtor.Type, ID: a.Debtor.ID, FullName: a.Debtor.FullName},
		IDPSP:  psp.ID, PSPFiscalCode: psp.FiscalCode, PSPPartitaIVA: psp.VATNumber, PSPCompanyName: psp.CompanyName,
		IDChannel: psp.ChannelID, ChannelDescription: psp.ChannelDescription, PaymentMethod: psp.PaymentMethod,
		Fee: &fee, PaymentDateTime: when,
		ApplicationDate: time.Date(when.Year(), when.Month(), when.Day(), 0, 0, 0, 0, time.UTC),
		TransferDate:    time.Date(when.Year(), when.Month(), when.Day()+1, 0, 0, 0, 0, time.UTC),
		StandIn:         opt.StandIn,
	}
	if a.V2 {
		r.PaymentNote = opt.PaymentNote
	}
	for _, t := range a.Transfers {
		rt := soap.ReceiptTransfer{ID: t.ID, Amount: t.Amount, FiscalCodePA: t.FiscalCode, IBAN: t.IBAN,
			Remittance: t.Remittance, Category: t.Category}
		if a.V2 {
			rt.CompanyName = t.CompanyName
		}
		if t.Stamp != nil {
			rt.IBAN = ""
			rt.MBD = opt.MBD[t.ID]
			if rt.MBD == nil {
				rt.MBD = []byte(`<marcaDaBollo xmlns="http://www.agenziaentrate.gov.it/2014/MarcaDaBollo"><!-- pagopatest placeholder, not a stamp --></marcaDaBollo>`)
			}
		}
		r.Transfers = append(r.Transfers, rt)
	}
	return r
}

// SendReceipt delivers the receipt of a (paSendRT, or paSendRTV2 for a V2
// activation) and returns its receiptId. With Nodo.Stamps, each call
// signs new MBDs (new IUBDs) for the stamps not in opt.MBD: to deliver
// the same receipt again, pass the MBDs of StampMBDs, or use
// SendReceiptRetry.
func (n *Nodo) SendReceipt(ctx context.Context, a *Activation, opt ReceiptOptions) (string, error) {
	op := soap.OpSendRT
	if a.V2 {
		op = soap.OpSendRTV2
	}
	opt, err := n.withStamps(a, opt)
	if err != nil {
		return "", err
	}
	r := n.receipt(a, opt)
	_, err = n.call(ctx, &soap.Request{Op: op, Header: n.header(a.FiscalCode), SendRT: &soap.SendRTReq{Receipt: r}})
	return r.ReceiptID, err
}

// RetryPolicy is the Nodo's redelivery of receipts: after a failed
// attempt k (1-based) it waits Slot·(2^k − 1), up to Attempts attempts.
type RetryPolicy struct {
	Attempts int
	Slot     time.Duration
}

// DefaultRetry is 5 attempts with a 1-second slot.
var DefaultRetry = RetryPolicy{Attempts: 5, Slot: time.Second}

// SendReceiptRetry delivers the receipt as the Nodo does when the
// endpoint fails: it retries on transport errors, timeouts and
// PAA_SYSTEM_ERROR, and stops at OK or at PAA_RECEIPT_DUPLICATA (the
// receipt is there). It returns the number of attempts made.
func (n *Nodo) SendReceiptRetry(ctx context.Context, a *Activation, opt ReceiptOptions, p RetryPolicy) (int, error) {
	if p.Attempts <= 0 {
		p = DefaultRetry
	}
	if opt.PaymentDateTime.IsZero() {
		opt.PaymentDateTime = n.now() // the same receipt on every attempt
	}
	opt, err := n.withStamps(a, opt) // the same stamps too
	if err != nil {
		return 0, err
	}
	for k := 1; k <= p.Attempts; k++ {
		_, err = n.SendReceipt(ctx, a, opt)
		var f *Fault
		switch {
		case err == nil, IsFault(err, "PAA_RECEIPT_DUPLICATA"):
			return k, nil
		case errors.As(err, &f) && f.Code != "PAA_SYSTEM_ERROR":
			return k, err // a fault that a retry cannot fix
		}
		if k == p.Attempts {
			break
		}
		t := time.NewTimer(p.Slot * time.Duration(1<<k-1))
		select {
		case <-ctx.Done():
			t.Stop()
			return k, ctx.Err()
		case <-t.C:
		}
	}
	return p.Attempts, err
}

// A Payment is the outcome of Pay.
type Payment struct {
	Verification *Verification
	Activation   *Activation
	ReceiptID    string
}

// Pay plays a whole payment: verify, activate (V1 or V2), send the
// receipt. It stops at the first KO, returning what was done so far.
func (n *Nodo) Pay(ctx context.Context, fiscalCode, noticeNumber string, v2 bool) (*Payment, error) {
	p := &Payment{}
	var err error
	if p.Verification, err = n.Verify(ctx, fiscalCode, noticeNumber); err != nil {
		return p, err
	}
	if p.Activation, err = n.Activate(ctx, fiscalCode, noticeNumber, ActivateOptions{V2: v2, Amount: p.Verification.Amount}); err != nil {
		return p, err
	}
	p.ReceiptID, err = n.SendReceipt(ctx, p.Activation, ReceiptOptions{})
	return p, err
}

// A Demand is the answer to paDemandPaymentNotice.
type Demand struct {
	FiscalCode, NoticeNumber string
	Amount                   int64
	DueDate                  time.Time
	Description              string
}

// Demand asks for a spontaneous payment (paDemandPaymentNotice) of a
// service with its data (the service XML, sent base64-encoded).
func (n *Nodo) Demand(ctx context.Context, fiscalCode, serviceID, subjectID string, data []byte) (*Demand, error) {
	resp, err := n.call(ctx, &soap.Request{Op: soap.OpDemand, Header: n.header(fiscalCode), Demand: &soap.DemandReq{
		IDServizio: serviceID, IDSoggettoServizio: subjectID, DatiSpecificiServizio: data}})
	if err != nil {
		return nil, err
	}
	r := resp.(*soap.DemandRes)
	d := &Demand{FiscalCode: r.QRFiscalCode, NoticeNumber: r.QRNoticeNumber, Description: r.PaymentDescription}
	if r.Option != nil {
		d.Amount, d.DueDate = r.Option.Amount, r.Option.DueDate
	}
	return d, nil
}

// A Response is the decoded answer to Post.
type Response struct {
	Outcome string
	Fault   *Fault
}

// Post sends body, a complete SOAP envelope, as the operation op (e.g.
// "paVerifyPaymentNotice"), and reports the outcome: for the official
// sample requests and hand-made ones.
func (n *Nodo) Post(ctx context.Context, op string, body []byte) (*Response, error) {
	resp, err := n.post(ctx, soap.Operation(op), body)
	if err != nil {
		return nil, err
	}
	r := &Response{Outcome: "OK"}
	if err := faultOf(resp); err != nil {
		var f *Fault
		errors.As(err, &f)
		r.Outcome, r.Fault = "KO", f
	}
	return r, nil
}

// StampMBDs returns an MBD signed by Nodo.Stamps for each stamp transfer
// of a, bought at the given time (the Nodo's clock when zero), by
// transfer id: the ReceiptOptions.MBD of a receipt.
func (n *Nodo) StampMBDs(a *Activation, at time.Time) (map[int][]byte, error) {
	if n.Stamps == nil {
		return nil, errors.New("pagopatest: Nodo.Stamps is not set")
	}
	if at.IsZero() {
		at = n.now()
	}
	out := map[int][]byte{}
	for _, t := range a.Transfers {
		if t.Stamp == nil {
			continue
		}
		m, err := n.Stamps.MBD(t.Stamp.HashDocument, t.Amount, at)
		if err != nil {
			return nil, err
		}
		out[t.ID] = m
	}
	return out, nil
}

// withStamps returns opt with an MBD for every stamp transfer of a that
// has none, when the Nodo has a StampIssuer.
func (n *Nodo) withStamps(a *Activation, opt ReceiptOptions) (ReceiptOptions, error) {
	if n.Stamps == nil || !a.V2 {
		return opt, nil
	}
	at := opt.PaymentDateTime
	if at.IsZero() {
		at = n.now()
	}
	var mbd map[int][]byte
	for _, t := range a.Transfers {
		if t.Stamp == nil || opt.MBD[t.ID] != nil {
			continue
		}
		if mbd == nil {
			mbd = maps.Clone(opt.MBD)
			if mbd == nil {
				mbd = map[int][]byte{}
			}
		}
		m, err := n.Stamps.MBD(t.Stamp.HashDocument, t.Amount, at)
		if err != nil {
			return opt, err
		}
		mbd[t.ID] = m
	}
	if mbd != nil {
		opt.MBD = mbd
	}
	return opt, nil
}
