package soap

import "io"

// WriteRequest writes the request envelope of req.Op: the wrapper (e.g.
// paVerifyPaymentNoticeReq) qualified in NSPaForNode, the header and the
// operation's body, which must be set. For OpSendRT it writes a V1
// ctReceipt and fails if a V2-only field is set; for OpSendRTV2 a
// ctReceiptV2. SendRTReq.Raw is ignored.
//
// Values are checked against their XSD types; a value that cannot be
// written gives an *Error with Fault FaultSystem and Field naming the
// element, and nothing is written. The message reaches w in one Write.
func WriteRequest(w io.Writer, req *Request) error {
	wrapper := requestElement(req.Op)
	ok := wrapper != ""
	switch req.Op {
	case OpVerify:
		ok = req.Verify != nil
	case OpGetPayment, OpGetPaymentV2:
		ok = req.Payment != nil
	case OpSendRT, OpSendRTV2:
		ok = req.SendRT != nil
	case OpDemand:
		ok = req.Demand != nil
	}
	if !ok {
		return &Error{Fault: FaultSystem, Op: req.Op, Err: ErrUnknownOperation}
	}
	return write(w, req.Op, wrapper, func(e *encoder) {
		e.str("idPA", req.Header.IDPA, kText35)
		e.str("idBrokerPA", req.Header.IDBrokerPA, kText35)
		e.str("idStation", req.Header.IDStation, kText35)
		switch req.Op {
		case OpVerify:
			e.qrCode(req.Verify.FiscalCode, req.Verify.NoticeNumber)
		case OpGetPayment, OpGetPaymentV2:
			v := req.Payment
			e.qrCode(v.FiscalCode, v.NoticeNumber)
			if v.HasAmount {
				e.amount("amount", v.Amount, false)
			}
			e.optStr("paymentNote", v.PaymentNote, kText210)
			e.optStr("transferType", v.TransferType, kTransferType)
			e.optDate("dueDate", v.DueDate)
		case OpSendRT, OpSendRTV2:
			e.receipt(&req.SendRT.Receipt, req.Op == OpSendRTV2)
		case OpDemand:
			v := req.Demand
			e.str("idServizio", v.IDServizio, kIDService)
			e.optStr("idSoggettoServizio", v.IDSoggettoServizio, kIDService)
			e.base64("datiSpecificiServizioRequest", v.DatiSpecificiServizio)
		}
	})
}

// WriteResponse writes the response envelope for resp, one of *VerifyRes,
// *GetPaymentRes (paGetPaymentV2Response when V2 is set), *SendRTRes and
// *DemandRes: the wrapper qualified in NSPaForNode with prefix paf, the
// children unqualified in XSD order, empty optional elements omitted.
// Outcome must be OK or KO; a KO response carries only the outcome and
// the fault, whatever else is set.
//
// Values are checked against their XSD types; a value that cannot be
// written gives an *Error with Fault FaultSystem and Field naming the
// element, and nothing is written. The message reaches w in one Write.
func WriteResponse(w io.Writer, resp any) error {
	switch r := resp.(type) {
	case *VerifyRes:
		if r != nil {
			return write(w, OpVerify, responseElement(OpVerify), func(e *encoder) {
				if e.outcome(r.Outcome, r.Fault) {
					e.paymentList(r.Option)
					e.optStr("paymentDescription", r.PaymentDescription, kText140)
					e.optStr("fiscalCodePA", r.FiscalCodePA, kFiscalCodePA)
					e.optStr("companyName", r.CompanyName, kText140)
					e.optStr("officeName", r.OfficeName, kText140)
				}
			})
		}
	case *GetPaymentRes:
		if r != nil {
			op := OpGetPayment
			if r.V2 {
				op = OpGetPaymentV2
			}
			return write(w, op, responseElement(op), func(e *encoder) {
				if e.outcome(r.Outcome, r.Fault) && r.Data != nil {
					e.paymentData(r.Data, r.V2)
				}
			})
		}
	case *SendRTRes:
		if r != nil {
			op := OpSendRT
			if r.V2 {
				op = OpSendRTV2
			}
			return write(w, op, responseElement(op), func(e *encoder) {
				e.outcome(r.Outcome, r.Fault)
			})
		}
	case *DemandRes:
		if r != nil {
			return write(w, OpDemand, responseElement(OpDemand), func(e *encoder) {
				if e.outcome(r.Outcome, r.Fault) {
					if r.QRFiscalCode != "" || r.QRNoticeNumber != "" {
						e.qrCode(r.QRFiscalCode, r.QRNoticeNumber)
					}
					e.paymentList(r.Option)
					e.optStr("paymentDescription", r.PaymentDescription, kText140)
					e.optStr("fiscalCodePA", r.FiscalCodePA, kFiscalCodePA)
					e.optStr("companyName", r.CompanyName, kText140)
					e.optStr("officeName", r.OfficeName, kText140)
				}
			})
		}
	}
	return &Error{Fault: FaultSystem, Err: errNoResponse}
}

// outcome writes the ctResponse children and reports whether the rest of
// an OK response follows.
func (e *encoder) outcome(outcome string, f *Fault) bool {
	e.str("outcome", outcome, kOutcome)
	if f != nil {
		e.open("fault")
		e.str("faultCode", f.Code, kString)
		e.str("faultString", f.String, kString)
		e.str("id", f.ID, kString)
		e.optStr("description", f.Description, kString)
		e.close()
	}
	return outcome == "OK"
}

func (e *encoder) qrCode(fiscalCode, noticeNumber string) {
	e.open("qrCode")
	e.str("fiscalCode", fiscalCode, kFiscalCodePA)
	e.str("noticeNumber", noticeNumber, kNoticeNumber)
	e.close()
}

// paymentList writes a ctPaymentOptionsDescriptionListPA, if o is set.
func (e *encoder) paymentList(o *PaymentOption) {
	if o == nil {
		return
	}
	e.open("paymentList")
	e.open("paymentOptionDescription")
	e.amount("amount", o.Amount, true)
	e.str("options", o.Options, kAmountOption)
	e.optDate("dueDate", o.DueDate)
	e.optStr("detailDescription", o.DetailDescription, kText140)
	e.boolean("allCCP", o.AllCCP)
	e.close()
	e.close()
}

// paymentData writes a ctPaymentPA (v2: ctPaymentPAV2).
func (e *encoder) paymentData(d *PaymentData, v2 bool) {
	e.open("data")
	e.str("creditorReferenceId", d.CreditorReferenceID, kText35)
	e.amount("paymentAmount", d.PaymentAmount, true)
	e.date("dueDate", d.DueDate)
	if d.RetentionDate != nil {
		e.dateTime("retentionDate", *d.RetentionDate)
	}
	if d.LastPayment != nil {
		e.boolean("lastPayment", *d.LastPayment)
	}
	e.str("description", d.Description, kText140)
	if v2 {
		e.str("companyName", d.CompanyName, kText140)
	} else {
		e.optStr("companyName", d.CompanyName, kText140)
	}
	e.optStr("officeName", d.OfficeName, kText140)
	e.subject("debtor", &d.Debtor)
	e.open("transferList")
	e.count("transfer", len(d.Transfers), 5)
	for i := range d.Transfers {
		e.transfer(&d.Transfers[i], i+1, v2)
	}
	e.close()
	e.metadata(d.Metadata)
	e.close()
}

// count checks the number n of occurrences of a repeated element that
// must appear 1..max times.
func (e *encoder) count(name string, n, max int) {
	switch {
	case n == 0:
		e.fail(name, errMissing)
	case n > max:
		e.fail(name, errTooMany)
	}
}

// transfer writes a ctTransferPA (v2: ctTransferPAV2).
func (e *encoder) transfer(t *Transfer, idx int, v2 bool) {
	e.openAt("transfer", idx)
	e.idTransfer("idTransfer", t.ID)
	e.amount("transferAmount", t.Amount, true)
	e.str("fiscalCodePA", t.FiscalCodePA, kFiscalCodePA)
	if v2 {
		e.optStr("companyName", t.CompanyName, kText140)
		switch {
		case t.IBAN != "" && t.Stamp != nil:
			e.fail("richiestaMarcaDaBollo", errChoice)
		case t.IBAN == "" && t.Stamp == nil:
			e.fail("IBAN|richiestaMarcaDaBollo", errMissing)
		case t.Stamp != nil:
			e.open("richiestaMarcaDaBollo")
			e.str("hashDocumento", t.Stamp.HashDocument, kHash72)
			e.str("tipoBollo", t.Stamp.Type, kTipoBollo)
			e.str("provinciaResidenza", t.Stamp.Province, kCountry)
			e.close()
		default:
			e.str("IBAN", t.IBAN, kIBAN)
		}
	} else {
		if t.CompanyName != "" {
			e.fail("companyName", errV2Only)
		}
		if t.Stamp != nil {
			e.fail("richiestaMarcaDaBollo", errV2Only)
		}
		e.str("IBAN", t.IBAN, kIBAN)
	}
	e.str("remittanceInformation", t.Remittance, kText140)
	e.str("transferCategory", t.Category, kText140)
	e.metadata(t.Metadata)
	e.close()
}

// subject writes a ctSubject.
func (e *encoder) subject(name string, s *Subject) {
	e.open(name)
	e.open("uniqueIdentifier")
	e.str("entityUniqueIdentifierType", s.Type, kEUIType)
	e.str("entityUniqueIdentifierValue", s.ID, kEUIValue)
	e.close()
	e.str("fullName", s.FullName, kText70)
	e.optStr("streetName", s.StreetName, kText70)
	e.optStr("civicNumber", s.CivicNumber, kText16)
	e.optStr("postalCode", s.PostalCode, kText16)
	e.optStr("city", s.City, kText35)
	e.optStr("stateProvinceRegion", s.StateProvinceRegion, kText35)
	e.optStr("country", s.Country, kCountry)
	e.optStr("e-mail", s.Email, kEMail)
	e.close()
}

// metadata writes a ctMetadata, if m is not empty.
func (e *encoder) metadata(m []MapEntry) {
	if len(m) == 0 {
		return
	}
	e.open("metadata")
	e.count("mapEntry", len(m), 15)
	for i := range m {
		e.openAt("mapEntry", i+1)
		e.str("key", m[i].Key, kText140)
		e.str("value", m[i].Value, kText140)
		e.close()
	}
	e.close()
}

// receipt writes a ctReceipt (v2: ctReceiptV2).
func (e *encoder) receipt(r *Receipt, v2 bool) {
	e.open("receipt")
	e.str("receiptId", r.ReceiptID, kString)
	e.str("noticeNumber", r.NoticeNumber, kNoticeNumber)
	e.str("fiscalCode", r.FiscalCode, kFiscalCodePA)
	e.str("outcome", r.Outcome, kOutcome)
	e.str("creditorReferenceId", r.CreditorReferenceID, kText35)
	e.amount("paymentAmount", r.PaymentAmount, false)
	e.str("description", r.Description, kText140)
	e.str("companyName", r.CompanyName, kText140)
	e.optStr("officeName", r.OfficeName, kText140)
	e.subject("debtor", &r.Debtor)
	e.open("transferList")
	e.count("transfer", len(r.Transfers), 5)
	for i := range r.Transfers {
		e.receiptTransfer(&r.Transfers[i], i+1, v2)
	}
	e.close()
	e.str("idPSP", r.IDPSP, kText35)
	e.optStr("pspFiscalCode", r.PSPFiscalCode, kText70)
	e.optStr("pspPartitaIVA", r.PSPPartitaIVA, kText20)
	e.str("PSPCompanyName", r.PSPCompanyName, kText70)
	e.str("idChannel", r.IDChannel, kText35)
	e.str("channelDescription", r.ChannelDescription, kText35)
	if r.Payer != nil {
		e.subject("payer", r.Payer)
	}
	e.optStr("paymentMethod", r.PaymentMethod, kText35)
	if v2 {
		e.optStr("paymentNote", r.PaymentNote, kText210)
		e.optAmount("fee", r.Fee)
		e.optAmount("primaryCiIncurredFee", r.PrimaryCIIncurredFee)
		e.optStr("idBundle", r.IDBundle, kText70)
		e.optStr("idCiBundle", r.IDCIBundle, kText70)
	} else {
		e.v1(r.PaymentNote != "", "paymentNote")
		e.optAmount("fee", r.Fee)
		e.v1(r.PrimaryCIIncurredFee != nil, "primaryCiIncurredFee")
		e.v1(r.IDBundle != "", "idBundle")
		e.v1(r.IDCIBundle != "", "idCiBundle")
	}
	if !r.PaymentDateTime.IsZero() {
		e.dateTime("paymentDateTime", r.PaymentDateTime)
	}
	e.optDate("applicationDate", r.ApplicationDate)
	e.optDate("transferDate", r.TransferDate)
	e.metadata(r.Metadata)
	if r.StandIn {
		e.boolean("standIn", true)
	}
	e.close()
}

// v1 records an error when a V2-only element is set in a V1 message.
func (e *encoder) v1(set bool, name string) {
	if set {
		e.fail(name, errV2Only)
	}
}

// receiptTransfer writes a ctTransferPA (v2: ctTransferPAReceiptV2).
func (e *encoder) receiptTransfer(t *ReceiptTransfer, idx int, v2 bool) {
	e.openAt("transfer", idx)
	e.idTransfer("idTransfer", t.ID)
	e.amount("transferAmount", t.Amount, true)
	e.str("fiscalCodePA", t.FiscalCodePA, kFiscalCodePA)
	if v2 {
		e.optStr("companyName", t.CompanyName, kText140)
		switch {
		case t.IBAN != "" && t.MBD != nil:
			e.fail("MBDAttachment", errChoice)
		case t.IBAN == "" && t.MBD == nil:
			e.fail("IBAN|MBDAttachment", errMissing)
		case t.MBD != nil:
			e.base64("MBDAttachment", t.MBD)
		default:
			e.str("IBAN", t.IBAN, kIBAN)
		}
	} else {
		e.v1(t.CompanyName != "", "companyName")
		e.v1(t.MBD != nil, "MBDAttachment")
		e.str("IBAN", t.IBAN, kIBAN)
	}
	e.str("remittanceInformation", t.Remittance, kText140)
	e.str("transferCategory", t.Category, kText140)
	e.metadata(t.Metadata)
	e.close()
}
