package soap

import "time"

// A Subject is a ctSubject: the debtor or the payer.
type Subject struct {
	Type                string // entityUniqueIdentifierType: F (natural person) or G (legal person)
	ID                  string // entityUniqueIdentifierValue: fiscal code, VAT number or "ANONYMOUS"
	FullName            string
	StreetName          string
	CivicNumber         string
	PostalCode          string
	City                string
	StateProvinceRegion string
	Country             string // two capital letters
	Email               string // e-mail
}

// A MapEntry is one metadata key/value pair (ctMapEntry).
type MapEntry struct {
	Key   string
	Value string
}

// A Stamp is a request for an @e.bollo digital stamp
// (ctRichiestaMarcaDaBollo).
type Stamp struct {
	HashDocument string // hashDocumento: base64 of the document's SHA-256, 4..72 characters
	Type         string // tipoBollo: "01"
	Province     string // provinciaResidenza: two capital letters
}

// A ReceiptTransfer is a transfer of a receipt: ctTransferPA (V1) or
// ctTransferPAReceiptV2 (V2).
type ReceiptTransfer struct {
	ID           int   // idTransfer, 1..5
	Amount       int64 // transferAmount, cents
	FiscalCodePA string
	CompanyName  string // V2 only, optional
	IBAN         string // V1: required; V2: IBAN or MBD
	// MBD is the V2 MBDAttachment decoded from base64: the @e.bollo
	// receipt (a signed MarcaDaBollo XML document), unverified. It is nil
	// when absent.
	MBD        []byte
	Remittance string // remittanceInformation
	Category   string // transferCategory (taxonomy code)
	Metadata   []MapEntry
}

// A Receipt is a ctReceipt (paSendRT) or ctReceiptV2 (paSendRTV2). The
// fields that only V2 has are PaymentNote, PrimaryCIIncurredFee, IDBundle,
// IDCIBundle and, in transfers, CompanyName and MBD.
type Receipt struct {
	ReceiptID           string // receiptId: the payment token
	NoticeNumber        string
	FiscalCode          string // the EC the receipt is for
	Outcome             string // OK or KO
	CreditorReferenceID string // creditorReferenceId: the IUV
	PaymentAmount       int64  // cents
	Description         string
	CompanyName         string
	OfficeName          string
	Debtor              Subject
	Payer               *Subject
	Transfers           []ReceiptTransfer // 1..5

	IDPSP              string
	PSPFiscalCode      string
	PSPPartitaIVA      string
	PSPCompanyName     string
	IDChannel          string
	ChannelDescription string
	PaymentMethod      string
	PaymentNote        string // V2
	// Fee and PrimaryCIIncurredFee (V2) are in cents, nil when absent.
	Fee                  *int64
	PrimaryCIIncurredFee *int64
	IDBundle             string // V2 idBundle
	IDCIBundle           string // V2 idCiBundle
	// PaymentDateTime is Italian civil time (see the package
	// documentation); ApplicationDate and TransferDate are dates at
	// midnight UTC. Each is zero when absent.
	PaymentDateTime time.Time
	ApplicationDate time.Time
	TransferDate    time.Time
	Metadata        []MapEntry
	StandIn         bool
}

// The children of the receipt types, in XSD order, and standin: the SANP
// documentation's spelling of standIn.
var (
	receiptV1Fields = fields("receiptId", "noticeNumber", "fiscalCode", "outcome", "creditorReferenceId",
		"paymentAmount", "description", "companyName", "officeName?", "debtor", "transferList", "idPSP",
		"pspFiscalCode?", "pspPartitaIVA?", "PSPCompanyName", "idChannel", "channelDescription", "payer?",
		"paymentMethod?", "fee?", "paymentDateTime?", "applicationDate?", "transferDate?", "metadata?", "standIn?",
		"standin?")
	receiptV2Fields = fields("receiptId", "noticeNumber", "fiscalCode", "outcome", "creditorReferenceId",
		"paymentAmount", "description", "companyName", "officeName?", "debtor", "transferList", "idPSP",
		"pspFiscalCode?", "pspPartitaIVA?", "PSPCompanyName", "idChannel", "channelDescription", "payer?",
		"paymentMethod?", "paymentNote?", "fee?", "primaryCiIncurredFee?", "idBundle?", "idCiBundle?",
		"paymentDateTime?", "applicationDate?", "transferDate?", "metadata?", "standIn?", "standin?")
	transferListFields      = fields("transfer+5")
	receiptTransferV1Fields = fields("idTransfer", "transferAmount", "fiscalCodePA", "IBAN",
		"remittanceInformation", "transferCategory", "metadata?")
	receiptTransferV2Fields = fields("idTransfer", "transferAmount", "fiscalCodePA", "companyName?", "IBAN?",
		"MBDAttachment?", "remittanceInformation", "transferCategory", "metadata?")
	subjectFields = fields("uniqueIdentifier", "fullName", "streetName?", "civicNumber?", "postalCode?",
		"city?", "stateProvinceRegion?", "country?", "e-mail?")
	uniqueIdentifierFields = fields("entityUniqueIdentifierType", "entityUniqueIdentifierValue")
	metadataFields         = fields("mapEntry+15")
	mapEntryFields         = fields("key", "value")
)

// receipt reads a ctReceipt (v2: ctReceiptV2).
func (p *decoder) receipt(r *Receipt, v2 bool) error {
	fs := receiptV1Fields
	if v2 {
		fs = receiptV2Fields
	}
	return p.each(fs, func(name string) error {
		switch name {
		case "receiptId":
			return p.str(&r.ReceiptID, kString)
		case "noticeNumber":
			return p.str(&r.NoticeNumber, kNoticeNumber)
		case "fiscalCode":
			return p.str(&r.FiscalCode, kFiscalCodePA)
		case "outcome":
			return p.str(&r.Outcome, kOutcome)
		case "creditorReferenceId":
			return p.str(&r.CreditorReferenceID, kText35)
		case "paymentAmount":
			return p.amount(&r.PaymentAmount, false)
		case "description":
			return p.str(&r.Description, kText140)
		case "companyName":
			return p.str(&r.CompanyName, kText140)
		case "officeName":
			return p.str(&r.OfficeName, kText140)
		case "debtor":
			return p.subject(&r.Debtor)
		case "transferList":
			return p.each(transferListFields, func(string) error {
				r.Transfers = append(r.Transfers, ReceiptTransfer{})
				return p.receiptTransfer(&r.Transfers[len(r.Transfers)-1], v2)
			})
		case "idPSP":
			return p.str(&r.IDPSP, kText35)
		case "pspFiscalCode":
			return p.str(&r.PSPFiscalCode, kText70)
		case "pspPartitaIVA":
			return p.str(&r.PSPPartitaIVA, kText20)
		case "PSPCompanyName":
			return p.str(&r.PSPCompanyName, kText70)
		case "idChannel":
			return p.str(&r.IDChannel, kText35)
		case "channelDescription":
			return p.str(&r.ChannelDescription, kText35)
		case "payer":
			r.Payer = &Subject{}
			return p.subject(r.Payer)
		case "paymentMethod":
			return p.str(&r.PaymentMethod, kText35)
		case "paymentNote":
			return p.str(&r.PaymentNote, kText210)
		case "fee":
			return p.amountPtr(&r.Fee)
		case "primaryCiIncurredFee":
			return p.amountPtr(&r.PrimaryCIIncurredFee)
		case "idBundle":
			return p.str(&r.IDBundle, kText70)
		case "idCiBundle":
			return p.str(&r.IDCIBundle, kText70)
		case "paymentDateTime":
			return p.dateTime(&r.PaymentDateTime)
		case "applicationDate":
			return p.date(&r.ApplicationDate)
		case "transferDate":
			return p.date(&r.TransferDate)
		case "metadata":
			return p.metadata(&r.Metadata)
		case "standIn", "standin": // the SANP examples write standin
			return p.boolean(&r.StandIn)
		}
		return p.skip()
	})
}

// receiptTransfer reads a ctTransferPA (v2: ctTransferPAReceiptV2).
func (p *decoder) receiptTransfer(t *ReceiptTransfer, v2 bool) error {
	fs := receiptTransferV1Fields
	if v2 {
		fs = receiptTransferV2Fields
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
		case "MBDAttachment":
			return p.base64(&t.MBD)
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
	return p.choice(t.IBAN != "", t.MBD != nil, "IBAN", "MBDAttachment")
}

// choice checks an xs:choice of two elements, a and b, after the
// enclosing element was read.
func (p *decoder) choice(hasA, hasB bool, a, b string) error {
	switch {
	case hasA && hasB:
		return p.failAt(b, errChoice)
	case !hasA && !hasB:
		return p.failAt(a+"|"+b, errMissing)
	}
	return nil
}

// subject reads a ctSubject.
func (p *decoder) subject(s *Subject) error {
	return p.each(subjectFields, func(name string) error {
		switch name {
		case "uniqueIdentifier":
			return p.each(uniqueIdentifierFields, func(name string) error {
				if name == "entityUniqueIdentifierType" {
					return p.str(&s.Type, kEUIType)
				}
				return p.str(&s.ID, kEUIValue)
			})
		case "fullName":
			return p.str(&s.FullName, kText70)
		case "streetName":
			return p.str(&s.StreetName, kText70)
		case "civicNumber":
			return p.str(&s.CivicNumber, kText16)
		case "postalCode":
			return p.str(&s.PostalCode, kText16)
		case "city":
			return p.str(&s.City, kText35)
		case "stateProvinceRegion":
			return p.str(&s.StateProvinceRegion, kText35)
		case "country":
			return p.str(&s.Country, kCountry)
		case "e-mail":
			return p.str(&s.Email, kEMail)
		}
		return p.skip()
	})
}

// metadata reads a ctMetadata.
func (p *decoder) metadata(dst *[]MapEntry) error {
	var m []MapEntry
	err := p.each(metadataFields, func(string) error {
		m = append(m, MapEntry{})
		e := &m[len(m)-1]
		return p.each(mapEntryFields, func(name string) error {
			if name == "key" {
				return p.str(&e.Key, kText140)
			}
			return p.str(&e.Value, kText140)
		})
	})
	*dst = m
	return err
}
