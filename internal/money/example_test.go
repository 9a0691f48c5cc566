package money_test

import (
	"errors"
	"fmt"

	"github.com/pagokit/pagokit/internal/money"
)

func ExampleFormatDecimal() {
	fmt.Println(money.FormatDecimal(1600))
	fmt.Println(money.FormatDecimal(5))
	fmt.Println(money.FormatDecimal(102099))
	// Output:
	// 16.00
	// 0.05
	// 1020.99
}

func ExampleParseDecimal() {
	cents, err := money.ParseDecimal("1020.99")
	fmt.Println(cents, err)

	_, err = money.ParseDecimal("16.0")
	fmt.Println(err)
	fmt.Println(errors.Is(err, money.ErrSyntax))
	// Output:
	// 102099 <nil>
	// money.ParseDecimal: invalid syntax: "16.0"
	// true
}

func ExampleFormatComma() {
	fmt.Println(money.FormatComma(102099))
	// Output: 1020,99
}

func ExampleParseComma() {
	cents, err := money.ParseComma("16,00")
	fmt.Println(cents, err)
	// Output: 1600 <nil>
}

func ExampleFormatItalian() {
	fmt.Println(money.FormatItalian(102099))
	fmt.Println(money.FormatItalian(money.MaxPagoPA))
	// Output:
	// 1.020,99
	// 999.999.999,99
}

func ExampleParseItalian() {
	for _, s := range []string{"1.020,99", "1020,99", "10.20,99"} {
		cents, err := money.ParseItalian(s)
		fmt.Println(cents, err)
	}
	// Output:
	// 102099 <nil>
	// 0 money.ParseItalian: invalid syntax: "1020,99"
	// 0 money.ParseItalian: invalid syntax: "10.20,99"
}

func ExampleFormatEnglish() {
	fmt.Println(money.FormatEnglish(102099))
	// Output: 1,020.99
}

func ExampleCheckPagoPA() {
	fmt.Println(money.CheckPagoPA(1600))
	fmt.Println(money.CheckPagoPA(0))

	err := money.CheckPagoPA(money.MaxPagoPA + 1)
	fmt.Println(errors.Is(err, money.ErrTooLarge))
	// Output:
	// <nil>
	// money.CheckPagoPA: amount not positive: "0.00"
	// true
}

func ExampleError() {
	_, err := money.ParseItalian("92.233.720.368.547.758,08")
	var e *money.Error
	if errors.As(err, &e) {
		fmt.Println(e.Func, e.Input, e.Err == money.ErrRange)
	}
	// Output: ParseItalian 92.233.720.368.547.758,08 true
}
