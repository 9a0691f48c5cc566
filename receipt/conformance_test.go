package receipt_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/receipt"
)

// The official samples, with the values read from them by hand.

func TestConformanceSendRTV2Sample(t *testing.T) {
	in, err := os.ReadFile(testenv.Specs(t, "pagopa", "samples", "paSendRTV2Request.xml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := receipt.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	want := &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "a0fffc676950472c94ca8e1456dc7b03",
		NoticeNumber:        "348172725623804858",
		FiscalCode:          "15376371009",
		CreditorReferenceID: "863965926210520",
		PaymentAmountCents:  1600,
		Outcome:             "OK",
		Description:         "/RFB/863965926210520/16.00/TXT/DEBITORE/JHNDOE00A01F205N",
		CompanyName:         "PagoPA S.p.A.",
		Debtor: &receipt.Subject{
			EntityType: "M", EntityID: "JHNDOE00A01F205N", FullName: "John Doe",
			StreetName: "Via qualsiasi", CivicNumber: "1", PostalCode: "00100", City: "Roma",
			StateProvinceRegion: "RM", Country: "IT", Email: "john.doe@test.it",
		},
		Payer:              nil,
		PSPID:              "BCITITMM",
		PSPFiscalCode:      "88888888888",
		PSPCompanyName:     "Intesa Sanpaolo S.p.A",
		ChannelID:          "88888888888_01",
		ChannelDescription: "app",
		PaymentMethod:      "creditCard",
		PaymentNote:        "734b9b88-6186-4034-a79e-813efacf36a0",
		FeeCents:           cents(35),
		// 11:24:01 in Rome on 25 September 2024 (summer time, +02:00).
		PaymentDateTime: at(2024, time.September, 25, 9, 24, 1),
		ApplicationDate: day(2024, time.September, 25),
		TransferDate:    day(2024, time.September, 26),
		StandIn:         false,
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           1600,
			FiscalCode:            "77777777777",
			CompanyName:           "",
			IBAN:                  "",
			HasStamp:              true,
			UnverifiedMBD:         nil, // "attachment" is not base64
			RemittanceInformation: "/RFB/863965926210520/16.00/TXT/DEBITORE/JHNDOE00A01F205N",
			TransferCategory:      "9/0301116TS",
			Metadata:              []receipt.MapEntry{{Key: "DatiSpecificiRiscossione", Value: "9/0301116TS/9/11111111111"}},
		}},
		Warnings: []receipt.Warning{
			{Path: "receipt/debtor/uniqueIdentifier/entityUniqueIdentifierType", Message: "entity type is neither F nor G"},
			{Path: "receipt/transferList/transfer[1]/companyName", Message: "empty (the schema requires at least one character)"},
			{Path: "receipt/transferList/transfer[1]/MBDAttachment", Message: "not base64: the marca da bollo cannot be read"},
		},
	}
	diff(t, want, got)
	checkOffset(t, "paymentDateTime", got.PaymentDateTime, 2*3600, "Europe/Rome")
	if string(got.Raw) != string(in) {
		t.Error("Raw differs from the input")
	}
}

func TestConformanceSendRTSample(t *testing.T) {
	in, err := os.ReadFile(testenv.Specs(t, "pagopa", "samples", "paSendRTReq_avv4.xml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := receipt.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	want := &receipt.Receipt{
		Format:              receipt.FormatReceiptV1,
		ReceiptID:           "f43cf6263ddb47248222b039f6d1f1f5",
		NoticeNumber:        "311018351493172600",
		FiscalCode:          "77777777777",
		CreditorReferenceID: "302039921337126000",
		PaymentAmountCents:  1000,
		Outcome:             "OK",
		Description:         "test",
		CompanyName:         "company",
		OfficeName:          "office",
		Debtor: &receipt.Subject{
			EntityType: "G", EntityID: "77777777777", FullName: "name",
			StreetName: "street", CivicNumber: "99", PostalCode: "20155", City: "city",
			StateProvinceRegion: "state", Country: "IT", Email: "prova@test.it",
		},
		Payer: &receipt.Subject{
			EntityType: "G", EntityID: "77777777777_01", FullName: "name",
			StreetName: "street", CivicNumber: "civic", PostalCode: "postal", City: "city",
			StateProvinceRegion: "state", Country: "IT", Email: "prova@test.it",
		},
		PSPID:              "70000000001",
		PSPFiscalCode:      "CF70000000001",
		PSPVATNumber:       "piva700000000001",
		PSPCompanyName:     "Psp Salvo",
		ChannelID:          "70000000001_01",
		ChannelDescription: "app",
		PaymentMethod:      "creditCard",
		FeeCents:           cents(200),
		// 17:48:22 in Rome on 25 March 2021, still winter time (+01:00).
		PaymentDateTime: at(2021, time.March, 25, 16, 48, 22),
		ApplicationDate: day(2021, time.December, 12),
		TransferDate:    day(2021, time.December, 11),
		StandIn:         false,
		Metadata:        []receipt.MapEntry{{Key: "1", Value: "22"}},
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           1000,
			FiscalCode:            "77777777777",
			IBAN:                  "IT45R0760103200000000001016",
			RemittanceInformation: "test",
			TransferCategory:      "test",
		}},
	}
	diff(t, want, got)
	checkOffset(t, "paymentDateTime", got.PaymentDateTime, 3600, "Europe/Rome")
}

func TestConformanceInviaRTSampleEmptyRT(t *testing.T) {
	in, err := os.ReadFile(testenv.Specs(t, "pagopa", "samples", "paaInviaRT.xml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := receipt.Parse(in)
	if r != nil || !errors.Is(err, receipt.ErrEmptyRT) {
		t.Fatalf("Parse = %v, %v; want ErrEmptyRT", r != nil, err)
	}
	if p := fieldPath(err); p != "paaInviaRT/rt" {
		t.Errorf("path %q, want paaInviaRT/rt", p)
	}
	var ie *receipt.InviaRTError
	if !errors.As(err, &ie) {
		t.Fatalf("%v is not an *InviaRTError", err)
	}
	if ie.DomainID != "15376371009" || ie.IUV != "633836153345163" || ie.CCP != "437642378654347" {
		t.Errorf("header = %q %q %q", ie.DomainID, ie.IUV, ie.CCP)
	}
	const msg = `receipt: paaInviaRT carries no RT at paaInviaRT/rt (paaInviaRT for identificativoDominio "15376371009", identificativoUnivocoVersamento "633836153345163", codiceContestoPagamento "437642378654347")`
	if err.Error() != msg {
		t.Errorf("message\n%s\nwant\n%s", err, msg)
	}
}
