package pagopa

import (
	"time"
)

// A Position is a debt position (posizione debitoria): what a debtor owes
// an ente, payable through one or more payment options. Its JSON form is
// GPD's PaymentPositionModel (debt-positions-service v1), with the ente's
// fiscal code added as "organizationFiscalCode" (in GPD it is part of the
// URL). Amounts are euro cents.
type Position struct {
	// IUPD identifies the position within the ente.
	IUPD string `json:"iupd"`
	// Organization is the fiscal code of the ente that owns the position.
	Organization string `json:"organizationFiscalCode,omitempty"`

	// The debtor, flattened as in GPD.
	Type        SubjectType `json:"type"`       // F natural person, G legal person
	FiscalCode  string      `json:"fiscalCode"` // codice fiscale, partita IVA or "ANONIMO"
	FullName    string      `json:"fullName"`
	StreetName  string      `json:"streetName,omitempty"`
	CivicNumber string      `json:"civicNumber,omitempty"`
	PostalCode  string      `json:"postalCode,omitempty"`
	City        string      `json:"city,omitempty"`
	Province    string      `json:"province,omitempty"`
	Region      string      `json:"region,omitempty"`
	Country     string      `json:"country,omitempty"`
	Email       string      `json:"email,omitempty"`
	Phone       string      `json:"phone,omitempty"`

	// CompanyName and OfficeName name the ente as the Nodo shows it.
	CompanyName string `json:"companyName"`
	OfficeName  string `json:"officeName,omitempty"`

	// ValidityDate is when a published position becomes payable; nil
	// means at publication.
	ValidityDate *time.Time `json:"validityDate,omitempty"`
	// SwitchToExpired makes the position expire after its last due date.
	SwitchToExpired bool `json:"switchToExpired"`
	// PayStandIn allows payment through the Nodo's stand-in when the
	// ente's station is down (GPD's default: true; nil reads as true).
	PayStandIn *bool `json:"payStandIn,omitempty"`

	// Status is maintained by the SDK (read-only in GPD).
	Status Status `json:"status,omitempty"`
	// PaymentDate is when the position was paid in full.
	PaymentDate *time.Time `json:"paymentDate,omitempty"`

	// Options are the ways to pay: a single payment (rata unica) and/or
	// instalments, each with its own IUV and notice number.
	Options []Option `json:"paymentOption,omitempty"`
}

// SubjectType tells natural (F, fisica) from legal (G, giuridica) persons.
type SubjectType string

// The subject types.
const (
	NaturalPerson SubjectType = "F"
	LegalPerson   SubjectType = "G"
)

// An Option is a payment option: one payable amount with its IUV, notice
// number, due date and transfers.
type Option struct {
	// IUV is the creditorReferenceId (17 digits for aux digits 1–3,
	// 15 for aux digit 0).
	IUV string `json:"iuv"`
	// NAV is the notice number; empty means derived from the IUV and the
	// station's aux digit (aux 3: "3" + IUV).
	NAV string `json:"nav,omitempty"`
	// Amount in euro cents, the sum of the transfers.
	Amount      int64  `json:"amount"`
	Description string `json:"description"`
	// IsPartialPayment marks an instalment (rata) rather than the
	// single payment.
	IsPartialPayment bool       `json:"isPartialPayment"`
	DueDate          time.Time  `json:"dueDate"`
	RetentionDate    *time.Time `json:"retentionDate,omitempty"`
	// Fee and NotificationFee are read-only in GPD; NotificationFee is
	// the SEND notification cost added to the amount.
	Fee             int64      `json:"fee,omitempty"`
	NotificationFee int64      `json:"notificationFee,omitempty"`
	Transfers       []Transfer `json:"transfer,omitempty"`
	Metadata        []MapEntry `json:"paymentOptionMetadata,omitempty"`

	// Status, PaymentDate and ReceiptID are maintained by the SDK when a
	// receipt arrives.
	Status      OptionStatus `json:"status,omitempty"`
	PaymentDate *time.Time   `json:"paymentDate,omitempty"`
	ReceiptID   string       `json:"idReceipt,omitempty"`
}

// OptionStatus is the state of a payment option, as in GPD.
type OptionStatus string

// The option states.
const (
	OptionUnpaid            OptionStatus = "PO_UNPAID"
	OptionPaid              OptionStatus = "PO_PAID"
	OptionPartiallyReported OptionStatus = "PO_PARTIALLY_REPORTED"
	OptionReported          OptionStatus = "PO_REPORTED"
)

// Paid reports whether the option has been paid.
func (o *Option) Paid() bool {
	return o.Status == OptionPaid || o.Status == OptionPartiallyReported || o.Status == OptionReported
}

// A Transfer is one beneficiary's share of an option: money credited to an
// IBAN (or postal IBAN) of an ente, or a @e.bollo digital stamp.
type Transfer struct {
	// ID is 1 to 5, unique within the option ("1"…"5" in JSON).
	ID     int   `json:"idTransfer,string"`
	Amount int64 `json:"amount"`
	// Organization is the beneficiary ente; empty means the position's.
	Organization string `json:"organizationFiscalCode,omitempty"`
	CompanyName  string `json:"companyName,omitempty"`
	// IBAN, PostalIBAN and Stamp: an IBAN and/or a postal IBAN, or a
	// stamp.
	IBAN       string `json:"iban,omitempty"`
	PostalIBAN string `json:"postalIban,omitempty"`
	Stamp      *Stamp `json:"stamp,omitempty"`
	// Remittance is the causale (remittanceInformation).
	Remittance string `json:"remittanceInformation"`
	// Category is the taxonomy code (tassonomia dei servizi).
	Category string     `json:"category"`
	Metadata []MapEntry `json:"transferMetadata,omitempty"`
}

// A Stamp asks for a @e.bollo digital revenue stamp bound to a document.
type Stamp struct {
	// HashDocument is the base64 SHA-256 digest of the document.
	HashDocument string `json:"hashDocument"`
	// Type is the stamp type, "01".
	Type string `json:"stampType"`
	// ProvincialResidence is the debtor's province (two letters).
	ProvincialResidence string `json:"provincialResidence"`
}

// A MapEntry is a metadata key and value.
type MapEntry struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// StandInAllowed reports whether the position may be paid through the
// Nodo's stand-in (PayStandIn, true when unset).
func (p *Position) StandInAllowed() bool { return p.PayStandIn == nil || *p.PayStandIn }

// Debtor returns the debtor as a Subject.
func (p *Position) Debtor() Subject {
	return Subject{
		Type: p.Type, ID: p.FiscalCode, FullName: p.FullName,
		StreetName: p.StreetName, CivicNumber: p.CivicNumber, PostalCode: p.PostalCode,
		City: p.City, StateProvinceRegion: p.Province, Country: p.Country, Email: p.Email,
	}
}

// Option returns the option with the given IUV, or nil.
func (p *Position) Option(iuv string) *Option {
	for i := range p.Options {
		if p.Options[i].IUV == iuv {
			return &p.Options[i]
		}
	}
	return nil
}

// Clone returns a deep copy of p.
func (p *Position) Clone() *Position {
	c := *p
	c.ValidityDate = cloneTime(p.ValidityDate)
	c.PaymentDate = cloneTime(p.PaymentDate)
	if p.PayStandIn != nil {
		v := *p.PayStandIn
		c.PayStandIn = &v
	}
	c.Options = make([]Option, len(p.Options))
	for i, o := range p.Options {
		o.RetentionDate = cloneTime(o.RetentionDate)
		o.PaymentDate = cloneTime(o.PaymentDate)
		o.Metadata = append([]MapEntry(nil), o.Metadata...)
		ts := make([]Transfer, len(o.Transfers))
		for j, t := range o.Transfers {
			if t.Stamp != nil {
				s := *t.Stamp
				t.Stamp = &s
			}
			t.Metadata = append([]MapEntry(nil), t.Metadata...)
			ts[j] = t
		}
		o.Transfers = ts
		c.Options[i] = o
	}
	if p.Options == nil {
		c.Options = nil
	}
	return &c
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := *t
	return &v
}

// A Subject is a debtor or payer as the Nodo carries it (ctSubject).
type Subject struct {
	Type                SubjectType `json:"type"`
	ID                  string      `json:"id"` // fiscal code, VAT number or "ANONYMOUS"
	FullName            string      `json:"fullName"`
	StreetName          string      `json:"streetName,omitempty"`
	CivicNumber         string      `json:"civicNumber,omitempty"`
	PostalCode          string      `json:"postalCode,omitempty"`
	City                string      `json:"city,omitempty"`
	StateProvinceRegion string      `json:"stateProvinceRegion,omitempty"`
	Country             string      `json:"country,omitempty"`
	Email               string      `json:"email,omitempty"`
}
