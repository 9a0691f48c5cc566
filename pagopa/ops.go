package pagopa

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// lookup finds the payable option of a notice number, answering the
// fault the Nodo expects when there is none.
func (h *Handler) lookup(ctx context.Context, st *Station, fiscalCode, nav string) (*Position, *Option, error) {
	if st.Ente(fiscalCode) == nil {
		return nil, nil, Fault(FaultWrongDomain, "qrCode fiscalCode not served by this station")
	}
	n, err := notice.ParseLenient(nav)
	if err != nil || n.IsStandInProbe() || !n.CheckDigitValid() || !st.Issued(n) {
		return nil, nil, Fault(FaultUnknown, "notice number unknown")
	}
	p, err := h.store.PositionByIUV(ctx, fiscalCode, n.IUV())
	if errors.Is(err, ErrNotFound) {
		return nil, nil, Fault(FaultUnknown, "notice number unknown")
	}
	if err != nil {
		return nil, nil, err
	}
	o := p.Option(n.IUV())
	if o == nil || (o.NAV != "" && o.NAV != n.String()) {
		return nil, nil, Fault(FaultUnknown, "notice number unknown")
	}
	if err := payable(p, o, h.o.now); err != nil {
		return nil, nil, err
	}
	return p, o, nil
}

// payable answers the fault for an option that cannot be paid now.
func payable(p *Position, o *Option, now func() time.Time) error {
	p.Refresh(now())
	if o.Paid() {
		return Fault(FaultPaid, "already paid")
	}
	switch p.Status {
	case Valid, PartiallyPaid:
		return nil
	case Expired:
		return Fault(FaultExpired, "position expired")
	case Invalid:
		return Fault(FaultCancelled, "position cancelled")
	case Paid, Reported:
		return Fault(FaultPaid, "position paid")
	}
	// Draft, or published but not yet valid: not known to the Nodo yet.
	return Fault(FaultUnknown, "position not payable yet")
}

// actualized runs the ActualizeFunc on a copy of o and checks its result.
func (h *Handler) actualized(ctx context.Context, op Operation, p *Position, o *Option) (*Option, error) {
	if h.o.actualize == nil {
		return o, nil
	}
	pc := p.Clone()
	oc := pc.Option(o.IUV)
	if err := h.o.actualize(ctx, op, pc, oc); err != nil {
		return nil, err
	}
	var sum int64
	for _, t := range oc.Transfers {
		sum += t.Amount
	}
	if oc.Amount <= 0 || sum != oc.Amount || oc.IUV != o.IUV {
		return nil, fmt.Errorf("pagopa: the actualize hook left option %s inconsistent: amount %d, transfers %d", o.IUV, oc.Amount, sum)
	}
	return oc, nil
}

func (h *Handler) companyName(p *Position, org string) (company, office string) {
	company, office = p.CompanyName, p.OfficeName
	if e, _ := h.cfg.Ente(org); e != nil {
		if company == "" {
			company = e.CompanyName
		}
		if office == "" {
			office = e.OfficeName
		}
	}
	return company, office
}

func (h *Handler) verify(ctx context.Context, st *Station, req *soap.Request, c *call) (any, error) {
	p, o, err := h.lookup(ctx, st, req.Verify.FiscalCode, req.Verify.NoticeNumber)
	if err != nil {
		return nil, err
	}
	if o, err = h.actualized(ctx, OpVerify, p, o); err != nil {
		return nil, err
	}
	company, office := h.companyName(p, p.Organization)
	return &soap.VerifyRes{
		Outcome:            "OK",
		Option:             paymentOption(o),
		PaymentDescription: o.Description,
		FiscalCodePA:       p.Organization,
		CompanyName:        company,
		OfficeName:         office,
	}, nil
}

func paymentOption(o *Option) *soap.PaymentOption {
	return &soap.PaymentOption{
		Amount: o.Amount, Options: "EQ", DueDate: o.DueDate,
		DetailDescription: o.Description, AllCCP: allCCP(o),
	}
}

// allCCP reports whether every transfer can be credited to a postal
// account.
func allCCP(o *Option) bool {
	for _, t := range o.Transfers {
		if t.PostalIBAN == "" {
			return false
		}
	}
	return len(o.Transfers) > 0
}

func (h *Handler) getPayment(ctx context.Context, st *Station, req *soap.Request, c *call) (any, error) {
	v2 := req.Op == soap.OpGetPaymentV2
	op := OpGetPayment
	if v2 {
		op = OpGetPaymentV2
	}
	pr := req.Payment
	p, o, err := h.lookup(ctx, st, pr.FiscalCode, pr.NoticeNumber)
	if err != nil {
		return nil, err
	}
	if o, err = h.actualized(ctx, op, p, o); err != nil {
		return nil, err
	}
	company, office := h.companyName(p, p.Organization)
	var stamps []StampRequest
	d := &soap.PaymentData{
		CreditorReferenceID: o.IUV,
		PaymentAmount:       o.Amount,
		DueDate:             o.DueDate,
		RetentionDate:       o.RetentionDate,
		Description:         o.Description,
		CompanyName:         company,
		OfficeName:          office,
		Debtor:              soapSubject(p.Debtor()),
		Metadata:            soapMetadata(o.Metadata),
	}
	for _, t := range o.Transfers {
		st := soap.Transfer{
			ID: t.ID, Amount: t.Amount, FiscalCodePA: t.Organization,
			Remittance: t.Remittance, Category: t.Category, Metadata: soapMetadata(t.Metadata),
		}
		if st.FiscalCodePA == "" {
			st.FiscalCodePA = p.Organization
		}
		if v2 {
			st.CompanyName = t.CompanyName
		}
		switch {
		case t.Stamp != nil:
			if !v2 {
				return nil, &FaultError{Code: FaultSemantics, Description: "a @e.bollo transfer needs paGetPaymentV2", Err: ErrStampNeedsV2}
			}
			ente, _ := h.cfg.Ente(p.Organization)
			prov, err := stampProvince(p, t.Stamp, ente)
			if err != nil {
				return nil, fmt.Errorf("pagopa: stamp request of transfer %d: %w", t.ID, err)
			}
			st.Stamp = &soap.Stamp{HashDocument: t.Stamp.HashDocument, Type: t.Stamp.Type, Province: prov}
			stamps = append(stamps, StampRequest{
				Organization: pr.FiscalCode, NoticeNumber: pr.NoticeNumber, TransferID: t.ID, IUV: o.IUV,
				Amount: t.Amount, HashDocument: t.Stamp.HashDocument, Type: t.Stamp.Type, Province: prov,
				RequestedAt: h.o.now(),
			})
		case pr.TransferType == "POSTAL" && t.ID == 1:
			if t.PostalIBAN == "" {
				return nil, Fault(FaultSemantics, "transferType POSTAL but transfer 1 has no postal IBAN")
			}
			st.IBAN = t.PostalIBAN
		case t.IBAN != "":
			st.IBAN = t.IBAN
		default:
			st.IBAN = t.PostalIBAN
		}
		d.Transfers = append(d.Transfers, st)
	}
	if err := h.saveStampRequests(ctx, stamps); err != nil {
		return nil, err
	}
	return &soap.GetPaymentRes{V2: v2, Outcome: "OK", Data: d}, nil
}

func (h *Handler) sendRT(ctx context.Context, req *soap.Request, c *call) (any, error) {
	v2 := req.Op == soap.OpSendRTV2
	r := receiptFromSOAP(req, h.o.now())
	stampFails, err := h.checkStamps(ctx, r)
	if err != nil {
		return nil, err
	}
	stored, err := h.store.SaveReceipt(ctx, r)
	if err != nil {
		return nil, err
	}
	if !stored {
		c.dup = true
		if h.o.duplicateFault {
			return nil, Fault(FaultReceiptDuplicate, "receipt already received")
		}
		return &soap.SendRTRes{V2: v2, Outcome: "OK"}, nil
	}
	c.anomaly = r.Anomalies
	ev := Event{Time: r.ReceivedAt, Kind: EventReceipt, Organization: r.Organization, IUV: r.IUV,
		NoticeNumber: r.NoticeNumber, ReceiptID: r.ReceiptID}
	if err := h.store.AppendEvent(ctx, &ev); err != nil {
		h.o.logger.Error("pagopa: journal", "err", err, "receiptId", r.ReceiptID)
	}
	for _, a := range r.Anomalies {
		ev := Event{Time: r.ReceivedAt, Kind: EventReceiptAnomaly, Organization: r.Organization, IUV: r.IUV,
			NoticeNumber: r.NoticeNumber, ReceiptID: r.ReceiptID, Detail: string(a)}
		if err := h.store.AppendEvent(ctx, &ev); err != nil {
			h.o.logger.Error("pagopa: journal", "err", err, "receiptId", r.ReceiptID)
		}
	}
	h.stampEvents(ctx, r, stampFails)
	for _, ob := range h.o.observers {
		ob(ctx, r)
	}
	return &soap.SendRTRes{V2: v2, Outcome: "OK"}, nil
}

func (h *Handler) demandNotice(ctx context.Context, st *Station, req *soap.Request, c *call) (any, error) {
	if h.o.demand == nil {
		return nil, Fault(FaultUnknown, "no spontaneous payments at this station")
	}
	org := req.Header.IDPA
	p, err := h.o.demand(ctx, DemandRequest{
		Organization: org, ServiceID: req.Demand.IDServizio, SubjectID: req.Demand.IDSoggettoServizio,
		UnverifiedServiceData: req.Demand.DatiSpecificiServizio,
	})
	if err != nil {
		return nil, err
	}
	if p == nil || len(p.Options) == 0 {
		return nil, errors.New("pagopa: the demand hook returned no position")
	}
	if p.Organization == "" {
		p.Organization = org
	}
	if p.Organization != org {
		return nil, fmt.Errorf("pagopa: the demand hook returned a position of ente %s for %s", p.Organization, org)
	}
	if p.Status == "" {
		p.Status = Draft
	}
	if p.Status == Draft {
		if err := p.Publish(h.o.now()); err != nil {
			return nil, err
		}
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("pagopa: the demand hook returned an invalid position: %w", err)
	}
	if err := h.cfg.CheckPosition(p); err != nil {
		return nil, fmt.Errorf("pagopa: the demand hook returned a position outside the configuration: %w", err)
	}
	o := &p.Options[0]
	n, err := st.NoticeNumber(o.IUV)
	if err != nil {
		return nil, fmt.Errorf("pagopa: the demand hook returned an IUV of another station: %w", err)
	}
	c.notice = n.String()
	if err := h.store.CreatePosition(ctx, p); err != nil {
		if !errors.Is(err, ErrExists) {
			return nil, err
		}
		// The same demand again: answer with the stored position if it
		// is still payable.
		old, gerr := h.store.Position(ctx, org, p.IUPD)
		if gerr != nil {
			return nil, Fault(FaultSemantics, "position already exists")
		}
		oo := old.Option(o.IUV)
		if oo == nil {
			return nil, Fault(FaultSemantics, "position already exists")
		}
		if err := payable(old, oo, h.o.now); err != nil {
			return nil, err
		}
		p, o = old, oo
	} else {
		ev := Event{Time: h.o.now(), Kind: EventDemand, Organization: org, IUPD: p.IUPD, IUV: o.IUV, NoticeNumber: n.String(),
			Detail: "idServizio " + req.Demand.IDServizio}
		if err := h.store.AppendEvent(ctx, &ev); err != nil {
			h.o.logger.Error("pagopa: journal", "err", err, "iupd", p.IUPD)
		}
	}
	company, office := h.companyName(p, org)
	return &soap.DemandRes{
		Outcome: "OK", QRFiscalCode: org, QRNoticeNumber: n.String(),
		Option: paymentOption(o), PaymentDescription: o.Description,
		FiscalCodePA: org, CompanyName: company, OfficeName: office,
	}, nil
}
