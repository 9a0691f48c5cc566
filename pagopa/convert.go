package pagopa

import (
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// Conversions between the domain types and the wire types of paForNode.

func soapSubject(s Subject) soap.Subject {
	id := s.ID
	if id == "ANONIMO" {
		id = "ANONYMOUS"
	}
	return soap.Subject{
		Type: string(s.Type), ID: id, FullName: s.FullName,
		StreetName: s.StreetName, CivicNumber: s.CivicNumber, PostalCode: s.PostalCode,
		City: s.City, StateProvinceRegion: s.StateProvinceRegion, Country: s.Country, Email: s.Email,
	}
}

func subjectFromSOAP(s soap.Subject) Subject {
	return Subject{
		Type: SubjectType(s.Type), ID: s.ID, FullName: s.FullName,
		StreetName: s.StreetName, CivicNumber: s.CivicNumber, PostalCode: s.PostalCode,
		City: s.City, StateProvinceRegion: s.StateProvinceRegion, Country: s.Country, Email: s.Email,
	}
}

func soapMetadata(md []MapEntry) []soap.MapEntry {
	if len(md) == 0 {
		return nil
	}
	out := make([]soap.MapEntry, len(md))
	for i, m := range md {
		out[i] = soap.MapEntry{Key: m.Key, Value: m.Value}
	}
	return out
}

func metadataFromSOAP(md []soap.MapEntry) []MapEntry {
	if len(md) == 0 {
		return nil
	}
	out := make([]MapEntry, len(md))
	for i, m := range md {
		out[i] = MapEntry{Key: m.Key, Value: m.Value}
	}
	return out
}

// receiptFromSOAP normalises a paSendRT(V2) request. The receipt belongs
// to the ente the Nodo delivered it to (idPA): with several beneficiaries
// each gets its copy.
func receiptFromSOAP(req *soap.Request, now time.Time) *Receipt {
	sr := req.SendRT.Receipt
	version := 1
	if req.Op == soap.OpSendRTV2 {
		version = 2
	}
	r := &Receipt{
		Version:              version,
		ReceiptID:            sr.ReceiptID,
		NoticeNumber:         sr.NoticeNumber,
		Organization:         req.Header.IDPA,
		Outcome:              sr.Outcome,
		IUV:                  sr.CreditorReferenceID,
		Amount:               sr.PaymentAmount,
		Description:          sr.Description,
		CompanyName:          sr.CompanyName,
		OfficeName:           sr.OfficeName,
		Debtor:               subjectFromSOAP(sr.Debtor),
		PSPID:                sr.IDPSP,
		PSPFiscalCode:        sr.PSPFiscalCode,
		PSPVATNumber:         sr.PSPPartitaIVA,
		PSPCompanyName:       sr.PSPCompanyName,
		ChannelID:            sr.IDChannel,
		ChannelDescription:   sr.ChannelDescription,
		PaymentMethod:        sr.PaymentMethod,
		PaymentNote:          sr.PaymentNote,
		Fee:                  sr.Fee,
		PrimaryCIIncurredFee: sr.PrimaryCIIncurredFee,
		BundleID:             sr.IDBundle,
		CIBundleID:           sr.IDCIBundle,
		PaymentDateTime:      sr.PaymentDateTime,
		ApplicationDate:      sr.ApplicationDate,
		TransferDate:         sr.TransferDate,
		Metadata:             metadataFromSOAP(sr.Metadata),
		StandIn:              sr.StandIn,
		Raw:                  req.SendRT.Raw,
		ReceivedAt:           now,
	}
	if sr.Payer != nil {
		p := subjectFromSOAP(*sr.Payer)
		r.Payer = &p
	}
	for _, t := range sr.Transfers {
		r.Transfers = append(r.Transfers, ReceiptTransfer{
			ID: t.ID, Amount: t.Amount, Organization: t.FiscalCodePA, CompanyName: t.CompanyName,
			IBAN: t.IBAN, UnverifiedMBD: t.MBD, Remittance: t.Remittance, Category: t.Category,
			Metadata: metadataFromSOAP(t.Metadata),
		})
	}
	return r
}
