package soap

import (
	"io"
	"time"
)

// Header holds the fields that open every request: the EC (idPA), its
// broker (idBrokerPA) and the broker's station (idStation).
type Header struct {
	IDPA       string
	IDBrokerPA string
	IDStation  string
}

// A Request is a decoded paForNode request. Exactly one of Verify,
// Payment, SendRT and Demand is set, as Op says.
type Request struct {
	Op      Operation
	Header  Header
	Verify  *VerifyReq     // OpVerify
	Payment *GetPaymentReq // OpGetPayment, OpGetPaymentV2
	SendRT  *SendRTReq     // OpSendRT, OpSendRTV2
	Demand  *DemandReq     // OpDemand
}

// VerifyReq is the body of paVerifyPaymentNoticeReq: the qrCode of the
// notice to verify.
type VerifyReq struct {
	FiscalCode   string // qrCode/fiscalCode: the EC's fiscal code, 11 digits
	NoticeNumber string // qrCode/noticeNumber: 18 digits
}

// GetPaymentReq is the body of paGetPaymentReq and paGetPaymentV2Request,
// which activate the payment of a notice.
type GetPaymentReq struct {
	FiscalCode   string // qrCode/fiscalCode
	NoticeNumber string // qrCode/noticeNumber
	Amount       int64  // amount in cents, when HasAmount
	HasAmount    bool
	PaymentNote  string    // paymentNote, "" if absent
	TransferType string    // "", "POSTAL" or "PAGOPA"
	DueDate      time.Time // zero if absent
}

// SendRTReq is the body of paSendRTReq and paSendRTV2Request: a receipt.
type SendRTReq struct {
	Receipt Receipt
	// Raw is the <receipt>…</receipt> element exactly as received. It is
	// ignored by WriteRequest.
	Raw []byte
}

// DemandReq is the body of paDemandPaymentNoticeRequest, which asks the EC
// to create a debt position for a service.
type DemandReq struct {
	IDServizio         string // 5 characters
	IDSoggettoServizio string // 5 characters; "" if absent (tolerated)
	// DatiSpecificiServizio is datiSpecificiServizioRequest decoded from
	// base64: an XML document of the service's catalogue schema.
	DatiSpecificiServizio []byte
}

// DecodeRequest reads one SOAP request envelope from r, at most
// lim.MaxBytes bytes, and returns the request.
//
// action is the HTTP SOAPAction header. The operation is the local name
// of the Body's first element (in any namespace); action is used only
// when that name is unknown, and may then be quoted or a URI whose last
// segment is the operation (see ParseAction).
//
// Errors are *Error values: Fault is FaultXSD for a schema violation, with
// Field naming the element, and FaultExtraXSD for a message that is not a
// paForNode SOAP request (see the package documentation); FaultSystem
// only if r fails. Op and Header are set as far as they were read.
func DecodeRequest(r io.Reader, action string, lim Limits) (*Request, error) {
	lim = lim.withDefaults()
	req := &Request{}
	err := withInput(r, lim, func(p *decoder) error {
		local, err := p.body()
		if err != nil {
			return p.settle(err)
		}
		op, ok := requestOp(local)
		if !ok {
			if op, ok = ParseAction(action); !ok {
				return p.settle(ErrUnknownOperation)
			}
		}
		req.Op = op
		return p.settle(p.request(req))
	})
	if err != nil {
		return nil, newError(err, req.Op, req.Header)
	}
	return req, nil
}

// The children of the request wrappers.
var (
	verifyReqFields     = fields("idPA", "idBrokerPA", "idStation", "qrCode")
	getPaymentReqFields = fields("idPA", "idBrokerPA", "idStation", "qrCode", "amount?", "paymentNote?", "transferType?", "dueDate?")
	sendRTReqFields     = fields("idPA", "idBrokerPA", "idStation", "receipt")
	demandReqFields     = fields("idPA", "idBrokerPA", "idStation", "idServizio", "idSoggettoServizio?", "datiSpecificiServizioRequest")
	qrCodeFields        = fields("fiscalCode", "noticeNumber")
)

// request reads the wrapper's children into req.
func (p *decoder) request(req *Request) error {
	switch req.Op {
	case OpVerify:
		v := &VerifyReq{}
		req.Verify = v
		return p.each(verifyReqFields, func(name string) error {
			if name == "qrCode" {
				return p.qrCode(&v.FiscalCode, &v.NoticeNumber)
			}
			return p.header(name, &req.Header)
		})
	case OpGetPayment, OpGetPaymentV2:
		v := &GetPaymentReq{}
		req.Payment = v
		return p.each(getPaymentReqFields, func(name string) error {
			switch name {
			case "qrCode":
				return p.qrCode(&v.FiscalCode, &v.NoticeNumber)
			case "amount":
				v.HasAmount = true
				return p.amount(&v.Amount, false)
			case "paymentNote":
				return p.str(&v.PaymentNote, kText210)
			case "transferType":
				return p.str(&v.TransferType, kTransferType)
			case "dueDate":
				return p.date(&v.DueDate)
			}
			return p.header(name, &req.Header)
		})
	case OpSendRT, OpSendRTV2:
		v := &SendRTReq{}
		req.SendRT = v
		return p.each(sendRTReqFields, func(name string) error {
			if name == "receipt" {
				start := p.start
				if err := p.receipt(&v.Receipt, req.Op == OpSendRTV2); err != nil {
					return err
				}
				v.Raw = append([]byte(nil), p.in[start:p.d.Offset()]...)
				return nil
			}
			return p.header(name, &req.Header)
		})
	case OpDemand:
		v := &DemandReq{}
		req.Demand = v
		return p.each(demandReqFields, func(name string) error {
			switch name {
			case "idServizio":
				return p.str(&v.IDServizio, kIDService)
			case "idSoggettoServizio":
				return p.str(&v.IDSoggettoServizio, kIDService)
			case "datiSpecificiServizioRequest":
				return p.base64(&v.DatiSpecificiServizio)
			}
			return p.header(name, &req.Header)
		})
	}
	return ErrUnknownOperation
}

// header reads one of the header children.
func (p *decoder) header(name string, h *Header) error {
	switch name {
	case "idPA":
		return p.str(&h.IDPA, kText35)
	case "idBrokerPA":
		return p.str(&h.IDBrokerPA, kText35)
	case "idStation":
		return p.str(&h.IDStation, kText35)
	}
	return p.skip()
}

// qrCode reads a ctQrCode.
func (p *decoder) qrCode(fiscalCode, noticeNumber *string) error {
	return p.each(qrCodeFields, func(name string) error {
		if name == "fiscalCode" {
			return p.str(fiscalCode, kFiscalCodePA)
		}
		return p.str(noticeNumber, kNoticeNumber)
	})
}
