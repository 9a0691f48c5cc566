package noticepdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/pagokit/pagokit/notice"
	"github.com/pagokit/pagokit/notice/noticepdf"
)

func Example() {
	num, err := notice.Parse("302000000000000184")
	if err != nil {
		log.Fatal(err)
	}
	n := &noticepdf.Notice{
		Subject: "Tassa sui rifiuti (TARI) 2025",
		Creditor: noticepdf.Creditor{
			FiscalCode: "80016350821",
			Name:       "Comune di Esempio",
			Sector:     "Ufficio Tributi",
			CBILL:      "AB12C",
		},
		Debtor: noticepdf.Debtor{
			FiscalCode: "RSSMRA80A01H501U",
			Name:       "Mario Rossi",
			Address:    "Via Roma 1, 90100 Palermo (PA)",
		},
		Number:  num,
		Amount:  13650, // 136,50 €
		DueDate: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	r, err := noticepdf.NewRenderer()
	if err != nil {
		log.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := r.Render(&pdf, n); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(pdf.String(), "%PDF-"))
	// Output: true
}

func ExampleParseRequest() {
	req, err := noticepdf.ParseRequest([]byte(`{
	  "templateId": "TemplateSingleInstalment",
	  "data": {
	    "creditorInstitution": {"taxCode": "80016350821", "fullName": "Comune di Esempio"},
	    "debtor": {"fullName": "Mario Rossi", "address": "Via Roma", "buildingNumber": "1",
	               "postalCode": "90100", "city": "Palermo", "province": "PA"},
	    "notice": {"subject": "TARI 2025", "paymentAmount": 0, "code": "302000000000000185"}
	  }
	}`))
	if err != nil {
		log.Fatal(err)
	}
	_, err = req.Notice(nil)
	var ve *noticepdf.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p.Path, errors.Is(p, noticepdf.ErrAmount))
		}
	}
	// Output:
	// data.notice.code false
	// data.notice.paymentAmount true
}
