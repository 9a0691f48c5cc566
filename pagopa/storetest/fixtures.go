package storetest

import (
	"fmt"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/pagopa"
)

// The entes of the fixtures: pagoPA's test ente and a second one.
const (
	org      = "77777777777"
	otherOrg = "88888888888"
)

// equal compares stored values the way a serialisation keeps them (see
// the package documentation).
var equal = cmp.Options{
	cmpopts.EquateEmpty(),
	cmpopts.EquateApproxTime(time.Microsecond),
}

var rome = time.FixedZone("CET", 3600)

// iuv returns the IUV of the n-th notice number of segregation code 02
// (aux digit 3): iuv(1) is "02000000000000184".
func iuv(n int) string {
	num, err := notice.Build(notice.Parts{AuxDigit: 3, SegregationCode: "02", Base: fmt.Sprintf("%013d", n)})
	if err != nil {
		panic(err)
	}
	return num.IUV()
}

// nav returns the notice number of an IUV of aux digit 3.
func nav(iuv string) string { return "3" + iuv }

// position returns a valid position of the ente with one option per IUV:
// a single payment (rata unica) for one IUV, instalments for more.
func position(org, iupd string, iuvs ...string) *pagopa.Position {
	p := &pagopa.Position{
		IUPD:         iupd,
		Organization: org,
		Type:         pagopa.NaturalPerson,
		FiscalCode:   "RSSMRA80A01H501U",
		FullName:     "Mario Rossi",
		CompanyName:  "Comune di Prova",
		Status:       pagopa.Valid,
	}
	for i, v := range iuvs {
		amount := int64(12050 + 100*i)
		p.Options = append(p.Options, pagopa.Option{
			IUV:              v,
			Amount:           amount,
			Description:      fmt.Sprintf("TARI 2026 rata %d", i+1),
			IsPartialPayment: len(iuvs) > 1,
			DueDate:          time.Date(2026, time.Month(3+i), 31, 0, 0, 0, 0, time.UTC),
			Status:           pagopa.OptionUnpaid,
			Transfers: []pagopa.Transfer{{
				ID:         1,
				Amount:     amount,
				IBAN:       "IT60X0542811101000000123456",
				Remittance: "TARI 2026",
				Category:   "9/0101108TS/",
			}},
		})
	}
	return p
}

// fullPosition returns a position with every field set, so that a store
// dropping one fails the round trip.
func fullPosition(iupd string, iuvs ...string) *pagopa.Position {
	p := position(org, iupd, iuvs...)
	validity := time.Date(2026, 1, 15, 9, 30, 0, 123456000, rome)
	paid := time.Date(2026, 2, 1, 10, 11, 12, 987654000, time.UTC)
	standIn := false
	p.StreetName = "Via Roma"
	p.CivicNumber = "1/A"
	p.PostalCode = "00100"
	p.City = "Roma"
	p.Province = "RM"
	p.Region = "Lazio"
	p.Country = "IT"
	p.Email = "mario.rossi@example.org"
	p.Phone = "+39 06 1234567"
	p.OfficeName = "Ufficio Tributi"
	p.ValidityDate = &validity
	p.SwitchToExpired = true
	p.PayStandIn = &standIn
	p.PaymentDate = &paid
	for i := range p.Options {
		o := &p.Options[i]
		retention := time.Date(2027, 3, 31, 23, 59, 59, 0, rome)
		o.NAV = nav(o.IUV)
		o.RetentionDate = &retention
		o.Fee = 150
		o.NotificationFee = 890
		o.Metadata = []pagopa.MapEntry{{Key: "pratica", Value: fmt.Sprintf("TARI-2026-%04d", i)}}
		o.Amount += 200
		o.Transfers = append(o.Transfers, pagopa.Transfer{
			ID: 2, Amount: 200, Organization: otherOrg, CompanyName: "Provincia di Prova",
			PostalIBAN: "IT40S0760103200000012345678", Remittance: "TEFA 2026", Category: "9/0101109TS/",
			Metadata: []pagopa.MapEntry{{Key: "capitolo", Value: "1234"}, {Key: "note", Value: "àèìòù €"}},
		}, pagopa.Transfer{
			ID: 3, Amount: 1600, Remittance: "imposta di bollo", Category: "9/0101110TS/",
			Stamp: &pagopa.Stamp{HashDocument: "wHpFSLCGZjIvNSXxqtGbBg7275t446DRTk5ZrsdUQ6E=", Type: "01", ProvincialResidence: "RM"},
		})
		o.Amount += 1600
	}
	return p
}

// receipt returns an OK receipt of the ente for an IUV and amount.
func receipt(org, id, iuv string, amount int64) *pagopa.Receipt {
	fee := int64(100)
	return &pagopa.Receipt{
		Version:      2,
		ReceiptID:    id,
		NoticeNumber: nav(iuv),
		Organization: org,
		Outcome:      "OK",
		IUV:          iuv,
		Amount:       amount,
		Description:  "TARI 2026",
		CompanyName:  "Comune di Prova",
		Debtor:       pagopa.Subject{Type: pagopa.NaturalPerson, ID: "RSSMRA80A01H501U", FullName: "Mario Rossi"},
		Transfers: []pagopa.ReceiptTransfer{{
			ID: 1, Amount: amount, Organization: org, IBAN: "IT60X0542811101000000123456",
			Remittance: "TARI 2026", Category: "9/0101108TS/",
		}},
		PSPID:           "BCITITMM",
		PSPCompanyName:  "Intesa Sanpaolo",
		ChannelID:       "00799960158_01",
		PaymentMethod:   "CP",
		Fee:             &fee,
		PaymentDateTime: time.Date(2026, 3, 20, 10, 15, 30, 0, rome),
		Raw:             []byte(`<receipt><receiptId>` + id + `</receiptId></receipt>`),
		ReceivedAt:      time.Date(2026, 3, 20, 9, 15, 31, 250000000, time.UTC),
	}
}

// fullReceipt returns a receipt with every field set.
func fullReceipt(id, iuv string, amount int64) *pagopa.Receipt {
	r := receipt(org, id, iuv, amount)
	primary := int64(50)
	r.OfficeName = "Ufficio Tributi"
	r.Debtor = pagopa.Subject{
		Type: pagopa.NaturalPerson, ID: "RSSMRA80A01H501U", FullName: "Mario Rossi",
		StreetName: "Via Roma", CivicNumber: "1", PostalCode: "00100", City: "Roma",
		StateProvinceRegion: "RM", Country: "IT", Email: "mario.rossi@example.org",
	}
	r.Payer = &pagopa.Subject{Type: pagopa.LegalPerson, ID: "01234567890", FullName: "Rossi S.r.l."}
	r.Transfers = append(r.Transfers, pagopa.ReceiptTransfer{
		ID: 2, Amount: 1600, Organization: org, CompanyName: "Comune di Prova",
		UnverifiedMBD: []byte("<marcaDaBollo>\x00\xff\r\n</marcaDaBollo>"),
		Remittance:    "imposta di bollo", Category: "9/0101110TS/",
		Metadata: []pagopa.MapEntry{{Key: "k", Value: "v"}},
	})
	r.PSPFiscalCode = "00799960158"
	r.PSPVATNumber = "10810700152"
	r.ChannelDescription = "app"
	r.PaymentNote = "cart-123"
	r.PrimaryCIIncurredFee = &primary
	r.BundleID = "bundle-1"
	r.CIBundleID = "ci-bundle-1"
	r.PaymentDateTime = time.Date(2026, 3, 20, 10, 15, 30, 123456000, rome)
	r.ApplicationDate = time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	r.TransferDate = time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC)
	r.Metadata = []pagopa.MapEntry{{Key: "canale", Value: "IO"}}
	r.StandIn = true
	return r
}
