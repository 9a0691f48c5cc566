package receiptpdf

import (
	"strings"
	"time"

	"github.com/pagokit/pagokit/receipt"
)

// Receipts used by the tests, written by hand. Every value the tests look
// for in the rendered PDF is written again, as it must be printed, in the
// tests themselves.

func cents(v int64) *int64 { return &v }

// fullReceipt is a paSendRTV2 receipt with every field set: two
// transfers, the second an @e.bollo digital stamp.
func fullReceipt() *receipt.Receipt {
	paid := time.Date(2024, 9, 25, 9, 24, 1, 0, time.UTC) // 11:24:01 in Rome (CEST)
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "c110729d258c4ab1b765fe902aae41d6",
		NoticeNumber:        "348172725623804858",
		FiscalCode:          "80016350821",
		CreditorReferenceID: "48172725623804858",
		PaymentAmountCents:  11650,
		Outcome:             "OK",
		Description:         "Diritti di segreteria per il rilascio della carta d'identità elettronica, pratica n. 2024/1234",
		CompanyName:         "Comune di Città Esempio",
		OfficeName:          "Ufficio Anagrafe e Stato Civile",
		Debtor: &receipt.Subject{
			EntityType: "F", EntityID: "RSSMRA80A01H501U", FullName: "Mario Rossi",
			StreetName: "Via Roma", CivicNumber: "1", PostalCode: "00100", City: "Roma",
			StateProvinceRegion: "RM", Country: "IT", Email: "mario.rossi@example.it",
		},
		Payer: &receipt.Subject{
			EntityType: "F", EntityID: "MLLHNS75C12Z112X", FullName: "Hans Müller-Weiß",
			StreetName: "Hauptstraße", CivicNumber: "12", PostalCode: "10115", City: "Berlin", Country: "DE",
		},
		PSPID:                     "BEXAITMM",
		PSPFiscalCode:             "01234567890",
		PSPVATNumber:              "IT01234567890",
		PSPCompanyName:            "Banca Esempio S.p.A.",
		ChannelID:                 "01234567890_01",
		ChannelDescription:        "app",
		PaymentMethod:             "CP",
		PaymentNote:               "Carrello 7f2c01",
		FeeCents:                  cents(150),
		PrimaryCIIncurredFeeCents: cents(0),
		PaymentDateTime:           &paid,
		ApplicationDate:           &receipt.Date{Year: 2024, Month: time.September, Day: 25},
		TransferDate:              &receipt.Date{Year: 2024, Month: time.September, Day: 27},
		StandIn:                   true,
		Transfers: []receipt.Transfer{
			{
				IDTransfer: 1, AmountCents: 10050, FiscalCode: "80016350821", CompanyName: "Comune di Città Esempio",
				IBAN: "IT60X0542811101000000123456", RemittanceInformation: "/RFB/48172725623804858/100.50/TXT/Diritti di segreteria",
				TransferCategory: "9/0101108TS/",
			},
			{
				IDTransfer: 2, AmountCents: 1600, FiscalCode: "80016350821", CompanyName: "Comune di Città Esempio",
				HasStamp: true, RemittanceInformation: "Imposta di bollo", TransferCategory: "9/0301116TS/9/24B0060000000017",
			},
		},
	}
}

// legacyReceipt is an RT: no notice number, an IUR per transfer, a CCP.
func legacyReceipt() *receipt.Receipt {
	paid := time.Date(2023, 1, 15, 10, 0, 0, 0, time.UTC) // 11:00:00 in Rome (CET)
	return &receipt.Receipt{
		Format:              receipt.FormatRT,
		ReceiptID:           "RT-2023-000123",
		FiscalCode:          "00123456789",
		CreditorReferenceID: "RF23567483937849450550",
		PaymentAmountCents:  5000,
		Outcome:             "OK",
		Description:         "Sanzione amministrativa, verbale 123/2023",
		CompanyName:         "Provincia di Esempio",
		Debtor: &receipt.Subject{
			EntityType: "G", EntityID: "09876543210", FullName: "Trasporti Esempio S.r.l.",
			StreetName: "Corso Italia", CivicNumber: "25/B", PostalCode: "20122", City: "Milano", StateProvinceRegion: "MI",
		},
		PSPID:           "POSTEXXX",
		PSPFiscalCode:   "97103880585",
		PSPCompanyName:  "Poste Esempio S.p.A.",
		ChannelID:       "97103880585_02",
		PaymentDateTime: &paid,
		ApplicationDate: &receipt.Date{Year: 2023, Month: time.January, Day: 16},
		Transfers: []receipt.Transfer{{
			IDTransfer: 1, AmountCents: 5000, FiscalCode: "00123456789",
			IBAN: "IT02A0301503200000003517230", RemittanceInformation: "/RFS/RF23567483937849450550/50.00",
			TransferCategory: "9/0101108TS/", IUR: "IUR20230115000123",
		}},
		Legacy: &receipt.Legacy{
			OutcomeCode:        "0",
			PaymentContextCode: "CCP0123456789",
			RequestMessageID:   "RPT-2023-000123",
			RequestDate:        &receipt.Date{Year: 2023, Month: time.January, Day: 15},
		},
	}
}

// longCausale is a causale of exactly 140 characters, the XSD maximum.
const longCausale = "Tassa sui rifiuti TARI anno 2024 e tributo provinciale TEFA, " +
	"utenza domestica di via dei Mille 42, saldo finale con conguaglio 2023 n. 77/24"

// manyReceipt is a receipt with five transfers (the XSD maximum) and a
// 140-character causale.
func manyReceipt() *receipt.Receipt {
	rc := fullReceipt()
	rc.Description = longCausale
	rc.PaymentAmountCents = 10000 + 2000 + 3000 + 4000 + 1600
	rc.Transfers = []receipt.Transfer{
		{IDTransfer: 1, AmountCents: 10000, FiscalCode: "80016350821", CompanyName: "Comune di Città Esempio",
			IBAN: "IT60X0542811101000000123456", RemittanceInformation: strings.Repeat("Quota TARI comunale ", 7)},
		{IDTransfer: 2, AmountCents: 2000, FiscalCode: "80012345678", CompanyName: "Città Metropolitana di Esempio, Settore Tributi e Ambiente",
			IBAN: "IT40S0542811101000000654321", RemittanceInformation: "Tributo provinciale per l'esercizio delle funzioni di tutela, protezione e igiene dell'ambiente (TEFA)"},
		{IDTransfer: 3, AmountCents: 3000, FiscalCode: "80099998887", CompanyName: "Unione dei Comuni della Valle",
			IBAN: "IT12A0123412345000000001234", RemittanceInformation: "Quota servizi"},
		{IDTransfer: 4, AmountCents: 4000, FiscalCode: "97000000004", CompanyName: "Consorzio di Bonifica Esempio",
			IBAN: "IT98B0200802435000104428964", RemittanceInformation: "Contributo consortile 2024"},
		{IDTransfer: 5, AmountCents: 1600, FiscalCode: "80016350821", CompanyName: "Comune di Città Esempio",
			HasStamp: true, RemittanceInformation: "Imposta di bollo"},
	}
	return rc
}

// minimalReceipt has only the mandatory fields.
func minimalReceipt() *receipt.Receipt {
	return &receipt.Receipt{
		ReceiptID:           "tok-1",
		FiscalCode:          "80016350821",
		CreditorReferenceID: "01000000000000017",
		PaymentAmountCents:  1600,
		Outcome:             "OK",
	}
}

// stampReceipt is the payment of a digital revenue stamp alone, as
// Checkout takes it (paSendRTV2 with an MBDAttachment).
func stampReceipt() *receipt.Receipt {
	paid := time.Date(2025, 2, 3, 16, 5, 9, 0, time.UTC) // 17:05:09 in Rome (CET)
	return &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "b6d1e0f2a3c44e5f8a9b0c1d2e3f4a5b",
		NoticeNumber:        "301000000000123456",
		FiscalCode:          "80016350821",
		CreditorReferenceID: "01000000000123456",
		PaymentAmountCents:  1600,
		Outcome:             "OK",
		Description:         "Imposta di bollo per istanza di autorizzazione",
		CompanyName:         "Comune di Città Esempio",
		Debtor:              &receipt.Subject{EntityType: "F", EntityID: "VRDGPP80A01F205X", FullName: "Giuseppe Verdi"},
		PSPID:               "BEXAITMM",
		PSPFiscalCode:       "01234567890",
		PSPCompanyName:      "Banca Esempio S.p.A.",
		PaymentDateTime:     &paid,
		ApplicationDate:     &receipt.Date{Year: 2025, Month: time.February, Day: 3},
		Transfers: []receipt.Transfer{{
			IDTransfer: 1, AmountCents: 1600, FiscalCode: "80016350821", HasStamp: true,
			RemittanceInformation: "Marca da bollo istanza 2025/77",
		}},
	}
}

// stressReceipt fills every text to MaxText characters, words and codes
// without spaces alike: it spans pages.
func stressReceipt() *receipt.Receipt {
	words := func(seed string) string {
		s := strings.Repeat(seed+" ", MaxText/2)
		return strings.TrimSpace(string([]rune(s)[:MaxText]))
	}
	code := strings.Repeat("W", MaxText)
	rc := fullReceipt()
	rc.ReceiptID, rc.CreditorReferenceID, rc.NoticeNumber = code, code, strings.Repeat("9", MaxText)
	rc.FiscalCode, rc.PSPID, rc.PSPFiscalCode, rc.PSPVATNumber = code, code, code, code
	rc.Description, rc.CompanyName, rc.OfficeName = words("Causale"), words("Comune"), words("Ufficio")
	rc.PSPCompanyName, rc.ChannelDescription, rc.ChannelID = words("Banca"), words("Canale"), code
	rc.PaymentMethod, rc.PaymentNote = words("Metodo"), words("Nota")
	rc.PaymentAmountCents, rc.FeeCents = 99_999_999_999, cents(99_999_999_999)
	rc.Outcome = words("ESITO")
	for _, sj := range []*receipt.Subject{rc.Debtor, rc.Payer} {
		sj.EntityID, sj.FullName, sj.StreetName, sj.City, sj.Email = code, words("Nome"), words("Via"), words("Città"), code
	}
	rc.Transfers = nil
	for i := 1; i <= MaxTransfers; i++ {
		rc.Transfers = append(rc.Transfers, receipt.Transfer{
			IDTransfer: i, AmountCents: 99_999_999_999, FiscalCode: code, CompanyName: words("Ente"),
			IBAN: code, RemittanceInformation: words("Versamento"), IUR: code, HasStamp: i == 5,
		})
	}
	rc.Legacy = &receipt.Legacy{OutcomeCode: words("X"), PaymentContextCode: code}
	return rc
}
