package notice_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/pagokit/pagokit/notice"
)

func ExampleParse() {
	n, err := notice.Parse("302000000000000184")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.AuxDigit(), n.SegregationCode(), n.IUVBase(), n.CheckDigit())
	fmt.Println("IUV:", n.IUV())
	fmt.Println("printed:", n.Format())
	// Output:
	// 3 02 0000000000001 84
	// IUV: 02000000000000184
	// printed: 3020 0000 0000 0001 84
}

func ExampleParse_checkDigit() {
	_, err := notice.Parse("302012387654312384")
	fmt.Println(errors.Is(err, notice.ErrCheckDigit))

	var fe *notice.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Field)
	}

	n, _ := notice.ParseLenient("302012387654312384")
	fmt.Println(n.CheckDigitValid())
	// Output:
	// true
	// notice_number
	// false
}

func ExampleBuild() {
	n, err := notice.Build(notice.Parts{AuxDigit: 0, ApplicationCode: "01", Base: "0000000012345"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n, n.IUV())
	// Output: 001000000001234516 000000001234516
}

func ExampleGenerator() {
	g := &notice.Generator{
		AuxDigit:        3,
		SegregationCode: "02",
		// A persistent sequence in production; this one starts after 41.
		Sequence: notice.NewMemorySequence(41),
	}
	for i := 0; i < 2; i++ {
		n, err := g.Next(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(n)
	}
	// Output:
	// 302000000000004232
	// 302000000000004333
}

func ExampleNewRF() {
	rf, err := notice.NewRF("w9")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rf)
	_, err = notice.ParseRF("RF18 5390 0754 7034")
	fmt.Println(err)
	// Output:
	// RF45W9
	// <nil>
}

func ExampleQR_Payload() {
	n, _ := notice.Parse("302000000000000184")
	q := notice.QR{Number: n, FiscalCode: "01234567890", AmountCents: 13650}
	p, err := q.Payload()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)
	// Output: PAGOPA|002|302000000000000184|01234567890|13650
}

func ExampleParseQR() {
	q, err := notice.ParseQR("PAGOPA|002|302000000000000184|01234567890|13650")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Number.IUV(), q.FiscalCode, q.AmountCents)
	// Output: 02000000000000184 01234567890 13650
}

func ExampleDataMatrix_Codeline() {
	n, _ := notice.Parse("302000000000000184")
	d := notice.DataMatrix{
		Number:        n,
		PostalAccount: "12345678",
		AmountCents:   13650,
		FiscalCode:    "01234567890",
		DebtorName:    "Mario Rossi",
		Subject:       "TARI 2025",
	}
	cl, err := d.Codeline()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cl)
	p, _ := d.Payload()
	fmt.Println(len(p), p[:13])
	// Output:
	// 18302000000000000184120000123456781000000136503896
	// 256 codfase=NBPA;
}
