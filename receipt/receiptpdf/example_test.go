package receiptpdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/receiptpdf"
)

func Example() {
	paid := time.Date(2024, 9, 25, 9, 24, 1, 0, time.UTC) // 11:24:01 in Rome
	rc := &receipt.Receipt{
		Format:              receipt.FormatReceiptV2,
		ReceiptID:           "c110729d258c4ab1b765fe902aae41d6",
		NoticeNumber:        "348172725623804858",
		FiscalCode:          "80016350821",
		CreditorReferenceID: "48172725623804858",
		PaymentAmountCents:  1600, // 16,00 €
		Outcome:             "OK",
		Description:         "Imposta di bollo per istanza",
		CompanyName:         "Comune di Esempio",
		PSPID:               "BEXAITMM",
		PSPFiscalCode:       "01234567890",
		PSPCompanyName:      "Banca Esempio S.p.A.",
		PaymentDateTime:     &paid,
		ApplicationDate:     &receipt.Date{Year: 2024, Month: time.September, Day: 25},
		Transfers: []receipt.Transfer{{
			IDTransfer: 1, AmountCents: 1600, FiscalCode: "80016350821",
			HasStamp: true, RemittanceInformation: "Marca da bollo",
		}},
	}
	r, err := receiptpdf.New()
	if err != nil {
		log.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := r.Render(&pdf, rc); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", pdf.Bytes()[:7])
	// Output: %PDF-1.
}

func ExampleRenderer_Validate() {
	r, err := receiptpdf.New(receiptpdf.WithLang("en"))
	if err != nil {
		log.Fatal(err)
	}
	err = r.Validate(&receipt.Receipt{
		ReceiptID:          "c110729d258c4ab1b765fe902aae41d6",
		FiscalCode:         "80016350821",
		PaymentAmountCents: -100,
		Outcome:            "OK",
	})
	var ve *receiptpdf.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p.Path, errors.Is(p, receiptpdf.ErrMissing), errors.Is(p, receiptpdf.ErrAmount))
		}
	}
	// Output:
	// creditor_reference_id true false
	// payment_amount_cents false true
}
