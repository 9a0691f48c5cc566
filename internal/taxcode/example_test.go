package taxcode_test

import (
	"errors"
	"fmt"

	"github.com/pagokit/pagokit/internal/taxcode"
)

func ExampleValidate() {
	for _, s := range []string{
		"RSSMRA80A01H501U", // personal code
		"rssmra80a01h501u", // case does not matter
		"00743110157",      // numeric code
		"RSSMRA80A01H501A", // wrong check character
		"RSSMRA80A32H501U", // day 32
	} {
		fmt.Println(taxcode.Validate(s))
	}
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// taxcode: check character mismatch at position 16
	// taxcode: invalid day at position 10
}

func ExampleValidatePerson() {
	err := taxcode.ValidatePerson("RSSMRA80F01H501U")
	fmt.Println(errors.Is(err, taxcode.ErrMonth))
	// Output: true
}

func ExampleValidateNumeric() {
	fmt.Println(taxcode.ValidateNumeric("00743110157"))
	fmt.Println(taxcode.ValidateNumeric("00743110158"))
	// Output:
	// <nil>
	// taxcode: check character mismatch at position 11
}

func ExampleValidateVAT() {
	fmt.Println(taxcode.ValidateVAT("01114601006"))
	fmt.Println(taxcode.ValidateVAT("IT01114601006"))
	fmt.Println(taxcode.ValidateVAT("IT0111460100X"))
	// Output:
	// <nil>
	// <nil>
	// taxcode: invalid character at position 13
}

func ExampleCheckChar() {
	c, err := taxcode.CheckChar("RCCMNL83S18D969")
	fmt.Printf("%c %v\n", c, err)
	// Output: H <nil>
}

func ExampleCheckDigit() {
	d, err := taxcode.CheckDigit("0074311015")
	fmt.Printf("%c %v\n", d, err)
	// Output: 7 <nil>
}

func ExampleBase() {
	base, err := taxcode.Base("RSSMRA80A01H50MM")
	fmt.Println(base, err)
	// Output: RSSMRA80A01H501U <nil>
}

func ExampleIsOmocode() {
	fmt.Println(taxcode.IsOmocode("RSSMRA80A01H50MM"))
	fmt.Println(taxcode.IsOmocode("RSSMRA80A01H501U"))
	// Output:
	// true
	// false
}

func ExampleError() {
	err := taxcode.Validate("RSSMRA80A01H5O1U") // letter O instead of zero
	var e *taxcode.Error
	if errors.As(err, &e) {
		fmt.Println(e.Pos, e.Err == taxcode.ErrSyntax)
	}
	// Output: 14 true
}
