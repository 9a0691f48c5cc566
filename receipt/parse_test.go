package receipt_test

import (
	"bytes"
	"encoding/base64"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// wantSendRTV2 is testdata/sendrtv2.xml as read by hand; mbd is
// testdata/mbd.xml, the document its second transfer carries in base64.
func wantSendRTV2(mbd []byte) *receipt.Receipt {
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "c3b1e0a4f2d94b7e8a6f5d4c3b2a1908",
		NoticeNumber:        "302000000000000184",
		FiscalCode:          "01234567890",
		CreditorReferenceID: "02000000000000184",
		PaymentAmountCents:  13650,
		Outcome:             "OK",
		Description:         "TARI 2025 rata unica",
		CompanyName:         "Comune di Esempio",
		Debtor: &receipt.Subject{
			EntityType: "F", EntityID: "RSSMRA80A01H501U", FullName: "Mario Rossi",
			StreetName: "Via Roma", CivicNumber: "10", PostalCode: "00184", City: "Roma",
			StateProvinceRegion: "RM", Country: "IT", Email: "mario.rossi@example.it",
		},
		Payer:              &receipt.Subject{EntityType: "F", EntityID: "BNCLRA85C41F205X", FullName: "Laura Bianchi"},
		PSPID:              "BESPITRRXXX",
		PSPFiscalCode:      "01234567890",
		PSPCompanyName:     "Banca Esempio S.p.A.",
		ChannelID:          "01234567890_02",
		ChannelDescription: "app",
		PaymentMethod:      "creditCard",
		PaymentNote:        "cart-7f3e2a",
		FeeCents:           cents(150),
		// 10:15:42 in Rome on 14 March 2025, winter time (+01:00).
		PaymentDateTime: at(2025, time.March, 14, 9, 15, 42),
		ApplicationDate: day(2025, time.March, 14),
		TransferDate:    day(2025, time.March, 17),
		Metadata:        []receipt.MapEntry{{Key: "channel", Value: "checkout"}},
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           12050,
			FiscalCode:            "01234567890",
			IBAN:                  "IT60X0542811101000000123456",
			RemittanceInformation: "TARI 2025",
			TransferCategory:      "9/0101101IM/",
		}, {
			IDTransfer:            2,
			AmountCents:           1600,
			FiscalCode:            "01234567890",
			HasStamp:              true,
			UnverifiedMBD:         mbd,
			RemittanceInformation: "Marca da bollo",
			TransferCategory:      "9/0301116TS/",
		}},
	}
}

// wantReceiptV2 is testdata/receipt_v2.xml, a bare V2 receipt with every
// optional element, as read by hand.
func wantReceiptV2(mbd []byte) *receipt.Receipt {
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "5d0c7e1f9b2a4c3d8e7f6a5b4c3d2e1f",
		NoticeNumber:        "347000000000012345",
		FiscalCode:          "01234567890",
		CreditorReferenceID: "47000000000012345",
		PaymentAmountCents:  6600,
		Outcome:             "OK",
		Description:         "Rilascio certificato",
		CompanyName:         "Comune di Esempio",
		OfficeName:          "Anagrafe",
		Debtor:              &receipt.Subject{EntityType: "F", EntityID: "ANONIMO", FullName: "Giuseppe Verdi"},
		Payer: &receipt.Subject{
			EntityType: "G", EntityID: "09876543210", FullName: "Agenzia Pratiche S.r.l.",
			StreetName: "Corso Italia", CivicNumber: "5/B", PostalCode: "20122", City: "Milano",
			StateProvinceRegion: "MI", Country: "IT", Email: "info@example.com",
		},
		PSPID:                     "BESPITRRXXX",
		PSPFiscalCode:             "01234567890",
		PSPVATNumber:              "01234567890",
		PSPCompanyName:            "Banca Esempio S.p.A.",
		ChannelID:                 "01234567890_02",
		ChannelDescription:        "app",
		PaymentMethod:             "PPAL",
		PaymentNote:               "a1b2c3",
		FeeCents:                  cents(80),
		PrimaryCIIncurredFeeCents: cents(20),
		BundleID:                  "b-123",
		CIBundleID:                "cib-456",
		// 23:59:59.25 in Rome on 1 August 2025 (+02:00).
		PaymentDateTime: func() *time.Time {
			v := time.Date(2025, time.August, 1, 21, 59, 59, 250_000_000, time.UTC)
			return &v
		}(),
		ApplicationDate: day(2025, time.August, 1),
		TransferDate:    day(2025, time.August, 4),
		StandIn:         true,
		Metadata:        []receipt.MapEntry{{Key: "origin", Value: "sportello"}},
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           5000,
			FiscalCode:            "01234567890",
			CompanyName:           "Comune di Esempio",
			IBAN:                  "IT60X0542811101000000123456",
			RemittanceInformation: "Diritti",
			TransferCategory:      "9/0201133IM/",
			Metadata:              []receipt.MapEntry{{Key: "ufficio", Value: "anagrafe"}, {Key: "sportello", Value: "3"}},
		}, {
			IDTransfer:            2,
			AmountCents:           1600,
			FiscalCode:            "01234567890",
			CompanyName:           "Comune di Esempio",
			HasStamp:              true,
			UnverifiedMBD:         mbd,
			RemittanceInformation: "Marca da bollo",
			TransferCategory:      "9/0301116TS/",
		}},
	}
}

// wantReceiptV1 is testdata/receipt_v1.xml as read by hand.
func wantReceiptV1() *receipt.Receipt {
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV1,
		ReceiptID:           "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
		NoticeNumber:        "001123456789012345",
		FiscalCode:          "80012345678",
		CreditorReferenceID: "01123456789012345",
		PaymentAmountCents:  102099,
		Outcome:             "OK",
		Description:         "Canone occupazione suolo pubblico 2024",
		CompanyName:         "Comune di Prova",
		Debtor: &receipt.Subject{
			EntityType: "G", EntityID: "09876543210", FullName: "Edilizia Prova S.r.l.",
			City: "Milano", Country: "IT",
		},
		PSPID:              "AGID_01",
		PSPCompanyName:     "Poste Italiane S.p.A.",
		ChannelID:          "97735020584_02",
		ChannelDescription: "sportello",
		PaymentMethod:      "cash",
		// 02:30 at +01:00, as written (the zone is given).
		PaymentDateTime: at(2024, time.October, 27, 1, 30, 0),
		ApplicationDate: day(2024, time.October, 28),
		StandIn:         true,
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           100000,
			FiscalCode:            "80012345678",
			IBAN:                  "IT02A0301503200000003517230",
			RemittanceInformation: "COSAP 2024",
			TransferCategory:      "9/0201102IM/",
		}, {
			IDTransfer:            2,
			AmountCents:           2099,
			FiscalCode:            "80099999999",
			IBAN:                  "IT77Z0760103200001012345678",
			RemittanceInformation: "Diritti di segreteria",
			TransferCategory:      "9/0201133IM/",
			Metadata:              []receipt.MapEntry{{Key: "pratica", Value: "SUAP-2024-0042"}},
		}},
	}
}

// wantRT is testdata/rt.xml as read by hand.
func wantRT(mbd []byte) *receipt.Receipt {
	return &receipt.Receipt{
		Format:              receipt.FormatRT,
		ReceiptID:           "RT-2019-000123",
		FiscalCode:          "80012345678",
		CreditorReferenceID: "RF23000000000000123",
		PaymentAmountCents:  3652,
		Outcome:             "OK",
		Description:         "/RFS/RF23000000000000123/36.52/TXT/Carta d'identita",
		CompanyName:         "Comune di Prova",
		OfficeName:          "Servizi Demografici",
		Debtor: &receipt.Subject{
			EntityType: "F", EntityID: "RSSMRA80A01H501U", FullName: "Mario Rossi",
			StreetName: "Via Roma", CivicNumber: "10", PostalCode: "00184", City: "Roma",
			StateProvinceRegion: "RM", Country: "IT",
		},
		Payer: &receipt.Subject{
			EntityType: "F", EntityID: "BNCLRA85C41F205X", FullName: "Laura Bianchi",
			Email: "laura.bianchi@example.it",
		},
		PSPID:          "BESPITRR", // type B: a BIC, not a fiscal code
		PSPCompanyName: "Banca Esempio S.p.A.",
		FeeCents:       cents(150), // 1.00 + 0.50
		// The first dataEsitoSingoloPagamento, 15 July 2019, at midnight in
		// Rome (summer time, +02:00).
		PaymentDateTime: at(2019, time.July, 14, 22, 0, 0),
		Transfers: []receipt.Transfer{{
			IDTransfer:            1,
			AmountCents:           2052,
			FiscalCode:            "80012345678",
			RemittanceInformation: "/RFS/RF23000000000000123/36.52/TXT/Carta d'identita",
			TransferCategory:      "9/0101108TS/",
			IUR:                   "IUR-20190715-0001",
		}, {
			IDTransfer:            2,
			AmountCents:           1600,
			FiscalCode:            "80012345678",
			HasStamp:              true,
			UnverifiedMBD:         mbd,
			RemittanceInformation: "Imposta di bollo",
			TransferCategory:      "9/0301116TS/",
			IUR:                   "IUR-20190715-0002",
		}},
		Legacy: &receipt.Legacy{
			OutcomeCode:         "0",
			PaymentContextCode:  "n/a",
			RequestMessageID:    "RPT-2019-000987",
			RequestDate:         day(2019, time.July, 15),
			MessageDateTime:     at(2019, time.July, 15, 14, 42, 5),
			RequestingStationID: "80012345678_01",
		},
	}
}

func TestParseTestdata(t *testing.T) {
	mbd := testdata(t, "mbd.xml")
	tests := []struct {
		file string
		want *receipt.Receipt
	}{
		{"sendrtv2.xml", wantSendRTV2(mbd)},
		{"receipt_v2.xml", wantReceiptV2(mbd)},
		{"receipt_v1.xml", wantReceiptV1()},
		{"receipt_v1_crlf_bom.xml", wantReceiptV1()},
		{"gpd_receipt.json", wantReceiptV1()},
		{"rt.xml", wantRT(mbd)},
		{"paainviart.xml", wantRT(mbd)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := testdata(t, tt.file)
			got, err := receipt.Parse(in)
			if err != nil {
				t.Fatal(err)
			}
			diff(t, tt.want, got)
			if !bytes.Equal(got.Raw, in) {
				t.Error("Raw is not the input")
			}
		})
	}
}

func TestParseDateTimeZones(t *testing.T) {
	v2, err := receipt.Parse(testdata(t, "sendrtv2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checkOffset(t, "V2 paymentDateTime", v2.PaymentDateTime, 3600, "Europe/Rome")
	v1, err := receipt.Parse(testdata(t, "receipt_v1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checkOffset(t, "V1 paymentDateTime", v1.PaymentDateTime, 3600, "")
	if v1.PaymentDateTime.Location().String() == "Europe/Rome" {
		t.Error("a date-time with a zone was moved to Europe/Rome")
	}
	v2b, err := receipt.Parse(testdata(t, "receipt_v2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checkOffset(t, "bare V2 paymentDateTime", v2b.PaymentDateTime, 2*3600, "Europe/Rome")
	rt, err := receipt.Parse(testdata(t, "rt.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checkOffset(t, "RT payment day", rt.PaymentDateTime, 2*3600, "Europe/Rome")
	if h, m, s := rt.PaymentDateTime.Clock(); h != 0 || m != 0 || s != 0 {
		t.Errorf("RT payment day at %02d:%02d:%02d, want midnight", h, m, s)
	}
	checkOffset(t, "RT dataOraMessaggioRicevuta", rt.Legacy.MessageDateTime, 2*3600, "Europe/Rome")
}

func TestParseInviaRTMatchesBareRT(t *testing.T) {
	// The base64 in paainviart.xml is rt.xml.
	env := string(testdata(t, "paainviart.xml"))
	i, j := strings.Index(env, "<rt>"), strings.Index(env, "</rt>")
	b64 := strings.Join(strings.Fields(env[i+len("<rt>"):j]), "")
	dec, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dec, testdata(t, "rt.xml")) {
		t.Fatal("the RT in paainviart.xml is not rt.xml")
	}
}

func TestParseInviaRTHeaderMismatch(t *testing.T) {
	in := strings.Replace(string(testdata(t, "paainviart.xml")),
		"<identificativoUnivocoVersamento>RF23000000000000123<", "<identificativoUnivocoVersamento>RF99000000000000999<", 1)
	r, err := receipt.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []receipt.Warning{{Path: "intestazionePPT/identificativoUnivocoVersamento", Message: "the header names another payment than the RT"}}
	if d := cmpDiff(want, r.Warnings); d != "" {
		t.Error(d)
	}
	if r.CreditorReferenceID != "RF23000000000000123" {
		t.Errorf("IUV %q: the RT's must win", r.CreditorReferenceID)
	}
}

// A minimal receipt for variants: the elements Parse needs and those
// the schema requires.
const minimalReceipt = `<receiptId>R1</receiptId><noticeNumber>302000000000000184</noticeNumber>` +
	`<fiscalCode>01234567890</fiscalCode><outcome>OK</outcome>` +
	`<creditorReferenceId>02000000000000184</creditorReferenceId><paymentAmount>10.00</paymentAmount>` +
	`<description>d</description><companyName>c</companyName>` +
	`<debtor><uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType>` +
	`<entityUniqueIdentifierValue>RSSMRA80A01H501U</entityUniqueIdentifierValue></uniqueIdentifier><fullName>M</fullName></debtor>` +
	`<transferList><transfer><idTransfer>1</idTransfer><transferAmount>10.00</transferAmount>` +
	`<fiscalCodePA>01234567890</fiscalCodePA><IBAN>IT60X0542811101000000123456</IBAN>` +
	`<remittanceInformation>r</remittanceInformation><transferCategory>9/x/</transferCategory></transfer></transferList>` +
	`<idPSP>P</idPSP><PSPCompanyName>N</PSPCompanyName><idChannel>C</idChannel><channelDescription>app</channelDescription>`

func TestParseNamespaceVariants(t *testing.T) {
	const nsPA = `http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd`
	const nsSOAP = `http://schemas.xmlsoap.org/soap/envelope/`
	tests := []struct {
		name string
		in   string
		f    receipt.Format
	}{
		{"bare receipt, no namespace", `<receipt>` + minimalReceipt + `</receipt>`, receipt.FormatReceiptV1},
		{"usual prefixes", `<soapenv:Envelope xmlns:soapenv="` + nsSOAP + `"><soapenv:Body><pafn:paSendRTReq xmlns:pafn="` + nsPA + `"><idPA>1</idPA><receipt>` + minimalReceipt + `</receipt></pafn:paSendRTReq></soapenv:Body></soapenv:Envelope>`, receipt.FormatReceiptV1},
		{"other prefixes", `<S:Envelope xmlns:S="` + nsSOAP + `"><S:Header/><S:Body><ns2:paSendRTV2Request xmlns:ns2="` + nsPA + `"><receipt>` + minimalReceipt + `</receipt></ns2:paSendRTV2Request></S:Body></S:Envelope>`, receipt.FormatReceiptV2},
		{"default namespaces", `<Envelope xmlns="` + nsSOAP + `"><Body><paSendRTV2Req xmlns="http://pagopa-api.pagopa.gov.it/node/nodeForPa.xsd"><receipt>` + minimalReceipt + `</receipt></paSendRTV2Req></Body></Envelope>`, receipt.FormatReceiptV2},
		{"bare request with prefixed children", `<p:paSendRTReq xmlns:p="` + nsPA + `"><p:receipt>` + strings.ReplaceAll(strings.ReplaceAll(minimalReceipt, "<", "<p:"), "<p:/", "</p:") + `</p:receipt></p:paSendRTReq>`, receipt.FormatReceiptV1},
		{"SOAP 1.2 envelope", `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><paSendRTV2Request><receipt>` + minimalReceipt + `</receipt></paSendRTV2Request></env:Body></env:Envelope>`, receipt.FormatReceiptV2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tt.f || r.ReceiptID != "R1" || r.PaymentAmountCents != 1000 || len(r.Transfers) != 1 ||
				r.Transfers[0].IBAN != "IT60X0542811101000000123456" || r.Debtor == nil || r.Debtor.FullName != "M" || len(r.Warnings) != 0 {
				t.Errorf("got %+v", r)
			}
		})
	}
}

func TestParseRTNamespaceVariants(t *testing.T) {
	rt := string(testdata(t, "rt.xml"))
	noPrefix := strings.ReplaceAll(strings.ReplaceAll(rt, "pay_i:", ""), "xmlns:pay_i=", "xmlns=")
	otherPrefix := strings.ReplaceAll(rt, "pay_i", "ns2")
	mbd := testdata(t, "mbd.xml")
	for name, in := range map[string]string{"default namespace": noPrefix, "prefix ns2": otherPrefix} {
		t.Run(name, func(t *testing.T) {
			got, err := receipt.Parse([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			diff(t, wantRT(mbd), got)
		})
	}
}

func TestParseUnknownElementsIgnored(t *testing.T) {
	mbd := testdata(t, "mbd.xml")
	const extra = `<x:extension xmlns:x="urn:example"><x:note>ignored</x:note><amount>oops</amount></x:extension>`
	v2 := string(testdata(t, "sendrtv2.xml"))
	for _, anchor := range []string{"<receipt>", "<transfer>", "<debtor>", "<uniqueIdentifier>", "<mapEntry>", "</transferList>", "<soapenv:Body>"} {
		v2 = strings.ReplaceAll(v2, anchor, anchor+extra)
	}
	got, err := receipt.Parse([]byte(v2))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, wantSendRTV2(mbd), got)

	rt := string(testdata(t, "rt.xml"))
	for _, anchor := range []string{"<pay_i:dominio>", "<pay_i:datiPagamento>", "<pay_i:datiSingoloPagamento>", "</pay_i:soggettoPagatore>"} {
		rt = strings.ReplaceAll(rt, anchor, anchor+extra)
	}
	got, err = receipt.Parse([]byte(rt))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, wantRT(mbd), got)
}

func TestParseVersionDetection(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		f     receipt.Format
		warns int
	}{
		{"bare, nothing V2", `<receipt>` + minimalReceipt + `</receipt>`, receipt.FormatReceiptV1, 0},
		{"bare with paymentNote", `<receipt>` + minimalReceipt + `<paymentNote>n</paymentNote></receipt>`, receipt.FormatReceiptV2, 0},
		{"bare with primaryCiIncurredFee", `<receipt>` + minimalReceipt + `<primaryCiIncurredFee>0.10</primaryCiIncurredFee></receipt>`, receipt.FormatReceiptV2, 0},
		{"bare with idBundle", `<receipt>` + minimalReceipt + `<idBundle>b</idBundle></receipt>`, receipt.FormatReceiptV2, 0},
		{"bare with idCiBundle", `<receipt>` + minimalReceipt + `<idCiBundle>b</idCiBundle></receipt>`, receipt.FormatReceiptV2, 0},
		{"bare with MBDAttachment", `<receipt>` + strings.Replace(minimalReceipt, `<IBAN>IT60X0542811101000000123456</IBAN>`, `<MBDAttachment>PGEvPg==</MBDAttachment>`, 1) + `</receipt>`, receipt.FormatReceiptV2, 0},
		{"V2 wrapper, nothing V2", `<paSendRTV2Request><receipt>` + minimalReceipt + `</receipt></paSendRTV2Request>`, receipt.FormatReceiptV2, 0},
		{"V1 wrapper with V2 elements", `<paSendRTReq><receipt>` + minimalReceipt + `<paymentNote>n</paymentNote></receipt></paSendRTReq>`, receipt.FormatReceiptV1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := receipt.Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tt.f || len(r.Warnings) != tt.warns {
				t.Errorf("format %q, warnings %v; want %q, %d warnings", r.Format, r.Warnings, tt.f, tt.warns)
			}
		})
	}
}

func TestParseMBDBase64(t *testing.T) {
	// "<a/>" is PGEvPg== in base64; white space inside is allowed.
	in := `<receipt>` + strings.Replace(minimalReceipt, `<IBAN>IT60X0542811101000000123456</IBAN>`, "<MBDAttachment>\n PGEv\r\n Pg==\n</MBDAttachment>", 1) + `</receipt>`
	r, err := receipt.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if tr := r.Transfers[0]; !tr.HasStamp || string(tr.UnverifiedMBD) != "<a/>" {
		t.Errorf("transfer %+v", tr)
	}
	for _, bad := range []string{"attachment", "PGEvPg", "PGEvPg=", "PG*vPg==", ""} {
		in := `<receipt>` + strings.Replace(minimalReceipt, `<IBAN>IT60X0542811101000000123456</IBAN>`, "<MBDAttachment>"+bad+"</MBDAttachment>", 1) + `</receipt>`
		r, err := receipt.Parse([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", bad, err)
		}
		if tr := r.Transfers[0]; !tr.HasStamp || tr.UnverifiedMBD != nil || len(r.Warnings) != 1 ||
			r.Warnings[0].Path != "receipt/transferList/transfer[1]/MBDAttachment" {
			t.Errorf("%q: transfer %+v, warnings %v", bad, tr, r.Warnings)
		}
	}
}

func TestParseStandInSpellings(t *testing.T) {
	for _, tt := range []struct {
		el   string
		want bool
		warn bool
	}{
		{"<standIn>true</standIn>", true, false},
		{"<standin>true</standin>", true, false},
		{"<standIn>1</standIn>", true, false},
		{"<standIn>0</standIn>", false, false},
		{"<standIn>false</standIn>", false, false},
		{"<standIn>yes</standIn>", false, true},
	} {
		r, err := receipt.Parse([]byte(`<receipt>` + minimalReceipt + tt.el + `</receipt>`))
		if err != nil {
			t.Fatal(err)
		}
		if r.StandIn != tt.want || (len(r.Warnings) > 0) != tt.warn {
			t.Errorf("%s: StandIn %v, warnings %v", tt.el, r.StandIn, r.Warnings)
		}
	}
}

func TestParseRTOutcomes(t *testing.T) {
	rt := string(testdata(t, "rt.xml"))
	for _, tt := range []struct {
		code, outcome string
		warn          bool
	}{
		{"0", "OK", false}, {"1", "KO", false}, {"2", "PARTIAL", false}, {"3", "KO", false}, {"4", "PARTIAL", false}, {"7", "KO", true},
	} {
		in := strings.Replace(rt, "<pay_i:codiceEsitoPagamento>0<", "<pay_i:codiceEsitoPagamento>"+tt.code+"<", 1)
		r, err := receipt.Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != tt.outcome || r.Legacy.OutcomeCode != tt.code || (len(r.Warnings) > 0) != tt.warn {
			t.Errorf("code %s: outcome %q, legacy %q, warnings %v", tt.code, r.Outcome, r.Legacy.OutcomeCode, r.Warnings)
		}
	}
}

func TestParseRTPSPFiscalCode(t *testing.T) {
	in := strings.Replace(string(testdata(t, "rt.xml")),
		"<pay_i:tipoIdentificativoUnivoco>B</pay_i:tipoIdentificativoUnivoco>\n      <pay_i:codiceIdentificativoUnivoco>BESPITRR<",
		"<pay_i:tipoIdentificativoUnivoco>G</pay_i:tipoIdentificativoUnivoco>\n      <pay_i:codiceIdentificativoUnivoco>01234567890<", 1)
	r, err := receipt.Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.PSPID != "01234567890" || r.PSPFiscalCode != "01234567890" {
		t.Errorf("PSPID %q, PSPFiscalCode %q", r.PSPID, r.PSPFiscalCode)
	}
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name    string
		replace [2]string // in minimalReceipt
		want    []receipt.Warning
	}{
		{"outcome", [2]string{"<outcome>OK<", "<outcome>MAYBE<"},
			[]receipt.Warning{w("receipt/outcome", "outcome is neither OK nor KO")}},
		{"empty companyName", [2]string{"<companyName>c<", "<companyName><"},
			[]receipt.Warning{w("receipt/companyName", "empty (the schema requires at least one character)")}},
		{"missing description", [2]string{"<description>d</description>", ""},
			[]receipt.Warning{w("receipt/description", "missing (the schema requires it)")}},
		{"notice number", [2]string{"<noticeNumber>302000000000000184<", "<noticeNumber>30200000000000018<"},
			[]receipt.Warning{w("receipt/noticeNumber", "not a notice number of 18 digits")}},
		{"fiscal code", [2]string{"<fiscalCode>01234567890<", "<fiscalCode>0123456789X<"},
			[]receipt.Warning{w("receipt/fiscalCode", "not a fiscal code of 11 digits")}},
		{"idTransfer", [2]string{"<idTransfer>1<", "<idTransfer>6<"},
			[]receipt.Warning{w("receipt/transferList/transfer[1]/idTransfer", "idTransfer outside 1 to 5")}},
		{"no IBAN", [2]string{"<IBAN>IT60X0542811101000000123456</IBAN>", ""},
			[]receipt.Warning{w("receipt/transferList/transfer[1]", "neither IBAN nor MBDAttachment")}},
		{"sum", [2]string{"<transferAmount>10.00<", "<transferAmount>9.99<"},
			[]receipt.Warning{w("receipt/transferList", "the transfers add up to 999 cents, the total is 1000")}},
		{"amount over the maximum", [2]string{"<paymentAmount>10.00<", "<paymentAmount>1000000000.00<"},
			[]receipt.Warning{
				w("receipt/paymentAmount", "amount above the schema's maximum 999999999.99"),
				w("receipt/transferList", "the transfers add up to 1000 cents, the total is 100000000000"),
			}},
		{"no debtor", [2]string{minimalReceipt[strings.Index(minimalReceipt, "<debtor>"):strings.Index(minimalReceipt, "<transferList>")], ""},
			[]receipt.Warning{w("receipt/debtor", "missing (the schema requires it)")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimalReceipt, tt.replace[0]) {
				t.Fatalf("%q not in the receipt", tt.replace[0])
			}
			in := `<receipt>` + strings.Replace(minimalReceipt, tt.replace[0], tt.replace[1], 1) + `</receipt>`
			r, err := receipt.Parse([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmpDiff(tt.want, r.Warnings); d != "" {
				t.Error(d)
			}
		})
	}
}

func TestParseAmounts(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{
		{"16.00", 1600}, {"0.35", 35}, {"0.00", 0}, {"000016.00", 1600}, {" 16.00\n", 1600},
		{"999999999.99", 99999999999}, {"1020.99", 102099},
	} {
		in := strings.Replace(`<receipt>`+minimalReceipt+`</receipt>`, "<paymentAmount>10.00<", "<paymentAmount>"+tt.in+"<", 1)
		r, err := receipt.Parse([]byte(in))
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if r.PaymentAmountCents != tt.want {
			t.Errorf("%q: %d cents, want %d", tt.in, r.PaymentAmountCents, tt.want)
		}
	}
}

func TestParseDateTimes(t *testing.T) {
	for _, tt := range []struct {
		in     string
		utc    time.Time
		offset int
	}{
		{"2024-09-25T11:24:01", time.Date(2024, 9, 25, 9, 24, 1, 0, time.UTC), 7200},
		{"2024-01-25T11:24:01", time.Date(2024, 1, 25, 10, 24, 1, 0, time.UTC), 3600},
		{"2024-09-25T11:24:01Z", time.Date(2024, 9, 25, 11, 24, 1, 0, time.UTC), 0},
		{"2024-09-25T11:24:01.123+05:30", time.Date(2024, 9, 25, 5, 54, 1, 123_000_000, time.UTC), 19800},
		{"2024-09-25T11:24:01.5-03:00", time.Date(2024, 9, 25, 14, 24, 1, 500_000_000, time.UTC), -10800},
		{"2024-12-31T24:00:00Z", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{"2024-02-29T00:00:00Z", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 0},
	} {
		in := `<receipt>` + minimalReceipt + `<paymentDateTime>` + tt.in + `</paymentDateTime></receipt>`
		r, err := receipt.Parse([]byte(in))
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !r.PaymentDateTime.Equal(tt.utc) {
			t.Errorf("%q: %v, want %v", tt.in, r.PaymentDateTime, tt.utc)
		}
		if _, off := r.PaymentDateTime.Zone(); off != tt.offset {
			t.Errorf("%q: offset %d, want %d", tt.in, off, tt.offset)
		}
	}
	for _, tt := range []struct {
		in   string
		want receipt.Date
	}{
		{"2024-02-29", receipt.Date{Year: 2024, Month: 2, Day: 29}},
		{"2024-09-25Z", receipt.Date{Year: 2024, Month: 9, Day: 25}},
		{"2024-09-25+02:00", receipt.Date{Year: 2024, Month: 9, Day: 25}},
	} {
		in := `<receipt>` + minimalReceipt + `<applicationDate>` + tt.in + `</applicationDate></receipt>`
		r, err := receipt.Parse([]byte(in))
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if *r.ApplicationDate != tt.want {
			t.Errorf("%q: %v, want %v", tt.in, r.ApplicationDate, tt.want)
		}
	}
}

func TestParseRawIsACopy(t *testing.T) {
	for _, name := range []string{"sendrtv2.xml", "receipt_v1_crlf_bom.xml", "gpd_receipt.json", "paainviart.xml"} {
		in := testdata(t, name)
		orig := bytes.Clone(in)
		r, err := receipt.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(r.Raw, orig) {
			t.Fatalf("%s: Raw is not the input", name)
		}
		id, mbd := r.ReceiptID, []byte(nil)
		for _, tr := range r.Transfers {
			if tr.UnverifiedMBD != nil {
				mbd = bytes.Clone(tr.UnverifiedMBD)
			}
		}
		for i := range in {
			in[i] = 'X'
		}
		if !bytes.Equal(r.Raw, orig) {
			t.Errorf("%s: Raw changed with the input", name)
		}
		if r.ReceiptID != id {
			t.Errorf("%s: ReceiptID changed with the input", name)
		}
		for _, tr := range r.Transfers {
			if tr.UnverifiedMBD != nil && !bytes.Equal(tr.UnverifiedMBD, mbd) {
				t.Errorf("%s: UnverifiedMBD changed with the input", name)
			}
		}
	}
}

// TestParseValuesDoNotPinMessage keeps only the receipt ids of many
// parsed receipts: they must not keep the messages alive (a substring
// of the message would hold all of its ~3.4 KB).
func TestParseValuesDoNotPinMessage(t *testing.T) {
	data, err := os.ReadFile("testdata/sendrtv2.xml")
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	ids := make([]string, 0, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		r, err := receipt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ReceiptID)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	// 2,000 ids of 32 bytes are 64 KB; pinned messages would be 7 MB.
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 1<<20 {
		t.Errorf("keeping %d receipt ids holds %d KB", n, grown>>10)
	}
	runtime.KeepAlive(ids)
}
