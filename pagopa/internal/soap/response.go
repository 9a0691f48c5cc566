package soap

import (
	"io"
	"time"
)

// A Fault is a ctFaultBean: why an EC answered KO.
type Fault struct {
	Code        string // faultCode, e.g. "PAA_PAGAMENTO_SCONOSCIUTO"
	String      string // faultString
	ID          string // id: who raised it, e.g. the EC's fiscal code
	Description string // optional
}

// A PaymentOption is the paymentList/paymentOptionDescription of a verify
// or demand response.
type PaymentOption struct {
	Amount            int64     // cents, not zero
	Options           string    // "EQ" (the only value in use), "LS", "GT" or "ANY"
	DueDate           time.Time // zero: omitted
	DetailDescription string
	AllCCP            bool // every transfer can be credited to a postal account
}

// VerifyRes is a paVerifyPaymentNoticeRes.
type VerifyRes struct {
	Outcome            string // OK or KO
	Fault              *Fault
	Option             *PaymentOption
	PaymentDescription string
	FiscalCodePA       string
	CompanyName        string
	OfficeName         string
}

// A Transfer is a transfer of a payment activation response: ctTransferPA
// (V1) or ctTransferPAV2 (V2).
type Transfer struct {
	ID           int   // idTransfer, 1..5
	Amount       int64 // cents, not zero
	FiscalCodePA string
	CompanyName  string // V2 only, optional
	IBAN         string // V1: required; V2: exactly one of IBAN and Stamp
	Stamp        *Stamp // V2 only
	Remittance   string // remittanceInformation
	Category     string // transferCategory
	Metadata     []MapEntry
}

// PaymentData is the data of a payment activation response: ctPaymentPA
// (V1) or ctPaymentPAV2 (V2, where CompanyName is required).
type PaymentData struct {
	CreditorReferenceID string // the IUV
	PaymentAmount       int64  // cents, not zero
	DueDate             time.Time
	RetentionDate       *time.Time // ignored by the Nodo
	LastPayment         *bool      // ignored by the Nodo
	Description         string
	CompanyName         string
	OfficeName          string
	Debtor              Subject
	Transfers           []Transfer // 1..5
	Metadata            []MapEntry
}

// GetPaymentRes is a paGetPaymentRes, or a paGetPaymentV2Response when V2
// is set.
type GetPaymentRes struct {
	V2      bool
	Outcome string
	Fault   *Fault
	Data    *PaymentData
}

// SendRTRes is a paSendRTRes, or a paSendRTV2Response when V2 is set.
type SendRTRes struct {
	V2      bool
	Outcome string
	Fault   *Fault
}

// DemandRes is a paDemandPaymentNoticeResponse.
type DemandRes struct {
	Outcome string
	Fault   *Fault
	// QRFiscalCode and QRNoticeNumber form the optional qrCode: both or
	// neither.
	QRFiscalCode       string
	QRNoticeNumber     string
	Option             *PaymentOption
	PaymentDescription string
	FiscalCodePA       string
	CompanyName        string
	OfficeName         string
}

// FaultResponse returns the KO response to op carrying f: a *VerifyRes,
// *GetPaymentRes (V2 for OpGetPaymentV2), *SendRTRes (V2 for OpSendRTV2)
// or *DemandRes. An unknown op gets a *VerifyRes.
func FaultResponse(op Operation, f Fault) any {
	switch op {
	case OpGetPayment, OpGetPaymentV2:
		return &GetPaymentRes{V2: op == OpGetPaymentV2, Outcome: "KO", Fault: &f}
	case OpSendRT, OpSendRTV2:
		return &SendRTRes{V2: op == OpSendRTV2, Outcome: "KO", Fault: &f}
	case OpDemand:
		return &DemandRes{Outcome: "KO", Fault: &f}
	}
	return &VerifyRes{Outcome: "KO", Fault: &f}
}

// DecodeResponse reads a response envelope to op, at most lim.MaxBytes
// bytes, and returns a *VerifyRes, *GetPaymentRes, *SendRTRes or
// *DemandRes. It is as tolerant as DecodeRequest (any namespace, unknown
// elements skipped) and checks values the same way; the wrapper must be
// op's response. A KO response keeps only its outcome and fault.
//
// Errors are *Error values classified like DecodeRequest's; a SOAP 1.1
// Fault in the Body gives an *Error with Fault FaultSOAP whose Err is a
// *ServerFault.
func DecodeResponse(r io.Reader, op Operation, lim Limits) (any, error) {
	lim = lim.withDefaults()
	var res any
	err := withInput(r, lim, func(p *decoder) error {
		local, err := p.body()
		if err != nil {
			return p.settle(err)
		}
		switch {
		case local == "Fault":
			return p.settle(p.serverFault())
		case local != responseElement(op):
			return p.settle(ErrUnknownOperation)
		}
		res, err = p.response(op)
		return p.settle(err)
	})
	if err != nil {
		return nil, newError(err, op, Header{})
	}
	return res, nil
}

var (
	soapFaultFields = fields("faultcode?", "faultstring?", "faultactor?")
	verifyResFields = fields("outcome", "fault?", "paymentList?", "paymentDescription?", "fiscalCodePA?",
		"companyName?", "officeName?")
	getPaymentResFields = fields("outcome", "fault?", "data?")
	sendRTResFields     = fields("outcome", "fault?")
	demandResFields     = fields("outcome", "fault?", "qrCode?", "paymentList?", "paymentDescription?",
		"fiscalCodePA?", "companyName?", "officeName?")
	faultFields       = fields("faultCode", "faultString", "id", "description?")
	paymentListFields = fields("paymentOptionDescription")
	optionFields      = fields("amount", "options", "dueDate?", "detailDescription?", "allCCP")
	paymentV1Fields   = fields("creditorReferenceId", "paymentAmount", "dueDate", "retentionDate?",
		"lastPayment?", "description", "companyName?", "officeName?", "debtor", "transferList", "metadata?")
	paymentV2Fields = fields("creditorReferenceId", "paymentAmount", "dueDate", "retentionDate?",
		"lastPayment?", "description", "companyName", "officeName?", "debtor", "transferList", "metadata?")
	transferV1Fields = fields("idTransfer", "transferAmount", "fiscalCodePA", "IBAN",
		"remittanceInformation", "transferCategory", "metadata?")
	transferV2Fields = fields("idTransfer", "transferAmount", "fiscalCodePA", "companyName?", "IBAN?",
		"richiestaMarcaDaBollo?", "remittanceInformation", "transferCategory", "metadata?")
	stampFields = fields("hashDocumento", "tipoBollo", "provinciaResidenza")
)

// serverFault reads a SOAP 1.1 Fault and returns it as a *ServerFault.
func (p *decoder) serverFault() error {
	f := &ServerFault{}
	err := p.each(soapFaultFields, func(name string) error {
		switch name {
		case "faultcode":
			return p.str(&f.Code, kString)
		case "faultstring":
			return p.str(&f.String, kString)
		}
		return p.str(&f.Actor, kString)
	})
	if err != nil {
		return err
	}
	return f
}

// response reads the children of op's response wrapper.
func (p *decoder) response(op Operation) (any, error) {
	switch op {
	case OpVerify:
		v := &VerifyRes{}
		err := p.each(verifyResFields, func(name string) error {
			switch name {
			case "paymentList":
				v.Option = &PaymentOption{}
				return p.paymentList(v.Option)
			case "paymentDescription":
				return p.str(&v.PaymentDescription, kText140)
			case "fiscalCodePA":
				return p.str(&v.FiscalCodePA, kFiscalCodePA)
			case "companyName":
				return p.str(&v.CompanyName, kText140)
			case "officeName":
				return p.str(&v.OfficeName, kText140)
			}
			return p.outcome(name, &v.Outcome, &v.Fault)
		})
		if v.Outcome == "KO" {
			*v = VerifyRes{Outcome: v.Outcome, Fault: v.Fault}
		}
		return v, err
	case OpGetPayment, OpGetPaymentV2:
		v := &GetPaymentRes{V2: op == OpGetPaymentV2}
		err := p.each(getPaymentResFields, func(name string) error {
			if name == "data" {
				v.Data = &PaymentData{}
				return p.paymentData(v.Data, v.V2)
			}
			return p.outcome(name, &v.Outcome, &v.Fault)
		})
		if v.Outcome == "KO" {
			v.Data = nil
		}
		return v, err
	case OpSendRT, OpSendRTV2:
		v := &SendRTRes{V2: op == OpSendRTV2}
		err := p.each(sendRTResFields, func(name string) error {
			return p.outcome(name, &v.Outcome, &v.Fault)
		})
		return v, err
	case OpDemand:
		v := &DemandRes{}
		err := p.each(demandResFields, func(name string) error {
			switch name {
			case "qrCode":
				return p.qrCode(&v.QRFiscalCode, &v.QRNoticeNumber)
			case "paymentList":
				v.Option = &PaymentOption{}
				return p.paymentList(v.Option)
			case "paymentDescription":
				return p.str(&v.PaymentDescription, kText140)
			case "fiscalCodePA":
				return p.str(&v.FiscalCodePA, kFiscalCodePA)
			case "companyName":
				return p.str(&v.CompanyName, kText140)
			case "officeName":
				return p.str(&v.OfficeName, kText140)
			}
			return p.outcome(name, &v.Outcome, &v.Fault)
		})
		if v.Outcome == "KO" {
			*v = DemandRes{Outcome: v.Outcome, Fault: v.Fault}
		}
		return v, err
	}
	return nil, ErrUnknownOperation
}

// outcome reads the ctResponse children: outcome and fault.
func (p *decoder) outcome(name string, outcome *string, fault **Fault) error {
	switch name {
	case "outcome":
		return p.str(outcome, kOutcome)
	case "fault":
		f := &Fault{}
		*fault = f
		return p.each(faultFields, func(name string) error {
			switch name {
			case "faultCode":
				return p.str(&f.Code, kString)
			case "faultString":
				return p.str(&f.String, kString)
			case "id":
				return p.str(&f.ID, kString)
			}
			return p.str(&f.Description, kString)
		})
	}
	return p.skip()
}

// paymentList reads a ctPaymentOptionsDescriptionListPA.
func (p *decoder) paymentList(o *PaymentOption) error {
	return p.each(paymentListFields, func(string) error {
		return p.each(optionFields, func(name string) error {
			switch name {
			case "amount":
				return p.amount(&o.Amount, true)
			case "options":
				return p.str(&o.Options, kAmountOption)
			case "dueDate":
				return p.date(&o.DueDate)
			case "detailDescription":
				return p.str(&o.DetailDescription, kText140)
			}
			return p.boolean(&o.AllCCP)
		})
	})
}

// paymentData reads a ctPaymentPA (v2: ctPaymentPAV2).
func (p *decoder) paymentData(d *PaymentData, v2 bool) error {
	fs := paymentV1Fields
	if v2 {
		fs = paymentV2Fields
	}
	return p.each(fs, func(name string) error {
		switch name {
		case "creditorReferenceId":
			return p.str(&d.CreditorReferenceID, kText35)
		case "paymentAmount":
			return p.amount(&d.PaymentAmount, true)
		case "dueDate":
			return p.date(&d.DueDate)
		case "retentionDate":
			d.RetentionDate = new(time.Time)
			return p.dateTime(d.RetentionDate)
		case "lastPayment":
			d.LastPayment = new(bool)
			return p.boolean(d.LastPayment)
		case "description":
			return p.str(&d.Description, kText140)
		case "companyName":
			return p.str(&d.CompanyName, kText140)
		case "officeName":
			return p.str(&d.OfficeName, kText140)
		case "debtor":
			return p.subject(&d.Debtor)
		case "transferList":
			return p.each(transferListFields, func(string) error {
				d.Transfers = append(d.Transfers, Transfer{})
				return p.transfer(&d.Transfers[len(d.Transfers)-1], v2)
			})
		case "metadata":
			return p.metadata(&d.Metadata)
		}
		return p.skip()
	})
}

// transfer reads a ctTransferPA (v2: ctTransferPAV2).
func (p *decoder) transfer(t *Transfer, v2 bool) error {
	fs := transferV1Fields
	if v2 {
		fs = transferV2Fields
	}
	err := p.each(fs, func(name string) error {
		switch name {
		case "idTransfer":
			return p.idTransfer(&t.ID)
		case "transferAmount":
			return p.amount(&t.Amount, true)
		case "fiscalCodePA":
			return p.str(&t.FiscalCodePA, kFiscalCodePA)
		case "companyName":
			return p.str(&t.CompanyName, kText140)
		case "IBAN":
			return p.str(&t.IBAN, kIBAN)
		case "richiestaMarcaDaBollo":
			t.Stamp = &Stamp{}
			return p.each(stampFields, func(name string) error {
				switch name {
				case "hashDocumento":
					return p.str(&t.Stamp.HashDocument, kHash72)
				case "tipoBollo":
					return p.str(&t.Stamp.Type, kTipoBollo)
				}
				return p.str(&t.Stamp.Province, kCountry)
			})
		case "remittanceInformation":
			return p.str(&t.Remittance, kText140)
		case "transferCategory":
			return p.str(&t.Category, kText140)
		case "metadata":
			return p.metadata(&t.Metadata)
		}
		return p.skip()
	})
	if err != nil || !v2 {
		return err
	}
	return p.choice(t.IBAN != "", t.Stamp != nil, "IBAN", "richiestaMarcaDaBollo")
}
