package noticepdf_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
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

func ExampleRenderer_Bulk() {
	single, err := os.ReadFile("testdata/single.json")
	if err != nil {
		log.Fatal(err)
	}
	var line bytes.Buffer
	if err := json.Compact(&line, single); err != nil {
		log.Fatal(err)
	}
	in := line.String() + "\n" + `{"templateId":"TemplateSingleInstalment","data":{}}` + "\n"

	r, err := noticepdf.NewRenderer()
	if err != nil {
		log.Fatal(err)
	}
	var out bytes.Buffer // a ZIP file in production
	rep, err := r.Bulk(context.Background(), strings.NewReader(in), &out, noticepdf.BulkOptions{Workers: 2})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d records, %d rendered, %d in errors.csv\n", rep.Records, rep.Rendered, rep.Failed)

	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// 2 records, 1 rendered, 1 in errors.csv
	// 302000000000000184.pdf
	// errors.csv
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
